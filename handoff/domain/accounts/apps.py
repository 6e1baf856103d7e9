from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "handoff.domain.accounts"
    label = "accounts"
    verbose_name = "Accounts"
