from django.apps import AppConfig


class GroundworkConfig(AppConfig):
    name = "coalesce.groundwork"
    verbose_name = "Groundwork"
