from django.apps import AppConfig


class AutomationConfig(AppConfig):
    name = "handoff.domain.automation"
    label = "automation"
    verbose_name = "Automation"

    def ready(self) -> None:
        from handoff.domain.automation import receivers  # noqa: F401  (connects the signal receivers)
