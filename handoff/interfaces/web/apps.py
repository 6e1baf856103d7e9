from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "handoff.interfaces.web"
    label = "web"
