from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "coalesce.demo"
    verbose_name = "Demo and synthetic data"
