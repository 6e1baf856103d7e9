from django.apps import AppConfig


class TaxonomyConfig(AppConfig):
    name = "handoff.domain.taxonomy"
    label = "taxonomy"
    verbose_name = "Skills and occupations"
