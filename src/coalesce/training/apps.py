from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "coalesce.training"
    label = "training"
