from django.apps import AppConfig


class EngagementsConfig(AppConfig):
    name = "handoff.domain.engagements"
    label = "engagements"
    verbose_name = "Engagements"
