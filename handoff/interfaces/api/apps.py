from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "handoff.interfaces.api"
    label = "api"
