from django.apps import AppConfig


class InterviewsConfig(AppConfig):
    name = "handoff.domain.interviews"
    label = "interviews"
    verbose_name = "Interviews"
