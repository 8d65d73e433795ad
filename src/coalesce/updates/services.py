"""Every write of updates: posting, receipts (read, acknowledged), replies, settings.

Receipts and the naming preference are not written to the audit log on purpose: the
log names its actors to admins, and would tell them who read or acknowledged what —
exactly what a member who chose "count me, but do not name me" asked not to be told.
Posting, replying and changing the coalition's settings are audited.
"""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from coalesce.accounts.models import hash_token
from coalesce.coalitions.models import (
    Committee,
    CommitteeKind,
    CommitteeSeat,
    Membership,
    MembershipStatus,
    Person,
)
from coalesce.coalitions.services.audit import record_by
from coalesce.core.errors import Conflict, DomainError, NotFound
from coalesce.core.validation import clean_text
from coalesce.updates import policy, tasks
from coalesce.updates.limits import MAX_BODY, MAX_REPLY, MAX_TITLE, MAX_TOKEN
from coalesce.updates.models import ReaderPreference, Receipt, Reply, Update, UpdateSettings

ACTIVE = MembershipStatus.ACTIVE


def _committee(actor, committee_id):
    if committee_id in (None, ""):
        return None
    try:
        committee_id = int(committee_id)
    except (TypeError, ValueError):
        raise DomainError(
            _("Choose the whole coalition or one of its committees."), "committee"
        ) from None
    committee = Committee.objects.filter(coalition=actor.coalition, pk=committee_id).first()
    if committee is None:
        raise DomainError(_("There is no such committee in this coalition."), "committee")
    return committee


def audience(update) -> dict[int, int]:
    """The recipients of ``update``: person id → the active membership they read it
    through. Everyone with an account in an active membership, for the whole coalition;
    for a committee, the people its seats (and the steering committee's) name — a seat of
    a whole membership names all its people, a seat through one person only them."""
    rows = Person.objects.filter(
        coalition_id=update.coalition_id, user__isnull=False, user__is_active=True
    ).values_list(
        "id",
        "own_membership__id",
        "own_membership__status",
        "organisation__membership__id",
        "organisation__membership__status",
    )
    active = {}
    for person_id, own, own_status, org, org_status in rows:
        membership_id = own if own_status == ACTIVE else (org if org_status == ACTIVE else None)
        if membership_id:
            active[person_id] = membership_id
    if update.committee_id is None:
        return active
    seats = CommitteeSeat.objects.filter(
        Q(committee_id=update.committee_id) | Q(committee__kind=CommitteeKind.STEERING),
        committee__coalition_id=update.coalition_id,
        membership_id__in=set(active.values()),
    ).values_list("membership_id", "person_id")
    seated = set()
    for membership_id, person_id in seats:
        if person_id is None:
            seated |= {p for p, m in active.items() if m == membership_id}
        elif active.get(person_id) == membership_id:
            seated.add(person_id)
    return {p: m for p, m in active.items() if p in seated}


def _own_membership(actor):
    return Membership.objects.filter(id__in=actor.own_membership_ids, status=ACTIVE).first()


@transaction.atomic
def post_update(
    actor, *, title, body, committee_id=None, asks_acknowledgement=False, site_url=""
) -> Update:
    """Post an update to the whole coalition (``committee_id`` None) or one committee;
    every recipient gets a receipt, and the e-mails are queued (``tasks.send_update``)."""
    policy.require(actor, "updates.post")
    committee = _committee(actor, committee_id)
    if not policy.allows(actor, "update.post_to", committee):
        raise DomainError(
            _("You may not post an update to this committee.")
            if committee is not None
            else _("You may not post an update to the whole coalition."),
            "committee",
        )
    update = Update.objects.create(
        coalition=actor.coalition,
        committee=committee,
        author=actor.user,
        author_membership=_own_membership(actor),
        title=clean_text(title, "title", max_length=MAX_TITLE),
        body=clean_text(body, "body", max_length=MAX_BODY),
        asks_acknowledgement=bool(asks_acknowledgement),
    )
    Receipt.objects.bulk_create(
        Receipt(update=update, person_id=person_id, membership_id=membership_id)
        for person_id, membership_id in audience(update).items()
        if person_id not in actor.person_ids  # the author is not a reader of their own
    )
    record_by(actor, "update.post", update, fields=("title", "body", "committee"))
    tasks.send_update.enqueue(update.id, site_url)
    return update


def _visible(actor, update_id, *, lock=False) -> Update:
    found = Update.objects.filter(coalition=actor.coalition, pk=update_id)
    update = (found.select_for_update() if lock else found).first()
    policy.require(actor, "update.view", update)
    return update


def _my_receipt(actor, update) -> Receipt:
    """The actor's receipt, made now for someone who joined the audience after posting."""
    person = Person.objects.get(pk=min(actor.person_ids))
    receipt = Receipt.objects.select_for_update().filter(update=update, person=person).first()
    if receipt is None:
        membership = _own_membership(actor)
        receipt = Receipt.objects.create(update=update, person=person, membership=membership)
    return receipt


@transaction.atomic
def mark_read(actor, update_id) -> Receipt:
    """The actor opened the update in the app and says so (the first time counts)."""
    update = _visible(actor, update_id)
    policy.require(actor, "update.read", update)
    receipt = _my_receipt(actor, update)
    if receipt.opened_at is None:
        receipt.opened_at = timezone.now()
        receipt.save(update_fields=["opened_at"])
    return receipt


@transaction.atomic
def acknowledge(actor, update_id) -> Receipt:
    """The actor acknowledges the update in the app (which also marks it read); a second
    acknowledgement is refused and changes nothing."""
    update = _visible(actor, update_id)
    policy.require(actor, "update.acknowledge", update)
    receipt = _my_receipt(actor, update)
    if receipt.acknowledged_at is not None:
        raise Conflict(_("You have already acknowledged this update."))
    now = timezone.now()
    receipt.acknowledged_at = now
    receipt.opened_at = receipt.opened_at or now
    receipt.save(update_fields=["acknowledged_at", "opened_at"])
    return receipt


def receipt_for_link(token, coalition) -> Receipt:
    """The receipt a link's token names in ``coalition``: NotFound for a forged or
    mistyped token, or one whose recipient is no longer an active member."""
    token = str(token or "")[:MAX_TOKEN]
    receipt = (
        Receipt.objects.select_related("update", "membership")
        .filter(token_hash=hash_token(token), update__coalition=coalition)
        .first()
        if token
        else None
    )
    if (
        receipt is None
        or not receipt.update.asks_acknowledgement
        or receipt.membership.status != ACTIVE
    ):
        raise NotFound(_("This acknowledgement link is not valid. Open the update in Coalesce."))
    return receipt


@transaction.atomic
def acknowledge_by_link(actor, token) -> Receipt:
    """The e-mail's single-use link: acknowledges for the recipient it was sent to
    (it does not count as opened in the app). Used, or forged, it changes nothing."""
    policy.require(actor, "update.acknowledge_link")
    found = receipt_for_link(token, actor.coalition)
    receipt = Receipt.objects.select_for_update().get(pk=found.pk)
    if receipt.acknowledged_at is not None:
        raise Conflict(_("This link has already been used: the update is acknowledged."))
    receipt.acknowledged_at = timezone.now()
    receipt.save(update_fields=["acknowledged_at"])
    return receipt


@transaction.atomic
def reply(actor, update_id, *, body) -> Reply:
    """Reply under an update; for a recipient, replying also marks it read."""
    update = _visible(actor, update_id)
    policy.require(actor, "update.reply", update)
    answer = Reply.objects.create(
        update=update,
        author=actor.user,
        author_membership=_own_membership(actor),
        body=clean_text(body, "body", max_length=MAX_REPLY),
    )
    if policy.allows(actor, "update.read", update):
        mark_read(actor, update.id)
    record_by(actor, "update.reply", answer, fields=("body",))
    return answer


@transaction.atomic
def set_settings(actor, *, members_may_post) -> UpdateSettings:
    policy.require(actor, "updates.settings")
    found, _created = UpdateSettings.objects.select_for_update().get_or_create(
        coalition=actor.coalition
    )
    found.members_may_post = bool(members_may_post)
    found.save(update_fields=["members_may_post"])
    record_by(actor, "updates.settings", found, fields=("members_may_post",))
    return found


@transaction.atomic
def set_preference(actor, *, counted_not_named) -> ReaderPreference:
    """The actor's own choice: counted, but never named, in who read or acknowledged."""
    policy.require(actor, "updates.preference")
    person = Person.objects.get(pk=min(actor.person_ids))
    found, _created = ReaderPreference.objects.select_for_update().get_or_create(person=person)
    found.counted_not_named = bool(counted_not_named)
    found.save(update_fields=["counted_not_named"])
    return found


def mark_delivered(receipt_ids) -> int:
    """A digest carried these receipts' updates to their readers (the digests app calls
    this once per batch, in the transaction that sends it)."""
    return Receipt.objects.filter(pk__in=receipt_ids, delivered_at__isnull=True).update(
        delivered_at=timezone.now()
    )
