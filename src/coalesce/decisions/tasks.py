"""Background work for decisions, run by the task queue (django-tasks).

Decisions whose voting window has ended are closed here, on a schedule: the task worker
queues ``close_due_proposals_task`` when it starts (``schedule_closing``, registered with
``core.schedule`` by the app), and each run queues the next one
``CLOSE_DUE_EVERY`` later. ``manage.py close_due_decisions`` does the same by hand.
"""

from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mass_mail
from django.utils.translation import gettext as _
from django_tasks import task

from coalesce.core import schedule
from coalesce.decisions.models import Notification, Proposal
from coalesce.decisions.services.closing import close_due_proposals

CLOSE_DUE_EVERY = timedelta(seconds=60)


@task()
def email_electorate(proposal_id: int) -> int:
    """E-mail every elector with an account that a decision is open; returns how many."""
    proposal = Proposal.objects.select_related("coalition").get(pk=proposal_id)
    emails = (
        Notification.objects.filter(proposal=proposal)
        .values_list("user__email", flat=True)
        .distinct()
    )
    subject = _("[%(coalition)s] A decision is open") % {"coalition": proposal.coalition.name}
    body = _(
        "“%(title)s” is open for decision until %(closes)s (UTC).\n"
        "Sign in to Coalesce to read it and take part."
    ) % {"title": proposal.title, "closes": proposal.closes_at.strftime("%Y-%m-%d %H:%M")}
    messages = [(subject, body, settings.DEFAULT_FROM_EMAIL, [email]) for email in emails]
    return send_mass_mail(messages, fail_silently=False)


@task()
def close_due_proposals_task() -> int:
    """Close the decisions whose window has ended, then queue the next run."""
    try:
        return close_due_proposals()
    finally:
        schedule_closing(after=CLOSE_DUE_EVERY)


def schedule_closing(after: timedelta = timedelta(0)) -> bool:
    """Queue ``close_due_proposals_task`` to run ``after`` from now, unless a run is
    already waiting; whether it queued one."""
    return schedule.queue_unless_waiting(close_due_proposals_task, after)
