from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "handoff.domain.matching"
    label = "matching"
    verbose_name = "Candidate matching"

    def ready(self) -> None:
        from handoff.domain.matching import signals

        signals.connect()
