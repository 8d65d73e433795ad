from django.apps import AppConfig


class GoalsConfig(AppConfig):
    name = "coalesce.goals"
    label = "goals"
    verbose_name = "Goals"
