from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "coalesce.meetings"
    label = "meetings"
    verbose_name = "Meetings"
