from django.apps import AppConfig


class AssuranceConfig(AppConfig):
    name = "handoff.domain.assurance"
    label = "assurance"
    verbose_name = "Assurance (maker-checker, QA, CSAT)"

    def ready(self) -> None:
        from handoff.domain.assurance import signals  # noqa: F401  (the CSAT survey on resolution)
