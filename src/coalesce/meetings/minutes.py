"""A meeting's agenda and minutes: items on the agenda (or the template of a coalition's
first meeting), lines of minutes — notes, decisions, actions — and closing the minutes,
which records each decision and makes each action a committee's task (``goals``).

Organisers (``meetings.organise``) write both; minutes are for a scheduled meeting and
stay editable until they are closed.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coalesce.coalitions.services.audit import record_by
from coalesce.core.errors import Conflict, DomainError, NotFound
from coalesce.core.validation import (
    clean_choice,
    clean_date,
    clean_id,
    clean_text,
    clean_whole_number,
)
from coalesce.decisions.models import Proposal
from coalesce.goals.services import create_task
from coalesce.meetings import policy
from coalesce.meetings.limits import (
    MAX_AGENDA_ITEMS,
    MAX_DURATION,
    MAX_ITEM,
    MAX_MINUTE,
    MAX_MINUTES,
)
from coalesce.meetings.models import (
    AgendaItem,
    DecisionRecord,
    Meeting,
    MeetingStatus,
    MinuteItem,
    MinuteKind,
)
from coalesce.meetings.services import committee_of, meeting_for_update

# A coalition's first meeting, in the project's own words, adapted from Module 12 of
# Inclusive Security and DCAF, A Women's Guide to Security Sector Reform: Training
# Curriculum (2017), §12.3 "Maintaining a coalition": (item, minutes).
FIRST_MEETING = [
    (gettext_lazy("Welcome, and who is in the room"), 15),
    (gettext_lazy("Why we are joining forces: the change we want in the security sector"), 20),
    (gettext_lazy("Shared values we can all sign up to"), 20),
    (gettext_lazy("Short- and long-term goals"), 25),
    (gettext_lazy("How we decide, and who leads: steering committee and committees"), 20),
    (gettext_lazy("How we keep in touch, and how we keep members safe"), 15),
    (gettext_lazy("Actions, owners and the date of the next meeting"), 10),
]


def _meeting(actor, meeting_id) -> Meeting:
    """The meeting, locked, for one of its organisers."""
    meeting = meeting_for_update(actor, meeting_id)
    policy.require(actor, "meetings.organise", meeting)
    return meeting


@transaction.atomic
def add_agenda_item(actor, meeting_id, *, title, minutes=None) -> AgendaItem:
    meeting = _meeting(actor, meeting_id)
    held = meeting.agenda.count()
    if held >= MAX_AGENDA_ITEMS:
        raise Conflict(_("An agenda holds at most %(n)d items.") % {"n": MAX_AGENDA_ITEMS})
    minutes = clean_whole_number(minutes, "minutes", low=1, high=MAX_DURATION, required=False)
    return AgendaItem.objects.create(
        meeting=meeting,
        position=held,
        title=clean_text(title, "title", max_length=MAX_ITEM),
        minutes=minutes,
    )


@transaction.atomic
def use_first_meeting_agenda(actor, meeting_id) -> list[AgendaItem]:
    """Fill an empty agenda with the template of a coalition's first meeting."""
    meeting = _meeting(actor, meeting_id)
    if meeting.agenda.exists():
        raise Conflict(_("This meeting has an agenda already."))
    return AgendaItem.objects.bulk_create(
        AgendaItem(meeting=meeting, position=i, title=str(title), minutes=length)
        for i, (title, length) in enumerate(FIRST_MEETING)
    )


@transaction.atomic
def remove_agenda_item(actor, meeting_id, item_id) -> None:
    meeting = _meeting(actor, meeting_id)
    deleted, _rows = AgendaItem.objects.filter(meeting=meeting, pk=item_id).delete()
    if not deleted:
        raise NotFound()


def _open_minutes(meeting) -> None:
    if meeting.status != MeetingStatus.SCHEDULED:
        raise Conflict(_("Minutes are kept for a scheduled meeting."))
    if meeting.minutes_closed_at is not None:
        raise Conflict(_("These minutes are closed."))


def _proposal(actor, proposal_id):
    if proposal_id in (None, ""):
        return None
    found = Proposal.objects.filter(
        coalition=actor.coalition, pk=clean_id(proposal_id, "proposal_id")
    ).first()
    if found is None:
        raise NotFound(_("That decision is not the coalition's."), "proposal_id")
    return found


@transaction.atomic
def add_minute(
    actor, meeting_id, *, kind, text, committee_id=None, due_on=None, proposal_id=None
) -> MinuteItem:
    """A line of the minutes. An action names the committee that owns it (and may have a
    due date); a decision may name the proposal it was voted as."""
    meeting = _meeting(actor, meeting_id)
    _open_minutes(meeting)
    written = meeting.minutes.count()
    if written >= MAX_MINUTES:
        raise Conflict(_("Minutes hold at most %(n)d lines.") % {"n": MAX_MINUTES})
    kind = clean_choice(kind, MinuteKind, "kind")
    item = MinuteItem(
        meeting=meeting,
        position=written,
        kind=kind,
        text=clean_text(text, "text", max_length=MAX_MINUTE),
    )
    if kind == MinuteKind.ACTION:
        item.committee = committee_of(actor, committee_id)
        if item.committee is None:
            raise DomainError(_("Name the committee that owns this action."), "committee_id")
        item.due_on = clean_date(due_on, "due_on")
    elif kind == MinuteKind.DECISION:
        item.proposal = _proposal(actor, proposal_id)
    item.save()
    return item


@transaction.atomic
def remove_minute(actor, meeting_id, item_id) -> None:
    meeting = _meeting(actor, meeting_id)
    _open_minutes(meeting)
    deleted, _rows = MinuteItem.objects.filter(meeting=meeting, pk=item_id).delete()
    if not deleted:
        raise NotFound()


@transaction.atomic
def close_minutes(actor, meeting_id) -> Meeting:
    """Close the minutes: each decision becomes a decision record, each action a task of
    its committee, both linked back to the meeting; nothing can be added afterwards."""
    meeting = _meeting(actor, meeting_id)
    _open_minutes(meeting)
    if meeting.starts_at > timezone.now():
        raise Conflict(_("The meeting has not started yet: close its minutes afterwards."))
    items = list(meeting.minutes.select_related("committee"))
    if not items:
        raise Conflict(_("Write at least one line of minutes first."))
    for item in items:
        if item.kind == MinuteKind.DECISION:
            DecisionRecord.objects.create(
                coalition=actor.coalition,
                meeting=meeting,
                minute=item,
                text=item.text,
                proposal=item.proposal,
                recorded_by=actor.user,
            )
        elif item.kind == MinuteKind.ACTION:
            item.task = create_task(
                actor,
                committee=item.committee,
                title=item.text[:200],
                due_on=item.due_on,
                proposal=item.proposal,
                origin_label=_("Minutes of %(meeting)s") % {"meeting": meeting.title},
            )
            item.save(update_fields=["task"])
    meeting.minutes_closed_at = timezone.now()
    meeting.save(update_fields=["minutes_closed_at", "updated_at"])
    record_by(actor, "meeting.minutes_close", meeting, ["minutes_closed_at"])
    return meeting
