"""JSON operations for meetings, mounted under /coalitions (paths /{slug}/meetings…,
/{slug}/venues…, /{slug}/calendar-feed).

The same reads and writes as the pages, through the same selectors, planner and
services: a venue the caller may not know is null; nobody's answers or marks on venues
are ever listed; the proposals count only the members the caller may see listed.
"""

from datetime import datetime

from django.urls import reverse
from ninja import Field, Schema, Status

from coalesce.accounts.api_auth import operations
from coalesce.coalitions.access import api_actor
from coalesce.core.api import Body, Flag, Id, PathId, Slug, Text
from coalesce.core.errors import DomainError
from coalesce.meetings import planning, policy, scheduling, selectors, services
from coalesce.meetings.api.schemas import AgendaItemOut, MinuteOut, minutes_of
from coalesce.meetings.limits import (
    MAX_AGENDA_DECISIONS,
    MAX_CANDIDATE_TIMES,
    MAX_CANDIDATE_VENUES,
    MAX_DESCRIPTION,
    MAX_TIME_ZONE,
    MAX_TITLE,
    MAX_VENUE_ADDRESS,
    MAX_VENUE_NAME,
    MAX_VENUES,
    PROPOSALS_SHOWN,
)
from coalesce.meetings.models import MeetingStatus

ops = operations("meetings")
router = ops.router


class VenueOut(Schema):
    id: int
    name: str
    address: str
    online: bool
    capacity: int | None


class VenueIn(Body):
    name: Text(MAX_VENUE_NAME)
    address: Text(MAX_VENUE_ADDRESS)
    online: Flag = False
    capacity: int | None = Field(None, ge=1, le=100_000)


class UnsafeVenuesIO(Body):
    venue_ids: list[Id] = Field(max_length=MAX_VENUES, description="Only you ever read this list.")


class MeetingRowOut(Schema):
    id: int
    title: str
    status: str = Field(description="polling, scheduled or cancelled")
    committee_id: int | None
    time_zone: str
    starts_at: datetime | None
    duration_minutes: int


class CandidateTimeOut(Schema):
    id: int
    starts_at: datetime
    my_answer: str | None = Field(description="yes, if_need_be, no, or null: not answered")


class MeetingOut(MeetingRowOut):
    description: str
    venue: VenueOut | None = Field(description="Null until scheduled, or if you may not know it.")
    remote_allowed: bool
    sequence: int
    times: list[CandidateTimeOut]
    my_time_zone: str | None
    may_answer: bool
    may_organise: bool
    calendar_url: str | None = Field(description="Its calendar file, once it has a time.")
    minutes_closed_at: datetime | None
    agenda: list[AgendaItemOut]
    minutes: list[MinuteOut]


class MeetingIn(Body):
    title: Text(MAX_TITLE)
    description: Text(MAX_DESCRIPTION) = ""
    committee_id: Id | None = None
    time_zone: Text(MAX_TIME_ZONE)
    duration_minutes: int
    times: list[Text(40)] = Field(
        max_length=MAX_CANDIDATE_TIMES,
        description="ISO 8601; a time without an offset is read in `time_zone`.",
    )
    venue_ids: list[Id] = Field(max_length=MAX_CANDIDATE_VENUES)
    poll_closes_at: Text(40) | None = None
    remote_allowed: Flag = False
    venue_private: Flag = False
    decision_ids: list[Id] = Field([], max_length=MAX_AGENDA_DECISIONS)


class AvailabilityAnswerIn(Schema):
    time_id: Id
    answer: Text(12) = Field(description="yes, if_need_be or no")


class AvailabilityIn(Body):
    time_zone: Text(MAX_TIME_ZONE)
    answers: list[AvailabilityAnswerIn] = Field(max_length=MAX_CANDIDATE_TIMES)


class ScheduleIn(Body):
    time_id: Id
    venue_id: Id


class MeetingProposalOut(Schema):
    time_id: int
    starts_at: datetime
    venue_id: int
    members_attending: int
    members_invited: int
    members_yes: int
    explanation: list[str]


class MeetingProposalsOut(Schema):
    proposals: list[MeetingProposalOut]
    venues_left_out: int = Field(description="Venues not suitable for this meeting (never why).")
    blockers: list[str] = Field(description="Why nothing (more) fits, and what would.")


class FeedOut(Schema):
    url: str = Field(description="Secret: shown only now; the old address stops working.")


def _meeting(request, actor, meeting) -> dict:
    answers, zone = selectors.my_answers(actor, meeting)
    calendar = reverse("meetings:ics", args=[actor.coalition.slug, meeting.id])
    return {
        **{f: getattr(meeting, f) for f in MeetingOut.model_fields if hasattr(meeting, f)},
        "venue": selectors.shown_venue(actor, meeting),
        "times": [
            {"id": t.id, "starts_at": t.starts_at, "my_answer": answers.get(t.id)}
            for t in meeting.times.all()
        ],
        "my_time_zone": zone,
        "may_answer": meeting.status == MeetingStatus.POLLING
        and policy.allows(actor, "meetings.answer", meeting),
        "may_organise": policy.allows(actor, "meetings.organise", meeting),
        "calendar_url": request.build_absolute_uri(calendar) if meeting.starts_at else None,
        **minutes_of(meeting),
    }


@ops.get(
    "/{slug}/meetings",
    list[MeetingRowOut],
    description="Policy action `meetings.list`: polls finding a time, meetings to come, "
    "past and cancelled ones.",
)
def list_meetings(request, slug: Slug):
    lists = selectors.meetings(api_actor(request, slug))
    return [m for key in ("polling", "upcoming", "past", "cancelled") for m in lists[key]]


@ops.post(
    "/{slug}/meetings",
    MeetingOut,
    status=201,
    description="Policy action `meetings.organise`: a meeting of the coalition or a "
    "committee, with its poll over candidate times (all to come) and venues.",
)
def create_meeting(request, slug: Slug, payload: MeetingIn):
    actor = api_actor(request, slug)
    meeting = services.create_meeting(actor, **payload.dict())
    return Status(201, _meeting(request, actor, meeting))


@ops.get(
    "/{slug}/meetings/{meeting_id}",
    MeetingOut,
    description="Policy action `meetings.list`: one meeting, its candidate times with your "
    "answers; the venue only if `meetings.see_venue` allows.",
)
def get_meeting(request, slug: Slug, meeting_id: PathId):
    actor = api_actor(request, slug)
    return _meeting(request, actor, selectors.meeting(actor, meeting_id))


@ops.put(
    "/{slug}/meetings/{meeting_id}/availability",
    MeetingOut,
    description="Policy action `meetings.answer`: your own answers (yes, if_need_be, no) "
    "while the poll is open (409 once it closed).",
)
def answer_meeting_poll(request, slug: Slug, meeting_id: PathId, payload: AvailabilityIn):
    actor = api_actor(request, slug)
    answers = {a.time_id: a.answer for a in payload.answers}
    if len(answers) != len(payload.answers):
        raise DomainError("Answer each time once.", "answers")
    services.answer_poll(actor, meeting_id, answers=answers, time_zone=payload.time_zone)
    return _meeting(request, actor, selectors.meeting(actor, meeting_id))


@ops.get(
    "/{slug}/meetings/{meeting_id}/proposals",
    MeetingProposalsOut,
    description="Policy action `meetings.organise`: the best times and venues — nobody "
    "sent where they marked, every quorum reached, capacity kept — each explained.",
)
def get_meeting_proposals(request, slug: Slug, meeting_id: PathId):
    actor = api_actor(request, slug)
    meeting = selectors.meeting(actor, meeting_id)
    policy.require(actor, "meetings.organise", meeting)
    found = planning.plan(actor, meeting, limit=PROPOSALS_SHOWN)
    schedule = found.schedule
    return {
        "proposals": [
            {
                "time_id": p.slot,
                "starts_at": found.times[p.slot].starts_at,
                "venue_id": p.venue,
                "members_attending": p.members_attending,
                "members_invited": p.members_invited,
                "members_yes": p.members_yes,
                "explanation": scheduling.explain(p, schedule),
            }
            for p in schedule.proposals
        ],
        "venues_left_out": schedule.excluded_venues,
        "blockers": scheduling.explain_blockers(schedule),
    }


@ops.post(
    "/{slug}/meetings/{meeting_id}/schedule",
    MeetingOut,
    description="Policy action `meetings.organise`: fix the meeting at one of the proposed "
    "(time, venue) pairs (409 for any other).",
)
def schedule_meeting(request, slug: Slug, meeting_id: PathId, payload: ScheduleIn):
    actor = api_actor(request, slug)
    meeting = services.schedule_meeting(actor, meeting_id, **payload.dict())
    return _meeting(request, actor, meeting)


@ops.post(
    "/{slug}/meetings/{meeting_id}/cancel",
    MeetingOut,
    description="Policy action `meetings.organise`: cancel (calendars show it cancelled).",
)
def cancel_meeting(request, slug: Slug, meeting_id: PathId):
    actor = api_actor(request, slug)
    return _meeting(request, actor, services.cancel_meeting(actor, meeting_id))


@ops.get("/{slug}/venues", list[VenueOut], description="Policy action `venues.list`.")
def list_venues(request, slug: Slug):
    return selectors.venues(api_actor(request, slug))


@ops.post(
    "/{slug}/venues",
    VenueOut,
    status=201,
    description="Policy action `venues.manage`: add a venue (online, or with an address).",
)
def add_venue(request, slug: Slug, payload: VenueIn):
    return Status(201, services.add_venue(api_actor(request, slug), **payload.dict()))


@ops.delete(
    "/{slug}/venues/{venue_id}",
    description="Policy action `venues.manage` (409 while a meeting takes place there).",
)
def remove_venue(request, slug: Slug, venue_id: PathId):
    services.remove_venue(api_actor(request, slug), venue_id)
    return Status(204, None)


@ops.get(
    "/{slug}/unsafe-venues",
    UnsafeVenuesIO,
    description="Policy action `venues.mark`: your own private list of venues where you "
    "cannot safely or comfortably meet.",
)
def get_unsafe_venues(request, slug: Slug):
    return {"venue_ids": sorted(selectors.my_unsafe_venues(api_actor(request, slug)))}


@ops.put(
    "/{slug}/unsafe-venues",
    UnsafeVenuesIO,
    description="Policy action `venues.mark`: replace your private list (organisers learn "
    "only that a venue is not suitable for a meeting).",
)
def set_unsafe_venues(request, slug: Slug, payload: UnsafeVenuesIO):
    marked = services.set_unsafe_venues(api_actor(request, slug), venue_ids=payload.venue_ids)
    return {"venue_ids": sorted(marked)}


@ops.post(
    "/{slug}/calendar-feed",
    FeedOut,
    description="Policy action `meetings.feed`: a new secret address of your calendar of "
    "the meetings you are invited to.",
)
def reset_calendar_feed(request, slug: Slug):
    actor = api_actor(request, slug)
    token = services.reset_feed(actor)
    feed = reverse("meetings:feed", args=[slug, token])
    return {"url": request.build_absolute_uri(feed)}


# The agenda and minutes operations, on this router (they use the schemas above).
from coalesce.meetings.api import minutes as _minutes  # noqa: E402, F401
