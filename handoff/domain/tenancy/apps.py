from django.apps import AppConfig


class TenancyConfig(AppConfig):
    name = "handoff.domain.tenancy"
    label = "tenancy"
    verbose_name = "Tenancy"
