"""Reminders of unfinished minutes, run by the task worker (django-tasks).

The worker queues ``remind_minutes_task`` when it starts (``schedule_reminders``,
registered with ``core.schedule``); each run e-mails the organiser of every meeting that
ended ``MINUTES_REMINDER_AFTER_HOURS`` ago with its minutes still open (once per
meeting), then queues itself again ``EVERY`` later.
"""

from datetime import timedelta

from django.core import mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from coalesce.core import schedule
from coalesce.core.links import absolute_url
from coalesce.core.localisation import as_reader
from coalesce.meetings.limits import MINUTES_REMINDER_AFTER_HOURS
from coalesce.meetings.models import Meeting, MeetingStatus

EVERY = timedelta(hours=1)


def due_reminders(now=None):
    """Scheduled meetings started long enough ago, minutes open, not reminded yet (the
    longest meeting lasts a day: the length is checked in Python)."""
    now = now or timezone.now()
    wait = timedelta(hours=MINUTES_REMINDER_AFTER_HOURS)
    rows = Meeting.objects.filter(
        status=MeetingStatus.SCHEDULED,
        minutes_closed_at__isnull=True,
        minutes_reminded_at__isnull=True,
        starts_at__lte=now - wait,
        created_by__isnull=False,
    ).select_related("coalition", "created_by")
    return [m for m in rows if m.ends_at + wait <= now]


def send_reminders(now=None, site_url="") -> int:
    sent = 0
    for meeting in due_reminders(now):
        with transaction.atomic():
            locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
            if locked.minutes_reminded_at or locked.minutes_closed_at:
                continue
            url = absolute_url(site_url, "meetings:meeting", meeting.coalition.slug, meeting.pk)
            with as_reader(meeting.created_by, time_zone=meeting.coalition.time_zone):
                body = render_to_string(
                    "meetings/email/minutes_reminder.txt",
                    {"meeting": meeting, "coalition": meeting.coalition, "url": url},
                )
                subject = _("Minutes to finish: %(title)s") % {"title": meeting.title}
            mail.send_mail(subject, body, None, [meeting.created_by.email])
            locked.minutes_reminded_at = timezone.now()
            locked.save(update_fields=["minutes_reminded_at"])
            sent += 1
    return sent


@task()
def remind_minutes_task() -> int:
    try:
        return send_reminders()
    finally:
        schedule_reminders(after=EVERY)


def schedule_reminders(after: timedelta = timedelta(0)) -> bool:
    return schedule.queue_unless_waiting(remind_minutes_task, after)
