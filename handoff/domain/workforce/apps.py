from django.apps import AppConfig


class WorkforceConfig(AppConfig):
    name = "handoff.domain.workforce"
    label = "workforce"
    verbose_name = "Workforce management"
