"""Writes to a coalition's meetings: venues, a person's private marks on venues, meetings
and their availability polls, scheduling, cancelling, and the calendar feed's secret.

Each validates, checks the policy, writes in one transaction and (except the marks on
venues) leaves an audit record. Marks on venues are not audited: the audit log is read
by administrators, and organisers must never learn who marked a venue.
"""

import json
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coalesce.accounts.models import hash_token
from coalesce.coalitions.models import Committee
from coalesce.coalitions.services.audit import record_by
from coalesce.core.errors import Conflict, DomainError, NotFound
from coalesce.core.localisation import clean_time_zone
from coalesce.core.validation import clean_choice, clean_id, clean_text, clean_whole_number
from coalesce.decisions.models import Proposal, ProposalStatus
from coalesce.meetings import planning, policy, scheduling
from coalesce.meetings.limits import (
    MAX_AGENDA_DECISIONS,
    MAX_CANDIDATE_VENUES,
    MAX_CAPACITY,
    MAX_DESCRIPTION,
    MAX_DURATION,
    MAX_TITLE,
    MAX_VENUE_ADDRESS,
    MAX_VENUE_NAME,
    MAX_VENUES,
    MIN_DURATION,
)
from coalesce.meetings.models import (
    Availability,
    CalendarFeed,
    CandidateTime,
    Meeting,
    MeetingStatus,
    PollAnswer,
    PollResponse,
    Venue,
    VenueSafety,
)
from coalesce.meetings.rules import clean_candidate_times


def _ids(values, field, *, limit) -> list[int]:
    values = list(values or [])
    if len(values) > limit:
        raise DomainError(_("Choose at most %(n)d.") % {"n": limit}, field)
    return sorted({clean_id(value, field) for value in values})


# --- venues ---------------------------------------------------------------------------


@transaction.atomic
def add_venue(actor, *, name, address, online=False, capacity=None) -> Venue:
    policy.require(actor, "venues.manage")
    name = clean_text(name, "name", max_length=MAX_VENUE_NAME)
    address = clean_text(address, "address", max_length=MAX_VENUE_ADDRESS)
    capacity = clean_whole_number(capacity, "capacity", low=1, high=MAX_CAPACITY, required=False)
    venues = Venue.objects.filter(coalition=actor.coalition)
    if venues.count() >= MAX_VENUES:
        raise Conflict(_("A coalition keeps at most %(n)d venues.") % {"n": MAX_VENUES})
    if venues.filter(name__iexact=name).exists():
        raise Conflict(_("There is a venue of that name already."), "name")
    venue = Venue.objects.create(
        coalition=actor.coalition,
        name=name,
        address=address,
        online=bool(online),
        capacity=capacity,
    )
    record_by(actor, "venue.add", venue, ["name", "online", "capacity"])
    return venue


@transaction.atomic
def remove_venue(actor, venue_id) -> None:
    policy.require(actor, "venues.manage")
    venue = Venue.objects.filter(coalition=actor.coalition, pk=venue_id).first()
    if venue is None:
        raise NotFound()
    if venue.meetings.exists():
        raise Conflict(_("A meeting takes place there: it stays on the list."))
    record_by(actor, "venue.remove", venue, ["name"])
    venue.delete()


def _coalition_venues(actor, ids, field) -> list[Venue]:
    found = list(Venue.objects.filter(coalition=actor.coalition, pk__in=ids))
    if len(found) != len(ids):
        raise NotFound(_("One of these venues is not the coalition's."), field)
    return found


@transaction.atomic
def set_unsafe_venues(actor, *, venue_ids) -> frozenset[int]:
    """The actor's own private marks: the venues where they cannot safely or comfortably
    meet (replaces the earlier list)."""
    policy.require(actor, "venues.mark")
    ids = _ids(venue_ids, "venue_ids", limit=MAX_VENUES)
    _coalition_venues(actor, ids, "venue_ids")
    person_id = min(actor.person_ids)
    safety, _created = VenueSafety.objects.select_for_update().get_or_create(person_id=person_id)
    safety.venue_ids = json.dumps(ids)
    safety.save()
    return frozenset(ids)


# --- meetings -------------------------------------------------------------------------


def committee_of(actor, committee_id) -> Committee | None:
    if committee_id in (None, ""):
        return None
    committee = Committee.objects.filter(
        coalition=actor.coalition, pk=clean_id(committee_id, "committee_id")
    ).first()
    if committee is None:
        raise NotFound(_("That committee is not the coalition's."), "committee_id")
    return committee


def _agenda(actor, decision_ids) -> list[Proposal]:
    ids = _ids(decision_ids, "decision_ids", limit=MAX_AGENDA_DECISIONS)
    found = list(
        Proposal.objects.filter(coalition=actor.coalition, pk__in=ids).exclude(
            status=ProposalStatus.CLOSED
        )
    )
    if len(found) != len(ids):
        raise NotFound(_("Choose decisions of the coalition that are not closed."), "decision_ids")
    return found


@transaction.atomic
def create_meeting(
    actor,
    *,
    title,
    time_zone,
    duration_minutes,
    times,
    venue_ids,
    description="",
    committee_id=None,
    poll_closes_at=None,
    remote_allowed=False,
    venue_private=False,
    decision_ids=(),
) -> Meeting:
    """A meeting of the coalition or a committee, with its availability poll over the
    candidate times and venues."""
    policy.require(actor, "meetings.organise")
    zone = clean_time_zone(time_zone)
    now = timezone.now()
    meeting = Meeting(
        coalition=actor.coalition,
        committee=committee_of(actor, committee_id),
        title=clean_text(title, "title", max_length=MAX_TITLE),
        description=clean_text(
            description, "description", max_length=MAX_DESCRIPTION, required=False
        ),
        time_zone=zone,
        duration_minutes=clean_whole_number(
            duration_minutes, "duration_minutes", low=MIN_DURATION, high=MAX_DURATION
        ),
        remote_allowed=bool(remote_allowed),
        venue_private=bool(venue_private),
        created_by=actor.user,
    )
    candidates = clean_candidate_times(times, zone, now)
    venues = _coalition_venues(
        actor, _ids(venue_ids, "venue_ids", limit=MAX_CANDIDATE_VENUES), "venue_ids"
    )
    if not venues:
        raise DomainError(_("Offer at least one venue (an online one counts)."), "venue_ids")
    meeting.poll_closes_at = _poll_closes(poll_closes_at, zone, now, candidates[0])
    agenda = _agenda(actor, decision_ids)
    meeting.save()
    CandidateTime.objects.bulk_create(
        CandidateTime(meeting=meeting, starts_at=t) for t in candidates
    )
    meeting.candidate_venues.set(venues)
    meeting.agenda_decisions.set(agenda)
    record_by(actor, "meeting.create", meeting, ["title", "committee_id", "time_zone"])
    return meeting


def _poll_closes(value, zone, now, first_time):
    if value in (None, ""):
        return None
    closes = clean_candidate_times([value], zone, now, "poll_closes_at")[0]
    if closes > first_time:
        raise DomainError(_("Close the poll before the first time it offers."), "poll_closes_at")
    return closes


def meeting_for_update(actor, meeting_id) -> Meeting:
    meeting = (
        Meeting.objects.select_for_update()
        .filter(coalition=actor.coalition, pk=clean_id(meeting_id, "meeting_id"))
        .first()
    )
    if meeting is None:
        raise NotFound()
    return meeting


@transaction.atomic
def answer_poll(actor, meeting_id, *, answers, time_zone) -> PollResponse:
    """The actor's own availability: candidate time id → yes, if need be or no (times
    left out stay as they were, or unanswered). Answering again replaces the answers."""
    meeting = meeting_for_update(actor, meeting_id)
    policy.require(actor, "meetings.answer", meeting)
    if meeting.status != MeetingStatus.POLLING:
        raise Conflict(_("This poll is closed: the meeting is no longer finding a time."))
    if meeting.poll_closes_at and meeting.poll_closes_at <= timezone.now():
        raise Conflict(_("This poll closed; ask the organisers if you can still come."))
    zone = clean_time_zone(time_zone)
    if not isinstance(answers, dict) or not answers:
        raise DomainError(_("Answer at least one time."), "answers")
    times = set(meeting.times.values_list("id", flat=True))
    cleaned = {}
    for key, answer in answers.items():
        time_id = int(key) if isinstance(key, str) and key.isdigit() else key
        if time_id not in times:
            raise DomainError(_("That time is not one this poll offers."), "answers")
        cleaned[time_id] = clean_choice(answer, Availability, "answers")
    response, _created = PollResponse.objects.update_or_create(
        meeting=meeting, person_id=min(actor.person_ids), defaults={"time_zone": zone}
    )
    for time_id, answer in cleaned.items():
        PollAnswer.objects.update_or_create(
            response=response, time_id=time_id, defaults={"answer": answer}
        )
    return response


@transaction.atomic
def schedule_meeting(actor, meeting_id, *, time_id, venue_id) -> Meeting:
    """Fix the meeting at one of the scheduler's proposals (the pairs that keep everyone
    safe, reach every quorum and fit the venue)."""
    meeting = meeting_for_update(actor, meeting_id)
    policy.require(actor, "meetings.organise", meeting)
    if meeting.status == MeetingStatus.CANCELLED:
        raise Conflict(_("This meeting is cancelled."))
    time_id = clean_id(time_id, "time_id")
    venue_id = clean_id(venue_id, "venue_id")
    everything = meeting.times.count() * max(meeting.candidate_venues.count(), 1)
    found = planning.plan(actor, meeting, limit=everything)
    if (time_id, venue_id) not in found.pairs():
        raise Conflict(_unsuitable(found, time_id, venue_id), "time_id")
    starts_at = found.times[time_id].starts_at
    if starts_at <= timezone.now():
        raise Conflict(_("That time has passed."), "time_id")
    changed = (meeting.starts_at, meeting.venue_id, meeting.status) != (
        starts_at,
        venue_id,
        MeetingStatus.SCHEDULED,
    )
    meeting.starts_at, meeting.venue_id = starts_at, venue_id
    meeting.status = MeetingStatus.SCHEDULED
    if changed:
        meeting.sequence += 1
    meeting.save()
    record_by(actor, "meeting.schedule", meeting, ["starts_at", "venue_id", "sequence"])
    return meeting


def _unsuitable(found, time_id, venue_id) -> str:
    if time_id not in found.times or venue_id not in found.venues:
        return _("Choose one of the times and venues this poll offers.")
    reasons = scheduling.explain_blockers(found.schedule)
    return " ".join([_("That time and venue is not suitable for this meeting."), *reasons]).strip()


@transaction.atomic
def cancel_meeting(actor, meeting_id) -> Meeting:
    meeting = meeting_for_update(actor, meeting_id)
    policy.require(actor, "meetings.organise", meeting)
    if meeting.status == MeetingStatus.CANCELLED:
        raise Conflict(_("This meeting is cancelled already."))
    meeting.status = MeetingStatus.CANCELLED
    meeting.sequence += 1
    meeting.save()
    record_by(actor, "meeting.cancel", meeting, ["status", "sequence"])
    return meeting


# --- the calendar feed ----------------------------------------------------------------


@transaction.atomic
def reset_feed(actor) -> str:
    """A new secret address for the actor's calendar feed (the old one stops working);
    returns the secret, shown once."""
    policy.require(actor, "meetings.feed")
    raw = secrets.token_urlsafe(32)
    CalendarFeed.objects.update_or_create(
        person_id=min(actor.person_ids), defaults={"token_hash": hash_token(raw)}
    )
    return raw


def feed_person(raw_token: str):
    """The person whose feed this secret opens, or None."""
    if not isinstance(raw_token, str) or not 20 <= len(raw_token) <= 100:
        return None
    feed = (
        CalendarFeed.objects.filter(token_hash=hash_token(raw_token))
        .select_related("person__coalition", "person__user")
        .first()
    )
    return feed.person if feed else None
