from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "coalesce.accounts"
    label = "accounts"
