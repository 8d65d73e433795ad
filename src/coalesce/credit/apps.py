from django.apps import AppConfig


class CreditConfig(AppConfig):
    name = "coalesce.credit"
    verbose_name = "Credit"
