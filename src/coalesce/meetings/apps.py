from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "coalesce.meetings"
    label = "meetings"
    verbose_name = "Meetings"

    def ready(self):
        # Imported here: the task module uses the models, which are loaded only now.
        from coalesce.core import schedule
        from coalesce.meetings import tasks

        schedule.register(tasks.schedule_reminders)
