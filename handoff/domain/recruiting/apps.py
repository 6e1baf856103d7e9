from django.apps import AppConfig


class RecruitingConfig(AppConfig):
    name = "handoff.domain.recruiting"
    label = "recruiting"
    verbose_name = "Recruiting"
