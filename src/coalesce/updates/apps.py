from django.apps import AppConfig


class UpdatesConfig(AppConfig):
    name = "coalesce.updates"
    verbose_name = "Updates"
