from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "coalesce.core"
    label = "core"
