from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "handoff.domain.operations"
    label = "operations"
    verbose_name = "BPO operations"
