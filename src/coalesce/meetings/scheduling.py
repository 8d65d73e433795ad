"""The meeting scheduler (issue 13, part 3): the best (time, venue) pairs of an
availability poll, as plain functions. No database here; ``tests/meetings/
test_scheduling.py`` holds the rules and ``bench/scheduler.py`` times them.

Input: candidate times (``Slot``), candidate venues (``Venue``, online ones included) and
the invitees (``Invitee``: a person of a member organisation, with a time zone, an answer
per slot — yes, if need be or no; a slot not answered is no — and the venues the person
privately marked as not safe or not comfortable for them).

Hard constraints of a proposed pair:

1. *Safety*: no invitee is ever sent to a venue they marked. With ``remote_allowed`` (the
   charter allows remote participation) a marked venue stays and whoever marked it holds
   a remote seat there: they attend if their answer allows, but do not count against the
   venue's capacity. Without it, a venue marked by *any* invitee is dropped entirely.
2. *Quorum*: every ``Quorum`` (a committee whose decision is on the agenda) is reached:
   the electorate's members (unit "member": member ids) or people (unit "person": person
   ids) attending number at least ``needed``.
3. *Capacity*: a venue with a capacity holds at most that many in-person attendees
   (attending people less the remote seats). ``capacity`` None: no limit (online venues).

Attending = answered yes or if need be for the slot (in person or on a remote seat).
Ranking, best first: most member organisations attending (one per member, however many
of its people come), then most members with a "yes"; then fairness across the series —
fewest *repeatedly* inconvenienced people (``history[person] >= 1`` and this slot outside
their hours), then fewest attending people outside their hours at all; then the earlier
slot (start, then key), then the venue key. A person is *outside hours* when the slot, in
their own time zone, starts before 08:00 or ends after 20:00 of the day it starts (ending
at 20:00 exactly is fine). Attendance, quorums and hours depend on the slot only; the
venue decides the safety and the capacity.

**Privacy.** Who marked a venue, and how many did, must never reach the organiser. The
*public* part of a result is ``Schedule.excluded_venues`` (how many venues were dropped:
"one venue was left out") and, of each ``Proposal``: ``slot``, ``venue``,
``members_attending``, ``members_invited``, ``members_yes``, ``quorums``,
``outside_hours``, ``repeatedly_outside_hours`` and ``people_attending`` — none of them
depends on the marks of a venue that is kept. ``remote_people`` (who holds a remote seat)
and ``people_in_person`` (attending less remote seats: with the total it would give their
number) are **private**: show a person only whether they themselves hold a remote seat.
``explain`` uses the public part only. One channel remains, by the capacity rule itself:
a venue holding fewer than ``people_attending`` can be proposed only thanks to remote
seats, so whoever sees both learns that at least the difference hold one (never who).

``explain`` and ``explain_blockers`` (from ``scheduling_explain``, imported here) turn a
result into translatable sentences.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, time
from enum import StrEnum
from zoneinfo import ZoneInfo

from coalesce.meetings.scheduling_explain import explain, explain_blockers

DAY_STARTS = time(8)
DAY_ENDS = time(20)
MEMBER, PERSON = "member", "person"
DEFAULT_LIMIT = 5

__all__ = [
    "Answer",
    "Blocker",
    "Invitee",
    "Proposal",
    "Quorum",
    "QuorumCheck",
    "Schedule",
    "Slot",
    "Venue",
    "explain",
    "explain_blockers",
    "outside_hours",
    "propose",
]


class Answer(StrEnum):
    YES = "yes"
    IF_NEED_BE = "if_need_be"
    NO = "no"


_ATTENDING = frozenset({Answer.YES, Answer.IF_NEED_BE})


@dataclass(frozen=True)
class Slot:
    key: int
    starts_at: datetime  # aware
    ends_at: datetime  # aware


@dataclass(frozen=True)
class Venue:
    key: int
    online: bool
    capacity: int | None  # None: no limit (online venues)


@dataclass(frozen=True)
class Invitee:
    """One person invited, of member ``member``. ``answers``: slot key -> Answer (a slot
    missing is NO). ``unsafe_venues``: venue keys the person privately marked."""

    person: int
    member: int
    time_zone: str  # an IANA name, e.g. "Africa/Nairobi"
    answers: Mapping[int, Answer]
    unsafe_venues: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Quorum:
    """``needed`` of ``electorate`` (member ids when ``unit`` is "member", person ids
    when it is "person") must attend."""

    label: str
    electorate: frozenset[int]
    unit: str
    needed: int

    def __post_init__(self):
        if self.unit not in (MEMBER, PERSON):
            raise ValueError(f"unit must be {MEMBER!r} or {PERSON!r}, not {self.unit!r}")


@dataclass(frozen=True)
class QuorumCheck:
    label: str
    present: int
    needed: int
    size: int  # of the electorate

    @property
    def met(self) -> bool:
        return self.present >= self.needed


@dataclass(frozen=True)
class Proposal:
    """One (slot, venue) pair. Public: everything but ``people_in_person`` and
    ``remote_people``, which are private (see the module's docstring)."""

    slot: int
    venue: int
    members_attending: int
    members_invited: int
    members_yes: int
    people_in_person: int  # private: with people_attending it gives the remote seats
    quorums: tuple[QuorumCheck, ...]
    outside_hours: int
    repeatedly_outside_hours: int
    remote_people: frozenset[int]  # private: show each person only their own seat

    @property
    def people_attending(self) -> int:
        """Everyone attending, in person or remotely: public (it does not depend on
        who marked the venue)."""
        return self.people_in_person + len(self.remote_people)


@dataclass(frozen=True)
class Blocker:
    """Why nothing fits. ``kind``: "no_slot" (no times), "nobody" (nobody can attend any
    time), "no_venue" (no venue, or every venue excluded: ``count`` of them),
    "no_quorum" (``label``: at best ``present`` of ``needed``), "quorums_apart" (each
    quorum is reached at some time, never all at once), "capacity" (the largest venue
    holds ``capacity``; ``people`` could attend)."""

    kind: str
    label: str = ""
    present: int = 0
    needed: int = 0
    capacity: int = 0
    people: int = 0
    count: int = 0


@dataclass(frozen=True)
class Schedule:
    proposals: tuple[Proposal, ...]  # best first
    excluded_venues: int  # public: how many venues were dropped as unsuitable
    blockers: tuple[Blocker, ...]  # filled when there is no proposal


@dataclass(frozen=True)
class _SlotScore:
    """What a slot gives whatever the venue."""

    slot: Slot
    attending: int  # bitset of invitees
    members: int
    members_yes: int
    quorums: tuple[QuorumCheck, ...]
    outside_hours: int
    repeatedly: int

    @property
    def quorate(self) -> bool:
        return self.members > 0 and all(q.met for q in self.quorums)


class _Poll:
    """The answers as bitsets: bit ``i`` is the ``i``-th invitee by person id."""

    def __init__(self, slots: Sequence[Slot], invitees: Iterable[Invitee], history):
        self.invitees = sorted(invitees, key=lambda i: (i.person, i.member))
        self.attending = dict.fromkeys((s.key for s in slots), 0)
        self.yes = dict.fromkeys(self.attending, 0)
        self.by_member: dict[int, int] = {}
        self.by_zone: dict[str, int] = {}
        self.marks: dict[int, int] = {}
        self.inconvenienced = 0
        for index, invitee in enumerate(self.invitees):
            self._add(index, invitee, history)
        # Loaded once: ZoneInfo's own cache keeps only a few zones alive.
        self.zones = {name: ZoneInfo(name) for name in self.by_zone}

    def _add(self, index: int, invitee: Invitee, history: Mapping[int, int]):
        bit = 1 << index
        attending, yes = self.attending, self.yes
        for slot_key, answer in invitee.answers.items():
            if slot_key in attending and answer in _ATTENDING:
                attending[slot_key] |= bit
                if answer == Answer.YES:
                    yes[slot_key] |= bit
        self.by_member[invitee.member] = self.by_member.get(invitee.member, 0) | bit
        self.by_zone[invitee.time_zone] = self.by_zone.get(invitee.time_zone, 0) | bit
        for venue_key in invitee.unsafe_venues:
            self.marks[venue_key] = self.marks.get(venue_key, 0) | bit
        if history.get(invitee.person, 0) >= 1:
            self.inconvenienced |= bit

    def people_bits(self, people: Iterable[int]) -> int:
        wanted = set(people)
        return sum(1 << i for i, invitee in enumerate(self.invitees) if invitee.person in wanted)

    def people(self, bits: int) -> frozenset[int]:
        found = []
        while bits:
            low = bits & -bits
            found.append(self.invitees[low.bit_length() - 1].person)
            bits ^= low
        return frozenset(found)


def outside_hours(slot: Slot, zone: ZoneInfo) -> bool:
    """Whether ``slot`` starts before 08:00 or ends after 20:00 of its starting day, in
    ``zone`` (ending at 20:00 exactly is inside)."""
    start, end = slot.starts_at.astimezone(zone), slot.ends_at.astimezone(zone)
    return start.time() < DAY_STARTS or (end.date(), end.time()) > (start.date(), DAY_ENDS)


def _outside_bits(poll: _Poll, slot: Slot) -> int:
    bits = 0
    for zone, members in poll.by_zone.items():
        if outside_hours(slot, poll.zones[zone]):
            bits |= members
    return bits


def _score_slot(poll: _Poll, slot: Slot, quorums, electorates) -> _SlotScore:
    attending, yes = poll.attending[slot.key], poll.yes[slot.key]
    members = {m for m, bits in poll.by_member.items() if bits & attending}
    members_yes = sum(1 for bits in poll.by_member.values() if bits & yes)
    checks = []
    for quorum, electorate in zip(quorums, electorates, strict=True):
        if quorum.unit == MEMBER:
            present = len(quorum.electorate & members)
        else:
            present = (attending & electorate).bit_count()
        checks.append(QuorumCheck(quorum.label, present, quorum.needed, len(quorum.electorate)))
    outside = _outside_bits(poll, slot) & attending
    return _SlotScore(
        slot=slot,
        attending=attending,
        members=len(members),
        members_yes=members_yes,
        quorums=tuple(checks),
        outside_hours=outside.bit_count(),
        repeatedly=(outside & poll.inconvenienced).bit_count(),
    )


def _screen(venues: Iterable[Venue], poll: _Poll, remote_allowed: bool):
    """The venues that stay (by key) and how many were dropped as marked."""
    kept = sorted(venues, key=lambda v: v.key)
    if remote_allowed:
        return kept, 0
    safe = [v for v in kept if not poll.marks.get(v.key)]
    return safe, len(kept) - len(safe)


def _rank(score: _SlotScore, venue: Venue) -> tuple:
    return (
        -score.members,
        -score.members_yes,
        score.repeatedly,
        score.outside_hours,
        score.slot.starts_at,
        score.slot.key,
        venue.key,
    )


def _candidates(scores, venues, poll: _Poll, remote_allowed: bool) -> list:
    """Every pair that meets every hard constraint, best first: (rank, score, venue,
    remote seats as a bitset)."""
    found = []
    for score in scores:
        if not score.quorate:
            continue
        everyone = score.attending.bit_count()
        for venue in venues:
            remote = score.attending & poll.marks.get(venue.key, 0) if remote_allowed else 0
            if venue.capacity is None or everyone - remote.bit_count() <= venue.capacity:
                found.append((_rank(score, venue), score, venue, remote))
    found.sort(key=lambda candidate: candidate[0])
    return found


def _proposal(candidate, poll: _Poll) -> Proposal:
    _rank_key, score, venue, remote = candidate
    return Proposal(
        slot=score.slot.key,
        venue=venue.key,
        members_attending=score.members,
        members_invited=len(poll.by_member),
        members_yes=score.members_yes,
        people_in_person=(score.attending & ~remote).bit_count(),
        quorums=score.quorums,
        outside_hours=score.outside_hours,
        repeatedly_outside_hours=score.repeatedly,
        remote_people=poll.people(remote),
    )


def _quorum_blockers(live: list[_SlotScore]) -> list[Blocker]:
    short = []
    for index, check in enumerate(live[0].quorums):
        best = max(score.quorums[index].present for score in live)
        if best < check.needed:
            short.append(Blocker("no_quorum", label=check.label, present=best, needed=check.needed))
    return short or [Blocker("quorums_apart")]


def _blockers(scores: list[_SlotScore], venues: list[Venue], excluded: int) -> tuple:
    if not scores:
        return (Blocker("no_slot"),)
    live = [score for score in scores if score.members]
    if not live:
        return (Blocker("nobody"),)
    found = [] if venues else [Blocker("no_venue", count=excluded)]
    quorate = [score for score in live if score.quorate]
    if not quorate:
        found += _quorum_blockers(live)
    elif venues:
        found.append(
            Blocker(
                "capacity",
                capacity=max(v.capacity for v in venues if v.capacity is not None),
                people=max(score.attending.bit_count() for score in quorate),
            )
        )
    return tuple(found)


def propose(
    slots: Iterable[Slot],
    venues: Iterable[Venue],
    invitees: Iterable[Invitee],
    quorums: Iterable[Quorum] = (),
    *,
    remote_allowed: bool = False,
    history: Mapping[int, int] | None = None,
    limit: int = DEFAULT_LIMIT,
) -> Schedule:
    """The ``limit`` best (slot, venue) pairs that meet every hard constraint (see the
    module's docstring), best first; when there is none, the blockers say why. The
    order of the input does not matter (keys are expected unique); quorum checks keep
    the order of ``quorums``."""
    slots = sorted(slots, key=lambda s: (s.starts_at, s.key))
    quorums = tuple(quorums)
    poll = _Poll(slots, invitees, history or {})
    electorates = [poll.people_bits(q.electorate) if q.unit == PERSON else 0 for q in quorums]
    scores = [_score_slot(poll, slot, quorums, electorates) for slot in slots]
    kept, excluded = _screen(venues, poll, remote_allowed)
    candidates = _candidates(scores, kept, poll, remote_allowed)
    return Schedule(
        proposals=tuple(_proposal(c, poll) for c in candidates[: max(limit, 0)]),
        excluded_venues=excluded,
        blockers=() if candidates else _blockers(scores, kept, excluded),
    )
