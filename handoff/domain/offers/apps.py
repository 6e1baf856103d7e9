from django.apps import AppConfig


class OffersConfig(AppConfig):
    name = "handoff.domain.offers"
    label = "offers"
    verbose_name = "Offers, onboarding and quality of hire"
