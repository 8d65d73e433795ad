"""Reads of the spokespeople domain, already filtered and masked for the actor.

A membership appears (by name, or by alias where its identity is hidden) only where the
actor may see it listed (C11), and an organisation that opted out for safety appears
only to itself, the steering committee and custodians: its mandates, turns and the fact
that it opted out are simply absent for everybody else — never "skipped".
"""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch
from django.utils import timezone

from coalesce.coalitions.models import Membership
from coalesce.coalitions.policy import is_listed, listed_memberships_filter, sees_identity
from coalesce.coalitions.selectors import member_row
from coalesce.core.errors import NotFound
from coalesce.core.validation import clean_date
from coalesce.spokespeople import policy, rotation, services
from coalesce.spokespeople.limits import MAX_ROWS
from coalesce.spokespeople.models import (
    Assignment,
    AssignmentStatus,
    Mandate,
    SafetyOptOut,
    VoiceRequest,
)
from coalesce.spokespeople.rules import Need

_MEMBER = ("membership__organisation", "membership__person")


def _opted_out(prefix="membership_id"):
    return Exists(SafetyOptOut.objects.filter(membership_id=OuterRef(prefix)))


def shown(actor, membership, opted_out: bool) -> bool:
    """Whether this membership's spokespeople rows may be shown to the actor at all."""
    return is_listed(actor, membership) and (not opted_out or policy.knows_of(actor, membership.id))


@dataclass(frozen=True)
class MandateRow:
    mandate: Mandate
    member: object  # coalitions.selectors.MemberRow
    speaker: str  # the person who speaks, "" when none or hidden
    state: str  # valid, upcoming, expired, ended
    opted_out: bool  # only ever True for those who may know

    def __getattr__(self, name):
        """The mandate's own fields (id, topic, language, region, dates)."""
        if name.startswith("__") or name == "mandate":  # copying, pickling: not delegated
            raise AttributeError(name)
        return getattr(self.mandate, name)


def mandate_state(mandate, today) -> str:
    if mandate.ended_at is not None:
        return "ended"
    if mandate.expires_on < today:
        return "expired"
    return "upcoming" if mandate.starts_on > today else "valid"


def _mandate_row(actor, mandate, today) -> MandateRow:
    membership = mandate.membership
    person = mandate.person
    return MandateRow(
        mandate=mandate,
        member=member_row(actor, membership),
        speaker=person.full_name if person and sees_identity(actor, membership) else "",
        state=mandate_state(mandate, today),
        opted_out=mandate.opted_out,
    )


def _mandates(actor, today):
    """Mandates of memberships listed for the actor; expired and ended ones only for the
    steering committee (it renews them). Opted-out ones are dropped by ``shown``."""
    mandates = (
        Mandate.objects.filter(coalition=actor.coalition)
        .filter(listed_memberships_filter(actor, "membership__"))
        .select_related(*_MEMBER, "person")
        .annotate(opted_out=_opted_out())
    )
    if not policy.allows(actor, "spokespeople.grant"):
        mandates = mandates.filter(ended_at__isnull=True, expires_on__gte=today)
    return mandates


def roster(actor, *, topic="", language="") -> list[MandateRow]:
    """The mandates the actor may see, filtered by topic and language."""
    policy.require(actor, "spokespeople.view")
    today = timezone.localdate()
    mandates = _mandates(actor, today)
    if topic:
        mandates = mandates.filter(topic=str(topic)[:60])
    if language:
        mandates = mandates.filter(language=str(language)[:12].lower())
    return [
        _mandate_row(actor, m, today)
        for m in mandates[:MAX_ROWS]
        if shown(actor, m.membership, m.opted_out)
    ]


def mandate(actor, mandate_id) -> MandateRow:
    policy.require(actor, "spokespeople.view")
    today = timezone.localdate()
    found = _mandates(actor, today).filter(pk=mandate_id).first()
    if found is None or not shown(actor, found.membership, found.opted_out):
        raise NotFound()
    return _mandate_row(actor, found, today)


def topics(actor) -> list[str]:
    """Topics of the mandates in the roster, for its filter (no membership involved)."""
    return sorted(
        set(Mandate.objects.filter(coalition=actor.coalition).values_list("topic", flat=True))
    )[:MAX_ROWS]


@dataclass(frozen=True)
class TurnRow:
    assignment: Assignment
    member: object  # MemberRow
    mandate: MandateRow

    @property
    def id(self):
        return self.assignment.id

    @property
    def status(self):
        return self.assignment.status


@dataclass(frozen=True)
class RequestRow:
    request: VoiceRequest
    voice: TurnRow | None  # the one proposed or accepted, if the actor may see it
    history: list  # declined turns: to the steering committee and the organisation itself

    def __getattr__(self, name):
        """The request's own fields (id, title, kind, topic, …)."""
        if name.startswith("__") or name == "request":  # copying, pickling: not delegated
            raise AttributeError(name)
        return getattr(self.request, name)


def _assignments():
    return Prefetch(
        "assignments",
        queryset=Assignment.objects.select_related(*_MEMBER, "mandate__person").annotate(
            opted_out=_opted_out()
        ),
    )


def _request_row(actor, request, today) -> RequestRow:
    voice, history = None, []
    for assignment in request.assignments.all():
        if not shown(actor, assignment.membership, assignment.opted_out):
            continue
        assignment.mandate.opted_out = assignment.opted_out
        assignment.mandate.membership = assignment.membership  # the same row, read once
        turn = TurnRow(
            assignment,
            member_row(actor, assignment.membership),
            _mandate_row(actor, assignment.mandate, today),
        )
        # Who was asked and what they answered stays between the organisation and the
        # steering committee; everybody else sees the voice once it accepted.
        if assignment.status == AssignmentStatus.ACCEPTED:
            voice = turn
        elif not policy.knows_of(actor, assignment.membership_id):
            continue
        elif assignment.status == AssignmentStatus.PROPOSED:
            voice = turn
        else:
            history.append(turn)
    return RequestRow(request, voice, history)


def requests(actor) -> list[RequestRow]:
    """Voice requests, newest day first, with the voice the actor may see."""
    policy.require(actor, "spokespeople.view")
    today = timezone.localdate()
    found = VoiceRequest.objects.filter(coalition=actor.coalition).prefetch_related(_assignments())
    return [_request_row(actor, r, today) for r in found[:MAX_ROWS]]


def request(actor, request_id) -> RequestRow:
    policy.require(actor, "spokespeople.view")
    found = (
        VoiceRequest.objects.filter(coalition=actor.coalition, pk=request_id)
        .prefetch_related(_assignments())
        .first()
    )
    if found is None:
        raise NotFound()
    return _request_row(actor, found, timezone.localdate())


def request_of_assignment(actor, assignment_id) -> int:
    """The request an assignment belongs to (its page is where it is answered)."""
    policy.require(actor, "spokespeople.view")
    found = (
        Assignment.objects.filter(pk=assignment_id, request__coalition=actor.coalition)
        .values_list("request_id", flat=True)
        .first()
    )
    if found is None:
        raise NotFound()
    return found


def assignable(actor, voice_request) -> list[MandateRow]:
    """Mandates the steering committee may assign to this request by hand: valid on its
    day, of active members not opted out and not asked yet."""
    if not policy.allows(actor, "spokespeople.request"):
        return []
    asked = voice_request.assignments.values("membership_id")
    mandates = (
        rotation.matching_mandates(actor.coalition, rotation.need_of(voice_request))
        .filter(listed_memberships_filter(actor, "membership__"))
        .exclude(membership_id__in=asked)
        .annotate(opted_out=_opted_out())
        .filter(opted_out=False)
        .select_related(*_MEMBER, "person")
    )
    today = timezone.localdate()
    return [_mandate_row(actor, m, today) for m in mandates[:MAX_ROWS]]


@dataclass(frozen=True)
class VoiceProposal:
    mandate: Mandate
    member: object  # MemberRow, masked for the actor who asked


def propose_voice(actor, *, topic, language, region="", on) -> VoiceProposal | None:
    """Who would speak next for this need, without asking anyone (for other domains, e.g.
    statements; the steering committee's): the mandate whose turn it is, or None.
    Read-only; ``request_voice`` is what asks them."""
    policy.require(actor, "spokespeople.request")
    need = Need(
        services.clean_topic(topic),
        services.clean_language(language),
        services.clean_region(region),
        clean_date(on, "on") or timezone.localdate(),
    )
    mandate = rotation.next_mandate(actor.coalition, need)
    if mandate is None:
        return None
    return VoiceProposal(mandate, member_row(actor, mandate.membership))


@dataclass(frozen=True)
class OptOutRow:
    member: object  # MemberRow
    opted_out: bool


def opt_out(actor, membership_id) -> OptOutRow:
    """An organisation's safety setting, for itself or the steering committee."""
    membership = (
        Membership.objects.filter(coalition=actor.coalition, pk=membership_id)
        .select_related("organisation", "person")
        .annotate(opted_out=_opted_out("pk"))
        .first()
    )
    if membership is None:
        raise NotFound()
    policy.require(actor, "spokespeople.opt_out", membership)
    return OptOutRow(member_row(actor, membership), membership.opted_out)
