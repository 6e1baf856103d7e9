from django.apps import AppConfig


class AdvisorConfig(AppConfig):
    name = "handoff.domain.advisor"
    label = "advisor"
    verbose_name = "Advisor"
