from django.apps import AppConfig


class HealthConfig(AppConfig):
    name = "coalesce.health"
    label = "health"
    verbose_name = "Health checks"
