"""The agenda, minutes and attendance operations (on the meetings router): the same services as the
meeting page's forms."""

from datetime import date

from ninja import Field, Schema, Status

from coalesce.coalitions.access import api_actor
from coalesce.core.api import Body, Id, PathId, Slug, Text
from coalesce.meetings import attendance, minutes, selectors
from coalesce.meetings.api import MeetingOut, _meeting, ops
from coalesce.meetings.api.schemas import AgendaItemOut, MinuteOut, minute_row
from coalesce.meetings.limits import MAX_ATTENDEES, MAX_DURATION, MAX_ITEM, MAX_MINUTE


class AgendaItemIn(Body):
    title: Text(MAX_ITEM)
    minutes: int | None = Field(None, ge=1, le=MAX_DURATION)


class MinuteIn(Body):
    kind: Text(10) = Field(description="note, decision or action")
    text: Text(MAX_MINUTE)
    committee_id: Id | None = Field(None, description="An action's committee (required).")
    due_on: date | None = None
    proposal_id: Id | None = Field(None, description="A decision's vote, if there was one.")


@ops.post(
    "/{slug}/meetings/{meeting_id}/agenda",
    AgendaItemOut,
    status=201,
    description="Policy action `meetings.organise`: add an item to the agenda.",
)
def add_agenda_item(request, slug: Slug, meeting_id: PathId, payload: AgendaItemIn):
    actor = api_actor(request, slug)
    return Status(201, minutes.add_agenda_item(actor, meeting_id, **payload.dict()))


@ops.post(
    "/{slug}/meetings/{meeting_id}/first-meeting-agenda",
    list[AgendaItemOut],
    status=201,
    description="Policy action `meetings.organise`: fill an empty agenda with the one of a "
    "coalition's first meeting (409 when it has one).",
)
def use_first_meeting_agenda(request, slug: Slug, meeting_id: PathId):
    return Status(201, minutes.use_first_meeting_agenda(api_actor(request, slug), meeting_id))


@ops.delete(
    "/{slug}/meetings/{meeting_id}/agenda/{item_id}",
    description="Policy action `meetings.organise`.",
)
def remove_agenda_item(request, slug: Slug, meeting_id: PathId, item_id: PathId):
    minutes.remove_agenda_item(api_actor(request, slug), meeting_id, item_id)
    return Status(204, None)


@ops.post(
    "/{slug}/meetings/{meeting_id}/minutes",
    MinuteOut,
    status=201,
    description="Policy action `meetings.organise`: a line of a scheduled meeting's minutes "
    "(409 once they are closed).",
)
def add_minute(request, slug: Slug, meeting_id: PathId, payload: MinuteIn):
    item = minutes.add_minute(api_actor(request, slug), meeting_id, **payload.dict())
    return Status(201, minute_row(item))


@ops.delete(
    "/{slug}/meetings/{meeting_id}/minutes/{item_id}",
    description="Policy action `meetings.organise` (409 once the minutes are closed).",
)
def remove_minute(request, slug: Slug, meeting_id: PathId, item_id: PathId):
    minutes.remove_minute(api_actor(request, slug), meeting_id, item_id)
    return Status(204, None)


@ops.post(
    "/{slug}/meetings/{meeting_id}/close-minutes",
    MeetingOut,
    description="Policy action `meetings.organise`: close the minutes of a meeting that has "
    "started — each decision becomes a decision record, each action a committee's task.",
)
def close_minutes(request, slug: Slug, meeting_id: PathId):
    actor = api_actor(request, slug)
    meeting = minutes.close_minutes(actor, meeting_id)
    return _meeting(request, actor, selectors.meeting(actor, meeting.id))


class MeetingAttendeeOut(Schema):
    membership_id: int
    name: str = Field(description="As you may see it: an alias where you may not know who.")
    is_alias: bool
    attended: bool


class MeetingAttendanceIn(Body):
    membership_ids: list[Id] = Field(
        max_length=MAX_ATTENDEES, description="Every member that attended (replaces the set)."
    )


def _attendees(rows) -> list[dict]:
    return [
        {
            "membership_id": r.member.id,
            "name": r.member.name,
            "is_alias": r.member.is_alias,
            "attended": r.attended,
        }
        for r in rows
    ]


@ops.get(
    "/{slug}/meetings/{meeting_id}/attendance",
    list[MeetingAttendeeOut],
    description="Policy action `meetings.organise`: the invited members you may see listed "
    "and whether each attended.",
)
def get_meeting_attendance(request, slug: Slug, meeting_id: PathId):
    actor = api_actor(request, slug)
    return _attendees(attendance.attendance(actor, selectors.meeting(actor, meeting_id)))


@ops.put(
    "/{slug}/meetings/{meeting_id}/attendance",
    list[MeetingAttendeeOut],
    description="Policy action `meetings.organise`: record who attended a scheduled meeting "
    "that has started (409 before it starts; 400 for a member not invited).",
)
def record_meeting_attendance(
    request, slug: Slug, meeting_id: PathId, payload: MeetingAttendanceIn
):
    actor = api_actor(request, slug)
    rows = attendance.record_attendance(
        actor, meeting=meeting_id, memberships=payload.membership_ids
    )
    return _attendees(rows)
