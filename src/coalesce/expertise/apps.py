from django.apps import AppConfig


class ExpertiseConfig(AppConfig):
    name = "coalesce.expertise"
    verbose_name = "Expertise"
