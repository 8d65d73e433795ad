"""The scheduler's inputs read from the database, and its proposals for one meeting.

``scheduling`` is pure; this module gathers what it needs: candidate times and venues,
the invitees with their answers and zones, their private marks on venues, the quorums of
the decisions on the agenda and each person's history of meetings outside their hours.

What an organiser is shown counts only the members they may see listed (C11): invitees
they may not see are left out of the numbers, but their marks still rule venues out —
safety never depends on who is looking.
"""

from dataclasses import dataclass, field, replace
from datetime import timedelta
from functools import cached_property
from zoneinfo import ZoneInfo

from coalesce.coalitions.models import Committee, CommitteeKind, Person
from coalesce.decisions.models import Elector, Electorate, ProposalStatus, VoteUnit
from coalesce.decisions.services.proposals import electorate_memberships
from coalesce.decisions.tally import quorum_needed
from coalesce.meetings import scheduling, selectors
from coalesce.meetings.models import Meeting, MeetingStatus

SERIES_LENGTH = 10  # earlier meetings of the same audience weighed for fairness


@dataclass(frozen=True)
class Plan:
    schedule: scheduling.Schedule
    poll: selectors.Poll
    venues: dict = field(default_factory=dict)  # venue id → Venue

    @cached_property
    def times(self) -> dict:
        return {time.id: time for time in self.poll.times}

    def mine(self, actor) -> tuple[dict, str | None]:
        """The actor's own answers and zone, as ``selectors.my_answers`` gives them."""
        person = next((p for p in actor.person_ids if p in self.poll.answers), None)
        return self.poll.answers.get(person, {}), self.poll.zones.get(person)

    def pairs(self) -> set[tuple[int, int]]:
        return {(p.slot, p.venue) for p in self.schedule.proposals}


def plan(actor, meeting, *, limit: int) -> Plan:
    poll = selectors.poll(meeting)
    venues = {v.id: v for v in meeting.candidate_venues.all()}
    everyone = selectors.invitees(meeting)
    shown, unseen = [], []
    for invitee in everyone:
        (shown if selectors.listed(actor, invitee) else unseen).append(invitee)
    # Marks of invitees the organiser may not see: applied before the scheduler counts.
    unseen_marks = set().union(*(i.unsafe_venues for i in unseen))
    usable = venues
    if not meeting.remote_allowed:
        usable = {pk: v for pk, v in venues.items() if pk not in unseen_marks}
    schedule = scheduling.propose(
        [_slot(t, meeting) for t in poll.times],
        [scheduling.Venue(key=v.id, online=v.online, capacity=v.capacity) for v in usable.values()],
        [_invitee(i, poll, meeting) for i in shown],
        quorums(meeting, shown),
        remote_allowed=meeting.remote_allowed,
        history=history(meeting, poll.zones),
        limit=limit,
    )
    dropped = len(venues) - len(usable)
    if dropped:
        schedule = replace(schedule, excluded_venues=schedule.excluded_venues + dropped)
    return Plan(schedule=schedule, poll=poll, venues=venues)


def _slot(time, meeting) -> scheduling.Slot:
    ends = time.starts_at + timedelta(minutes=meeting.duration_minutes)
    return scheduling.Slot(key=time.id, starts_at=time.starts_at, ends_at=ends)


def _invitee(invitee, poll, meeting) -> scheduling.Invitee:
    given = poll.answers.get(invitee.person_id, {})
    return scheduling.Invitee(
        person=invitee.person_id,
        member=invitee.membership_id,
        time_zone=poll.zones.get(invitee.person_id, meeting.time_zone),
        answers={time_id: scheduling.Answer(answer) for time_id, answer in given.items()},
        unsafe_venues=invitee.unsafe_venues,
    )


def quorums(meeting, shown) -> list[scheduling.Quorum]:
    """The quorum of each decision on the agenda, over the invitees shown."""
    if not getattr(meeting, "has_agenda", True):
        return []
    members = {i.membership_id for i in shown}
    people = {i.person_id for i in shown}
    found = []
    for proposal in meeting.agenda_decisions.exclude(status=ProposalStatus.CLOSED).select_related(
        "rule__committee", "category"
    ):
        rule = proposal.rule or proposal.category.rules.order_by("-version").first()
        if rule is None:
            continue
        unit, electorate = _electorate(proposal, rule)
        electorate &= members if unit == "member" else people
        found.append(
            scheduling.Quorum(
                label=_body_name(meeting.coalition_id, rule),
                electorate=frozenset(electorate),
                unit=unit,
                needed=quorum_needed(len(electorate), rule.quorum_percent),
            )
        )
    return found


def _electorate(proposal, rule) -> tuple[str, set[int]]:
    unit = "member" if rule.vote_unit == VoteUnit.MEMBER else "person"
    if proposal.status == ProposalStatus.OPEN:
        electors = Elector.objects.filter(proposal=proposal)
        column = "membership_id" if unit == "member" else "person_id"
        return unit, set(electors.values_list(column, flat=True))
    memberships = electorate_memberships(proposal.coalition, rule)
    if unit == "member":
        return unit, set(memberships.values_list("id", flat=True))
    people = Person.objects.filter(user__isnull=False, own_membership__in=memberships) | (
        Person.objects.filter(user__isnull=False, organisation__membership__in=memberships)
    )
    return unit, set(people.values_list("id", flat=True))


def _body_name(coalition_id, rule) -> str:
    if rule.electorate == Electorate.COMMITTEE and rule.committee is not None:
        return rule.committee.name
    if rule.electorate == Electorate.STEERING:
        steering = Committee.objects.filter(
            coalition_id=coalition_id, kind=CommitteeKind.STEERING
        ).first()
        return steering.name if steering else str(Electorate.STEERING.label)
    return str(Electorate.ALL_MEMBERS.label)


def history(meeting, zones) -> dict[int, int]:
    """For each person who gave a zone: how many of the audience's last meetings fell
    outside 08:00–20:00 where they are."""
    earlier = (
        Meeting.objects.filter(
            coalition_id=meeting.coalition_id,
            committee_id=meeting.committee_id,
            status=MeetingStatus.SCHEDULED,
        )
        .exclude(pk=meeting.pk)
        .order_by("-starts_at")[:SERIES_LENGTH]
    )
    spans = [scheduling.Slot(key=m.pk, starts_at=m.starts_at, ends_at=m.ends_at) for m in earlier]
    counts = {}
    for person_id, zone in zones.items():
        outside = sum(scheduling.outside_hours(span, ZoneInfo(zone)) for span in spans)
        if outside:
            counts[person_id] = outside
    return counts
