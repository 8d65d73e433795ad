from django.apps import AppConfig


class SpokespeopleConfig(AppConfig):
    name = "coalesce.spokespeople"
    verbose_name = "Spokespeople"
