from django.apps import AppConfig


class TenancyConfig(AppConfig):
    name = "handoff.domain.tenancy"
    label = "tenancy"
    verbose_name = "Tenancy"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in
        from django.db.backends.signals import connection_created

        from handoff.domain.tenancy import rls

        connection_created.connect(rls.on_connection_created, dispatch_uid="tenancy.rls.connection")
        user_logged_in.connect(rls.on_user_logged_in, dispatch_uid="tenancy.rls.login")
