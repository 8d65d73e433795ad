"""Writes to a coalition's expertise: a member's offers and needs, requests for help,
responses, closing a request. Each validates, checks the policy, writes in one
transaction and leaves an audit record (``coalitions.services.audit.record_by``)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coalesce.coalitions.models import Membership
from coalesce.coalitions.services.audit import record_by
from coalesce.core.errors import Conflict, Forbidden, NotFound
from coalesce.core.validation import clean_choice, clean_id, clean_text
from coalesce.expertise import policy
from coalesce.expertise.limits import (
    MAX_ENTRIES_PER_MEMBER,
    MAX_ENTRY_TEXT,
    MAX_REQUEST_TEXT,
    MAX_RESPONSE,
)
from coalesce.expertise.models import (
    Entry,
    HelpRequest,
    Kind,
    RequestStatus,
    Response,
    Side,
    Topic,
)
from coalesce.expertise.rules import clean_language
from coalesce.expertise.selectors import acting_membership, visible_requests


def _acting(actor) -> Membership:
    """The active membership the actor acts for; Forbidden when there is none."""
    membership = acting_membership(actor)
    if membership is None:
        raise Forbidden(_("Only an active member's people can do this."))
    return membership


def _membership_for_list(actor, membership_id) -> Membership:
    """The membership whose list is changed: the actor's own, or (steering committee)
    the one named."""
    if membership_id is None:
        membership = _acting(actor)
    else:
        membership = (
            Membership.objects.filter(
                coalition=actor.coalition, pk=clean_id(membership_id, "membership_id")
            )
            .select_for_update()
            .first()
        )
        if membership is None:
            raise NotFound(field="membership_id")
    policy.require(actor, "expertise.edit", membership)
    return membership


@transaction.atomic
def add_entry(actor, *, side, kind, topic, text, language="", membership_id=None) -> Entry:
    """List something a member offers or needs (its own, or any for the steering
    committee)."""
    policy.require(actor, "expertise.edit")
    side = clean_choice(side, Side, "side")
    kind = clean_choice(kind, Kind, "kind")
    topic = clean_choice(topic, Topic, "topic")
    text = clean_text(text, "text", max_length=MAX_ENTRY_TEXT)
    language = clean_language(language)
    membership = _membership_for_list(actor, membership_id)
    if membership.expertise.count() >= MAX_ENTRIES_PER_MEMBER:
        raise Conflict(
            _("A member lists at most %(n)d offers and needs; remove one first.")
            % {"n": MAX_ENTRIES_PER_MEMBER}
        )
    entry = Entry.objects.create(
        coalition=actor.coalition,
        membership=membership,
        side=side,
        kind=kind,
        topic=topic,
        language=language,
        text=text,
        created_by=actor.user,
    )
    record_by(actor, "expertise.entry_added", entry, fields=("side", "kind", "topic", "text"))
    return entry


@transaction.atomic
def remove_entry(actor, entry_id) -> None:
    policy.require(actor, "expertise.view")
    entry = (
        Entry.objects.filter(coalition=actor.coalition, pk=clean_id(entry_id))
        .select_related("membership")
        .select_for_update()
        .first()
    )
    if entry is None:
        raise NotFound()
    policy.require(actor, "expertise.edit", entry.membership)
    record_by(actor, "expertise.entry_removed", entry)
    entry.delete()


@transaction.atomic
def post_request(actor, *, topic, text, language="") -> HelpRequest:
    """An active member asks for help, for its organisation."""
    policy.require(actor, "expertise.request")
    topic = clean_choice(topic, Topic, "topic")
    text = clean_text(text, "text", max_length=MAX_REQUEST_TEXT)
    language = clean_language(language)
    membership = _acting(actor)
    request = HelpRequest.objects.create(
        coalition=actor.coalition,
        membership=membership,
        topic=topic,
        language=language,
        text=text,
        created_by=actor.user,
    )
    record_by(actor, "expertise.request_posted", request, fields=("topic", "text"))
    return request


def _request(actor, request_id, *, lock=True) -> HelpRequest:
    """A request the actor may see (its asker listed for the actor), else NotFound."""
    rows = visible_requests(actor).filter(pk=clean_id(request_id))
    found = (rows.select_for_update(of=("self",)) if lock else rows).first()
    if found is None:
        raise NotFound()
    return found


@transaction.atomic
def respond(actor, request_id, *, message) -> Response:
    """An active member answers another member's open request, once."""
    policy.require(actor, "expertise.request")
    message = clean_text(message, "message", max_length=MAX_RESPONSE)
    request = _request(actor, request_id)
    policy.require(actor, "expertise.respond", request)
    if request.status != RequestStatus.OPEN:
        raise Conflict(_("This request is closed; it takes no more responses."))
    membership = _acting(actor)
    if request.responses.filter(membership=membership).exists():
        raise Conflict(_("Your organisation has answered this request already."), "message")
    response = Response.objects.create(
        request=request, membership=membership, message=message, created_by=actor.user
    )
    record_by(actor, "expertise.responded", response, fields=("message",))
    return response


@transaction.atomic
def close_request(actor, request_id) -> HelpRequest:
    """The member that asked (or the steering committee) closes a request."""
    policy.require(actor, "expertise.view")
    request = _request(actor, request_id)
    policy.require(actor, "expertise.close", request)
    if request.status == RequestStatus.CLOSED:
        raise Conflict(_("This request is closed already."))
    request.status = RequestStatus.CLOSED
    request.closed_at = timezone.now()
    request.save(update_fields=["status", "closed_at"])
    record_by(actor, "expertise.request_closed", request, fields=("status",))
    return request
