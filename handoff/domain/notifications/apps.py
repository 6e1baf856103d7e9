from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "handoff.domain.notifications"
    label = "notifications"
    verbose_name = "Notifications"

    def ready(self) -> None:
        from handoff.domain.notifications import receivers

        receivers.connect()
