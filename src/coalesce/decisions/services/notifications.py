"""Notifications: electors are told when a decision opens, and mark what they have read."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coalesce.coalitions.models import Person
from coalesce.decisions import policy, tasks
from coalesce.decisions.models import Elector, Notification


def _elector_user_ids(proposal) -> set[int]:
    """The accounts behind a proposal's electors: people who are electors themselves, and
    the people of the memberships (own or their organisation's) that are."""
    electors = Elector.objects.filter(proposal=proposal)
    with_account = Person.objects.filter(user__isnull=False)
    people = with_account.filter(pk__in=electors.filter(person__isnull=False).values("person_id"))
    of_organisations = with_account.filter(
        organisation__membership__in=electors.values("membership_id")
    )
    of_own = with_account.filter(own_membership__in=electors.values("membership_id"))
    return {
        user_id
        for found in (people, of_organisations, of_own)
        for user_id in found.values_list("user_id", flat=True)
    }


def notify_electorate(proposal):
    """Notify the electorate of a decision just opened, and e-mail them once committed
    (``tasks`` is imported as a module: it imports the services in turn)."""
    text = _("A decision is open: %(title)s") % {"title": proposal.title[:200]}
    Notification.objects.bulk_create(
        Notification(user_id=uid, coalition=proposal.coalition, proposal=proposal, text=text)
        for uid in _elector_user_ids(proposal)
    )
    transaction.on_commit(lambda: tasks.email_electorate.enqueue(proposal.id))


@transaction.atomic
def mark_notifications_read(actor, ids=None) -> int:
    """Mark the actor's unread notifications in this coalition as read (only ``ids`` if
    given); returns how many changed."""
    policy.require(actor, "decisions.list")
    unread = Notification.objects.filter(
        user=actor.user, coalition=actor.coalition, read_at__isnull=True
    )
    if ids is not None:
        unread = unread.filter(pk__in=list(ids))
    return unread.update(read_at=timezone.now())
