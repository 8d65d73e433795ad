from django.apps import AppConfig


class CoalitionsConfig(AppConfig):
    name = "coalesce.coalitions"
    label = "coalitions"
