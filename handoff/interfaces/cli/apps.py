from django.apps import AppConfig


class CliConfig(AppConfig):
    name = "handoff.interfaces.cli"
    label = "cli"
