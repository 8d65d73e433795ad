from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "coalesce.decisions"
    label = "decisions"
