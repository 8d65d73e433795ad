"""Reads of a coalition's meetings and venues, as the actor may see them.

Who is invited is worked out from memberships and committee seats each time (never
stored), so a change of seat or status changes the invitation at once. Nobody's answers
are listed by name; the organisers see the scheduler's proposals (``planning``), whose
numbers count only the members they may see listed. A person's marks on venues are read
only for that person (``my_unsafe_venues``) and for the scheduler (``unsafe_venues_of``).
"""

import json
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from coalesce.coalitions.models import CommitteeSeat, Membership, MembershipStatus, Person
from coalesce.coalitions.policy import listed_memberships_filter
from coalesce.core.errors import NotFound
from coalesce.meetings import policy
from coalesce.meetings.limits import MAX_LISTED
from coalesce.meetings.models import (
    Meeting,
    MeetingStatus,
    PollAnswer,
    PollResponse,
    Venue,
    VenueSafety,
)


@dataclass(frozen=True)
class Invitee:
    person_id: int
    membership_id: int


def invitees(meeting) -> list[Invitee]:
    """The people a meeting is for: every person of an active member (coalition
    meeting), or those seated on the committee, themselves or through their member."""
    active = Membership.objects.filter(
        coalition_id=meeting.coalition_id, status=MembershipStatus.ACTIVE
    )
    seated_people = Person.objects.none().values("pk")
    if meeting.committee_id is not None:
        seats = CommitteeSeat.objects.filter(
            committee_id=meeting.committee_id, membership__status=MembershipStatus.ACTIVE
        )
        active = active.filter(pk__in=seats.filter(person__isnull=True).values("membership_id"))
        seated_people = seats.filter(person__isnull=False).values("person_id")
    people = Person.objects.filter(coalition_id=meeting.coalition_id).filter(
        Q(own_membership__in=active)
        | Q(organisation__membership__in=active)
        | Q(pk__in=seated_people)
    )
    rows = people.values_list("id", "own_membership__id", "organisation__membership__id")
    return [Invitee(pk, own or org) for pk, own, org in rows.distinct()]


def listed_membership_ids(actor) -> set[int]:
    return set(
        Membership.objects.filter(
            listed_memberships_filter(actor), coalition=actor.coalition
        ).values_list("id", flat=True)
    )


def unsafe_venues_of(person_ids) -> dict[int, frozenset[int]]:
    """Each person's marked venues (decrypted here, for the scheduler only)."""
    rows = VenueSafety.objects.filter(person_id__in=list(person_ids))
    return {row.person_id: frozenset(json.loads(row.venue_ids)) for row in rows}


def my_unsafe_venues(actor) -> frozenset[int]:
    policy.require(actor, "venues.mark")
    marks = unsafe_venues_of(actor.person_ids)
    return frozenset().union(*marks.values()) if marks else frozenset()


def answers_of(meeting) -> tuple[dict[int, dict[int, str]], dict[int, str]]:
    """person → {candidate time → answer}, and person → the time zone they answered in."""
    answers: dict[int, dict[int, str]] = {}
    rows = PollAnswer.objects.filter(response__meeting=meeting).values_list(
        "response__person_id", "time_id", "answer"
    )
    for person_id, time_id, answer in rows:
        answers.setdefault(person_id, {})[time_id] = answer
    zones = dict(PollResponse.objects.filter(meeting=meeting).values_list("person_id", "time_zone"))
    return answers, zones


def my_answers(actor, meeting) -> tuple[dict[int, str], str | None]:
    """The actor's own answers (candidate time → answer) and the zone they gave."""
    response = (
        PollResponse.objects.filter(meeting=meeting, person_id__in=actor.person_ids)
        .prefetch_related("answers")
        .first()
    )
    if response is None:
        return {}, None
    return {a.time_id: a.answer for a in response.answers.all()}, response.time_zone


def venues(actor) -> list[Venue]:
    policy.require(actor, "venues.list")
    return list(Venue.objects.filter(coalition=actor.coalition)[: MAX_LISTED * 2])


def _meetings(actor):
    return Meeting.objects.filter(coalition=actor.coalition).select_related("committee", "venue")


def meetings(actor) -> dict[str, list[Meeting]]:
    """Polls still finding a time, meetings to come, past and cancelled ones."""
    policy.require(actor, "meetings.list")
    now = timezone.now()
    rows = _meetings(actor)
    return {
        "polling": list(rows.filter(status=MeetingStatus.POLLING).order_by("-id")[:MAX_LISTED]),
        "upcoming": list(
            rows.filter(status=MeetingStatus.SCHEDULED, starts_at__gte=now)[:MAX_LISTED]
        ),
        "past": list(
            rows.filter(status=MeetingStatus.SCHEDULED, starts_at__lt=now).order_by("-starts_at")[
                :MAX_LISTED
            ]
        ),
        "cancelled": list(
            rows.filter(status=MeetingStatus.CANCELLED).order_by("-updated_at")[:MAX_LISTED]
        ),
    }


def meeting(actor, meeting_id) -> Meeting:
    policy.require(actor, "meetings.list")
    found = _meetings(actor).filter(pk=meeting_id).first()
    if found is None:
        raise NotFound()
    return found


def shown_venue(actor, meeting) -> Venue | None:
    """The meeting's venue, for those who may know it."""
    return meeting.venue if policy.allows(actor, "meetings.see_venue", meeting) else None


def calendar_meetings(actor):
    """The meetings of a person's calendar feed: scheduled or cancelled, of the last
    90 days and to come."""
    since = timezone.now() - timedelta(days=90)
    rows = _meetings(actor).filter(
        status__in=[MeetingStatus.SCHEDULED, MeetingStatus.CANCELLED], starts_at__gte=since
    )
    return list(rows.order_by("starts_at")[: MAX_LISTED * 5])
