from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "handoff.domain.webhooks"
    label = "webhooks"
    verbose_name = "Webhooks"

    def ready(self) -> None:
        from handoff.domain.webhooks import signals

        signals.connect()
