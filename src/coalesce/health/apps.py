from django.apps import AppConfig


class HealthConfig(AppConfig):
    name = "coalesce.health"
    label = "health"
    verbose_name = "Health checks"

    def ready(self):
        # Imported here: the task module uses the models, which are loaded only now.
        from coalesce.core import schedule
        from coalesce.health import tasks

        schedule.register(tasks.schedule_release)
