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
from types import SimpleNamespace

from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coalesce.coalitions.awaiting import waiting_rows
from coalesce.coalitions.models import CommitteeSeat, Membership, MembershipStatus, Person
from coalesce.coalitions.policy import Role, is_listed
from coalesce.core.errors import NotFound
from coalesce.meetings import policy
from coalesce.meetings.limits import MAX_LISTED
from coalesce.meetings.models import (
    CandidateTime,
    Meeting,
    MeetingStatus,
    MinuteItem,
    PollAnswer,
    PollResponse,
    Venue,
    VenueSafety,
)


@dataclass(frozen=True)
class Invitee:
    person_id: int
    membership_id: int
    visibility: str
    status: str
    unsafe_venues: frozenset = frozenset()  # private: for the scheduler only


_MEMBERSHIP = ("id", "visibility", "status")


def invitees(meeting) -> list[Invitee]:
    """The people a meeting is for — every person of an active member (coalition
    meeting), or those seated on the committee, themselves or through their member —
    with their membership's visibility and their private marks on venues (decrypted
    here, for the scheduler only), in one query."""
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
    rows = people.values_list(
        "id",
        *(f"own_membership__{f}" for f in _MEMBERSHIP),
        *(f"organisation__membership__{f}" for f in _MEMBERSHIP),
        "venue_safety__venue_ids",
    )
    found = {}
    for pk, *own, org_id, org_visibility, org_status, marks in rows:
        membership = own if own[0] else (org_id, org_visibility, org_status)
        unsafe = frozenset(json.loads(marks)) if marks else frozenset()
        found[pk] = Invitee(pk, *membership, unsafe_venues=unsafe)
    return list(found.values())


def listed(actor, invitee: Invitee) -> bool:
    """Whether the actor may see the invitee's member listed (the rule of
    ``coalitions.policy.is_listed``, on the invitee's row)."""
    membership = SimpleNamespace(
        id=invitee.membership_id, visibility=invitee.visibility, status=invitee.status
    )
    return is_listed(actor, membership)


def my_unsafe_venues(actor) -> frozenset[int]:
    policy.require(actor, "venues.mark")
    rows = VenueSafety.objects.filter(person_id__in=actor.person_ids)
    return frozenset().union(*(frozenset(json.loads(row.venue_ids)) for row in rows))


@dataclass
class Poll:
    """A poll's candidate times, and everyone's answers and zones."""

    times: list
    answers: dict  # person → {candidate time → answer}
    zones: dict  # person → the time zone they answered in


def poll(meeting) -> Poll:
    """The candidate times with every answer, in one query."""
    rows = CandidateTime.objects.filter(meeting=meeting).values_list(
        "id",
        "starts_at",
        "answers__response__person_id",
        "answers__answer",
        "answers__response__time_zone",
    )
    times, answers, zones = {}, {}, {}
    for time_id, starts_at, person_id, answer, zone in rows.order_by("starts_at", "id"):
        times.setdefault(time_id, CandidateTime(id=time_id, meeting=meeting, starts_at=starts_at))
        if person_id is not None:
            answers.setdefault(person_id, {})[time_id] = answer
            zones[person_id] = zone
    return Poll(list(times.values()), answers, zones)


def my_answers(actor, meeting) -> tuple[dict[int, str], str | None]:
    """The actor's own answers (candidate time → answer) and the zone they gave."""
    if not actor.person_ids:
        return {}, None
    rows = PollAnswer.objects.filter(
        response__meeting=meeting, response__person_id__in=actor.person_ids
    ).values_list("time_id", "answer", "response__time_zone")
    answers = {time_id: answer for time_id, answer, _zone in rows}
    zones = {zone for _t, _a, zone in rows}
    return answers, (zones.pop() if zones else None)


@dataclass
class Record:
    agenda: list
    minutes: list  # each with its committee, vote, task and decision record


def agenda_and_minutes(meeting) -> Record:
    minutes = MinuteItem.objects.filter(meeting=meeting).select_related(
        "committee", "proposal", "task", "record"
    )
    return Record(agenda=list(meeting.agenda.all()), minutes=list(minutes))


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


def polls_awaiting_me(actor):
    """Open polls of meetings the actor is invited to (``policy.invited``, in SQL) that
    none of their persons has answered: the dashboard's "what needs you"."""
    if not actor.person_ids or not policy.allows(actor, "meetings.list"):
        return None
    invited = Q(committee_id__in=actor.committee_ids)
    if actor.has(Role.MEMBER):
        invited |= Q(committee__isnull=True)
    answered = PollResponse.objects.filter(meeting=OuterRef("pk"), person_id__in=actor.person_ids)
    found = (
        Meeting.objects.filter(invited, coalition=actor.coalition, status=MeetingStatus.POLLING)
        .filter(Q(poll_closes_at__isnull=True) | Q(poll_closes_at__gt=timezone.now()))
        .exclude(Exists(answered))
    )
    order = (F("poll_closes_at").asc(nulls_last=True), "id")
    return waiting_rows(found, "poll", order=order, due="poll_closes_at")


def meeting_url(actor, pk) -> str:
    return reverse("meetings:meeting", args=[actor.coalition.slug, pk])


def meeting(actor, meeting_id) -> Meeting:
    policy.require(actor, "meetings.list")
    agenda = Meeting.agenda_decisions.through.objects.filter(meeting_id=OuterRef("pk"))
    found = (
        _meetings(actor)
        .filter(pk=meeting_id)
        .annotate(has_agenda=Exists(agenda))  # the planner reads no agenda when it is empty
        .first()
    )
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


def task_origins(actor, task_ids) -> dict:
    """For ``goals.hooks``: the minutes each of these tasks was written in."""
    from coalesce.goals.hooks import Origin

    rows = MinuteItem.objects.filter(
        task_id__in=task_ids, meeting__coalition=actor.coalition
    ).values_list("task_id", "meeting_id", "meeting__title")
    slug = actor.coalition.slug
    return {
        task_id: Origin(
            label=_("Minutes of %(meeting)s") % {"meeting": title},
            url=reverse("meetings:meeting", args=[slug, meeting_id]),
        )
        for task_id, meeting_id, title in rows
    }
