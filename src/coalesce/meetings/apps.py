from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "coalesce.meetings"
    label = "meetings"
    verbose_name = "Meetings"

    def ready(self):
        # Imported here: the task module uses the models, which are loaded only now.
        from coalesce.coalitions import awaiting
        from coalesce.core import schedule
        from coalesce.goals import hooks
        from coalesce.meetings import selectors, tasks

        schedule.register(tasks.schedule_reminders)
        hooks.register_task_origins(selectors.task_origins)
        awaiting.register("poll", selectors.polls_awaiting_me, selectors.meeting_url)
