from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "handoff.domain.imports"
    label = "imports"
    verbose_name = "Candidate import and export"
