"""Reads of updates, each filtered by what the actor may see; pages and the API share them.

Authors and repliers are named from their membership as it is when read, through the
visibility rules (``member_label``). Counts are taken over the receipts of members the
viewer may see listed, and only members whose identity the viewer may see, and who did
not choose to be counted but not named, are named.
"""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _

from coalesce.coalitions import policy as coalition_policy
from coalesce.coalitions.awaiting import waiting_rows
from coalesce.coalitions.models import Committee
from coalesce.coalitions.selectors import member_row
from coalesce.core.errors import NotFound
from coalesce.updates import policy, rules
from coalesce.updates.limits import LIST_LIMIT
from coalesce.updates.models import ReaderPreference, Receipt, Update, UpdateSettings

_AUTHOR = ("committee", "author_membership__organisation", "author_membership__person")


def member_label(actor, membership) -> str:
    """How ``actor`` sees who wrote something: the member's name or alias, "A member"
    for one the actor may not see listed, "Coalition staff" for staff without one."""
    if membership is None:
        return _("Coalition staff")
    if not coalition_policy.is_listed(actor, membership):
        return _("A member")
    return member_row(actor, membership).name


def _labelled(actor, items):
    items = list(items)
    for item in items:
        item.author_label = member_label(actor, item.author_membership)
    return items


def _audience(actor):
    """The updates the actor may see: the whole coalition's and their committees' (all of
    them for the steering committee)."""
    found = Update.objects.filter(coalition=actor.coalition)
    if not actor.has(coalition_policy.Role.STEERING):
        found = found.filter(Q(committee__isnull=True) | Q(committee_id__in=actor.committee_ids))
    return found


def _visible(actor):
    found = _audience(actor)
    mine = Receipt.objects.filter(update=OuterRef("pk"), person_id__in=actor.person_ids)
    return found.annotate(
        my_opened_at=Subquery(mine.values("opened_at")[:1]),
        my_acknowledged_at=Subquery(mine.values("acknowledged_at")[:1]),
        reply_count=Count("replies", distinct=True),
    ).select_related(*_AUTHOR)


def updates(actor) -> list:
    """The newest updates the actor may see (at most ``LIST_LIMIT``), each with the
    actor's own state: ``my_opened_at``, ``my_acknowledged_at`` (None: not yet)."""
    policy.require(actor, "updates.list")
    return _labelled(actor, _visible(actor).order_by("-created_at", "-id")[:LIST_LIMIT])


def to_acknowledge(actor):
    """Updates that ask their readers to acknowledge them, which the actor reads
    (``policy`` "update.read": in the audience, not the author) and has not acknowledged:
    the dashboard's "what needs you"."""
    if not (actor.has(coalition_policy.Role.MEMBER) and actor.person_ids):
        return None
    acknowledged = Receipt.objects.filter(
        update=OuterRef("pk"), person_id__in=actor.person_ids, acknowledged_at__isnull=False
    )
    found = (
        _audience(actor)
        .filter(asks_acknowledgement=True)
        .exclude(Exists(acknowledged))
        .exclude(author_id=getattr(actor.user, "id", None))
    )
    return waiting_rows(found, "acknowledge", order=("-created_at", "-id"))


def update_url(actor, pk) -> str:
    return reverse("updates:update", args=[actor.coalition.slug, pk])


def unseen(actor):
    """Updates the actor may see and has not opened in the app (receipt or not: someone
    who joined the audience after an update was posted has none yet)."""
    policy.require(actor, "updates.list")
    opened = Receipt.objects.filter(
        update=OuterRef("pk"), person_id__in=actor.person_ids, opened_at__isnull=False
    )
    return _visible(actor).exclude(Exists(opened)).exclude(author=actor.user)


@dataclass(frozen=True)
class Unsent:
    """An update a reader has neither been e-mailed nor opened, as that reader sees it."""

    receipt_id: int
    update: Update
    author_label: str


def unsent_unseen(actors: dict) -> dict[int, list[Unsent]]:
    """For a digest, in one query for a whole batch: person id → the updates they have
    not been e-mailed and have not opened, oldest first, that they may still read now
    (a seat given up since, or a suspended membership, takes an update out).
    ``actors``: person id → that person's actor."""
    receipts = (
        Receipt.objects.filter(
            person_id__in=actors, delivered_at__isnull=True, opened_at__isnull=True
        )
        .select_related(*(f"update__{field}" for field in _AUTHOR))
        .order_by("update__created_at", "update_id")
    )
    found: dict[int, list[Unsent]] = {person_id: [] for person_id in actors}
    for receipt in receipts:
        reader = actors[receipt.person_id]
        if policy.allows(reader, "update.read", receipt.update):
            label = member_label(reader, receipt.update.author_membership)
            found[receipt.person_id].append(Unsent(receipt.id, receipt.update, label))
    return found


def update(actor, update_id) -> Update:
    found = _visible(actor).filter(pk=update_id).first()
    if found is None:
        raise NotFound()
    policy.require(actor, "update.view", found)
    (found,) = _labelled(actor, [found])
    return found


def replies(actor, update) -> list:
    policy.require(actor, "update.view", update)
    return _labelled(
        actor,
        update.replies.select_related(
            "author_membership__organisation", "author_membership__person"
        ).order_by("created_at", "id"),
    )


def _reader_name(actor, receipt) -> str | None:
    if receipt.not_named or not coalition_policy.sees_identity(actor, receipt.membership):
        return None
    return member_row(actor, receipt.membership).name


def counts(actor, update) -> rules.Tally:
    """Delivered / opened in the app / acknowledged, for the author and the steering
    committee; over the recipients the viewer may see listed."""
    policy.require(actor, "update.counts", update)
    hidden = ReaderPreference.objects.filter(person=OuterRef("person_id"), counted_not_named=True)
    receipts = (
        update.receipts.filter(coalition_policy.listed_memberships_filter(actor, "membership__"))
        .annotate(not_named=Exists(hidden))
        .select_related("membership__organisation", "membership__person")
    )
    return rules.tally(
        rules.ReceiptFacts(
            delivered=r.delivered_at is not None,
            opened=r.opened_at is not None,
            acknowledged=r.acknowledged_at is not None,
            name=_reader_name(actor, r),
        )
        for r in receipts
    )


def audiences(actor) -> list[tuple[str, str]]:
    """Where the actor may post: ("", the whole coalition) and (committee id, its name)."""
    choices = []
    if policy.allows(actor, "update.post_to", None):
        choices.append(("", _("The whole coalition")))
    for committee in Committee.objects.filter(coalition=actor.coalition).order_by("name", "id"):
        if policy.allows(actor, "update.post_to", committee):
            choices.append((str(committee.id), committee.name))
    return choices


def settings(actor) -> UpdateSettings:
    policy.require(actor, "updates.settings")
    found = UpdateSettings.objects.filter(coalition=actor.coalition).first()
    return found or UpdateSettings(coalition=actor.coalition)


def preference(actor) -> ReaderPreference:
    policy.require(actor, "updates.preference")
    person_id = min(actor.person_ids)
    found = ReaderPreference.objects.filter(person_id=person_id).first()
    return found or ReaderPreference(person_id=person_id)
