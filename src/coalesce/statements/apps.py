from django.apps import AppConfig


class StatementsConfig(AppConfig):
    name = "coalesce.statements"
    verbose_name = "Statements"
