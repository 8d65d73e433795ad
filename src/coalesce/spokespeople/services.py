"""Every write of the spokespeople domain: mandates, safety opt-outs, voice requests and
their assignments. Keyword-only, one transaction each, policy first, audited.

The rotation itself is ``rules`` (pure) over what ``rotation`` reads. An expired or ended
mandate never speaks: assigning or accepting under one is a 409 and changes nothing.
"""

import re
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from coalesce.coalitions.models import Membership, MembershipStatus, Person
from coalesce.coalitions.services.audit import record_by
from coalesce.core.errors import Conflict, DomainError, NotFound
from coalesce.core.validation import clean_choice, clean_date, clean_id, clean_text
from coalesce.spokespeople import policy, rotation
from coalesce.spokespeople.limits import MAX_LANGUAGE, MAX_REGION, MAX_TITLE, MAX_TOPIC
from coalesce.spokespeople.models import (
    Assignment,
    AssignmentStatus,
    Mandate,
    RequestKind,
    SafetyOptOut,
    VoiceRequest,
)

LANGUAGE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})?$")


# --- cleaning ------------------------------------------------------------------------


def clean_topic(value, field="topic") -> str:
    """A topic slug; a focus area's name ("Police oversight") becomes "police-oversight"."""
    topic = slugify(clean_text(value, field, max_length=MAX_TOPIC))
    if not topic:
        raise DomainError(_("Name the topic with letters or digits."), field)
    return topic


def clean_language(value, field="language") -> str:
    language = clean_text(value, field, max_length=MAX_LANGUAGE).lower().replace("_", "-")
    if not LANGUAGE.match(language):
        raise DomainError(_("Enter a language code, such as en, fr or pt-br."), field)
    return language


def clean_region(value, field="region") -> str:
    return " ".join(clean_text(value, field, max_length=MAX_REGION, required=False).split())


def _required_date(value, field) -> date:
    day = clean_date(value, field)
    if day is None:
        raise DomainError(_("This field is required."), field)
    return day


def _expired_message(mandate) -> str:
    if mandate.ended_at is not None:
        return _("This mandate has ended: it can no longer speak for the coalition.")
    return _("This mandate expired on %(day)s: renew it first.") % {
        "day": mandate.expires_on.isoformat()
    }


def valid_for(mandate, day) -> bool:
    """The mandate may speak on ``day`` and has not expired by today."""
    return mandate.covers(day) and mandate.expires_on >= timezone.localdate()


# --- mandates ------------------------------------------------------------------------


def grant_mandate(
    actor, *, membership_id, topic, language, region="", starts_on, expires_on, person_id=None
) -> Mandate:
    """The steering committee authorises a member to speak on a topic, in a language, for
    a region (empty: coalition-wide), until a date; optionally through one of its people."""
    policy.require(actor, "spokespeople.grant")
    fields = {
        "topic": clean_topic(topic),
        "language": clean_language(language),
        "region": clean_region(region),
        "starts_on": _required_date(starts_on, "starts_on"),
        "expires_on": _required_date(expires_on, "expires_on"),
    }
    if fields["expires_on"] < fields["starts_on"]:
        raise DomainError(_("A mandate cannot expire before it starts."), "expires_on")
    if fields["expires_on"] < timezone.localdate():
        raise DomainError(_("This date is past: the mandate would be expired."), "expires_on")
    with transaction.atomic():
        membership = _member(actor, membership_id)
        person = _speaker(membership, person_id)
        mandate = Mandate.objects.create(
            coalition=actor.coalition,
            membership=membership,
            person=person,
            granted_by=actor.user,
            **fields,
        )
        record_by(actor, "spokespeople.grant", mandate)
        return mandate


def renew_mandate(actor, mandate_id, *, expires_on) -> Mandate:
    policy.require(actor, "spokespeople.grant")
    day = _required_date(expires_on, "expires_on")
    with transaction.atomic():
        mandate = _mandate(actor, mandate_id)
        if mandate.ended_at is not None:
            raise Conflict(_("This mandate has ended; grant a new one."))
        if day < max(mandate.starts_on, timezone.localdate()):
            raise DomainError(_("Choose a date from today on, after the start."), "expires_on")
        mandate.expires_on = day
        mandate.save(update_fields=["expires_on"])
        record_by(actor, "spokespeople.renew", mandate, fields=["expires_on"])
        return mandate


def end_mandate(actor, mandate_id) -> Mandate:
    """End a mandate now. A voice it was proposed for passes to the next in line."""
    policy.require(actor, "spokespeople.grant")
    with transaction.atomic():
        mandate = _mandate(actor, mandate_id)
        if mandate.ended_at is not None:
            raise Conflict(_("This mandate has ended already."))
        mandate.ended_at = timezone.now()
        mandate.save(update_fields=["ended_at"])
        _withdraw(actor, Assignment.objects.filter(mandate=mandate))
        record_by(actor, "spokespeople.end", mandate)
        return mandate


# --- safety opt-out ------------------------------------------------------------------


def set_opt_out(actor, membership_id, *, opted_out) -> bool:
    """The member (or the steering committee) says the organisation must never be
    proposed as a voice, for its safety; or that it may be again. Proposals waiting for
    its answer are withdrawn and pass on, leaving no trace that it was asked."""
    if not isinstance(opted_out, bool):
        raise DomainError(_("Choose yes or no."), "opted_out")
    with transaction.atomic():
        membership = (
            Membership.objects.select_for_update()
            .filter(coalition=actor.coalition, pk=clean_id(membership_id, "membership_id"))
            .first()
        )
        if membership is None:
            raise NotFound()
        policy.require(actor, "spokespeople.opt_out", membership)
        if opted_out:
            SafetyOptOut.objects.get_or_create(membership=membership, coalition=actor.coalition)
            pending = Assignment.objects.filter(membership=membership)
            _withdraw(actor, pending.filter(request__coalition=actor.coalition))
        else:
            SafetyOptOut.objects.filter(membership=membership).delete()
        record_by(actor, "spokespeople.safety_setting", membership)
        return opted_out


# --- requests and assignments ----------------------------------------------------------


def request_voice(actor, *, title, kind, topic, language, region="", needed_on) -> VoiceRequest:
    """A statement, media request or event needs a voice: the request is recorded and the
    organisation whose turn it is is proposed (none when no mandate matches)."""
    policy.require(actor, "spokespeople.request")
    fields = {
        "title": clean_text(title, "title", max_length=MAX_TITLE),
        "kind": clean_choice(kind, RequestKind, "kind"),
        "topic": clean_topic(topic),
        "language": clean_language(language),
        "region": clean_region(region),
        "needed_on": _required_date(needed_on, "needed_on"),
    }
    if fields["needed_on"] < timezone.localdate():
        raise DomainError(_("This date is past."), "needed_on")
    with transaction.atomic():
        request = VoiceRequest.objects.create(
            coalition=actor.coalition, created_by=actor.user, **fields
        )
        _propose_next(request)
        record_by(actor, "spokespeople.request", request)
        return request


def assign_voice(actor, request_id, *, mandate_id) -> Assignment:
    """The steering committee chooses the voice itself (a proposal waiting for an answer
    is withdrawn). The mandate must match the request and be valid on its day."""
    policy.require(actor, "spokespeople.request")
    with transaction.atomic():
        request = _request(actor, request_id)
        mandate = _mandate(actor, mandate_id, field="mandate_id")
        if (mandate.topic, mandate.language, mandate.region) != (
            request.topic,
            request.language,
            request.region,
        ):
            raise DomainError(
                _("This mandate is for another topic, language or region."), "mandate_id"
            )
        if not valid_for(mandate, request.needed_on):
            raise Conflict(_expired_message(mandate), "mandate_id")
        if (
            mandate.membership.status != MembershipStatus.ACTIVE
            or SafetyOptOut.objects.filter(membership_id=mandate.membership_id).exists()
        ):
            raise Conflict(_("This organisation cannot be asked to speak."), "mandate_id")
        open_turns = request.assignments.exclude(status=AssignmentStatus.DECLINED)
        if open_turns.filter(status=AssignmentStatus.ACCEPTED).exists():
            raise Conflict(_("This request has its voice already."))
        open_turns.delete()
        request.assignments.filter(membership_id=mandate.membership_id).delete()
        assignment = Assignment.objects.create(
            request=request, mandate=mandate, membership_id=mandate.membership_id
        )
        record_by(actor, "spokespeople.assign", assignment)
        return assignment


def answer_assignment(actor, assignment_id, *, accept) -> Assignment:
    """The organisation asked (or the steering committee for it) accepts or declines.
    Declining passes the voice to the next in line."""
    if not isinstance(accept, bool):
        raise DomainError(_("Choose accept or decline."), "accept")
    with transaction.atomic():
        assignment = (
            Assignment.objects.select_for_update()
            .select_related("mandate", "request")
            .filter(request__coalition=actor.coalition, pk=clean_id(assignment_id, "assignment_id"))
            .first()
        )
        if assignment is None:
            raise NotFound()
        policy.require(actor, "spokespeople.answer", assignment)
        if assignment.status != AssignmentStatus.PROPOSED:
            raise Conflict(_("This has been answered already."))
        if accept and not valid_for(assignment.mandate, assignment.request.needed_on):
            raise Conflict(_expired_message(assignment.mandate))
        assignment.status = AssignmentStatus.ACCEPTED if accept else AssignmentStatus.DECLINED
        assignment.answered_at = timezone.now()
        assignment.save(update_fields=["status", "answered_at"])
        if not accept:
            _propose_next(assignment.request)
        record_by(actor, f"spokespeople.{assignment.status}", assignment)
        return assignment


# --- helpers -------------------------------------------------------------------------


def _propose_next(request) -> Assignment | None:
    asked = set(request.assignments.values_list("membership_id", flat=True))
    mandate = rotation.next_mandate(request.coalition, rotation.need_of(request), asked=asked)
    if mandate is None:
        return None
    return Assignment.objects.create(
        request=request, mandate=mandate, membership_id=mandate.membership_id
    )


def _withdraw(actor, assignments) -> None:
    """Withdraw proposals still waiting for an answer (as if never made) and propose the
    next voice for each of their requests."""
    pending = list(
        assignments.filter(status=AssignmentStatus.PROPOSED).select_related("request__coalition")
    )
    for assignment in pending:
        assignment.delete()
    for assignment in pending:
        _propose_next(assignment.request)


def _member(actor, membership_id) -> Membership:
    membership = (
        Membership.objects.filter(
            coalition=actor.coalition, pk=clean_id(membership_id, "membership_id")
        )
        .select_related("organisation")
        .first()
    )
    if membership is None:
        raise NotFound(_("There is no such member."), "membership_id")
    if membership.status != MembershipStatus.ACTIVE:
        raise Conflict(_("Only an active member can hold a mandate."), "membership_id")
    return membership


def _speaker(membership, person_id) -> Person | None:
    if person_id in (None, ""):
        return None
    person = Person.objects.filter(
        coalition_id=membership.coalition_id, pk=clean_id(person_id, "person_id")
    ).first()
    belongs = person is not None and (
        (membership.organisation_id and person.organisation_id == membership.organisation_id)
        or membership.person_id == person.id
    )
    if not belongs:
        raise DomainError(_("This person does not speak for this member."), "person_id")
    return person


def _mandate(actor, mandate_id, *, field=None) -> Mandate:
    """The coalition's mandate, locked; ``field`` names the input it came from (None:
    the address, whose 404 is a page of its own)."""
    mandate = (
        Mandate.objects.select_for_update()
        .select_related("membership")
        .filter(coalition=actor.coalition, pk=clean_id(mandate_id, field or "mandate_id"))
        .first()
    )
    if mandate is None:
        raise NotFound(_("There is no such mandate."), field)
    return mandate


def _request(actor, request_id) -> VoiceRequest:
    request = (
        VoiceRequest.objects.select_for_update()
        .filter(coalition=actor.coalition, pk=clean_id(request_id, "request_id"))
        .first()
    )
    if request is None:
        raise NotFound()
    return request
