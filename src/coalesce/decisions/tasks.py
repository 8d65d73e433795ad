"""Background work for decisions, run by the task queue (django-tasks)."""

from django.conf import settings
from django.core.mail import send_mass_mail
from django.utils.translation import gettext as _
from django_tasks import task


@task()
def email_electorate(proposal_id: int) -> int:
    """E-mail every elector with an account that a decision is open; returns how many."""
    from coalesce.decisions.models import Notification, Proposal

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
    from coalesce.decisions.services import close_due_proposals

    return close_due_proposals()
