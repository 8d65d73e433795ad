from django.apps import AppConfig


class FinanceConfig(AppConfig):
    name = "coalesce.finance"
    verbose_name = "Finance"
