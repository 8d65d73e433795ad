"""The meeting scheduler: hard constraints, ranking, privacy and blockers, held over
random polls against a brute-force reference, plus worked examples."""

import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coalesce.meetings.scheduling import (
    Answer,
    Blocker,
    Invitee,
    Proposal,
    Quorum,
    QuorumCheck,
    Schedule,
    Slot,
    Venue,
    explain,
    explain_blockers,
    outside_hours,
    propose,
)

YES, MAYBE, NO = Answer.YES, Answer.IF_NEED_BE, Answer.NO
ZONES = ["UTC", "Africa/Nairobi", "America/New_York", "Asia/Kolkata", "Pacific/Auckland"]
BASE = datetime(2027, 3, 26, tzinfo=UTC)  # DST changes in Europe and New Zealand are near


# --- random polls ---------------------------------------------------------------------


@st.composite
def slots(draw):
    n = draw(st.sampled_from([0, 1, 2, 3, 3, 4, 4, 4]))
    return [
        Slot(
            key,
            at := BASE + timedelta(minutes=30 * draw(st.integers(0, 48 * 4))),
            at + timedelta(minutes=30 * draw(st.integers(1, 10))),
        )
        for key in range(n)
    ]


@st.composite
def venues(draw, big=False):
    n = draw(st.sampled_from([0, 1, 2, 2, 3, 3, 4, 4]))
    found = []
    for key in range(n):
        online = draw(st.booleans())
        if online:
            capacity = None
        elif big:  # never full: the invitees are at most 8
            capacity = draw(st.none() | st.integers(8, 20))
        else:
            capacity = draw(st.sampled_from([None, 0, 1, 2, 3, 4, 5, 6]))
        found.append(Venue(key, online, capacity))
    return found


@st.composite
def invitees(draw, slot_keys, venue_keys):
    n = draw(st.sampled_from([0, 1, 2, 3, 4, 5, 6, 7, 8, 8]))
    return [
        Invitee(
            person=100 + person,
            member=draw(st.integers(0, 3)),
            time_zone=draw(st.sampled_from(ZONES)),
            answers=draw(answers(slot_keys)),
            unsafe_venues=draw(marks(venue_keys)),
        )
        for person in range(n)
    ]


@st.composite
def answers(draw, slot_keys):
    """Mostly yes, some if need be, no or not answered (None: left out)."""
    found = {key: draw(st.sampled_from([YES, YES, MAYBE, NO, None])) for key in slot_keys}
    return {key: answer for key, answer in found.items() if answer is not None}


def marks(venue_keys):
    """Mostly none; sometimes one or two venues."""
    if not venue_keys:
        return st.just(frozenset())
    some = st.frozensets(st.sampled_from(venue_keys), min_size=1, max_size=2)
    return st.sampled_from([0, 0, 0, 1]).flatmap(lambda n: some if n else st.just(frozenset()))


@st.composite
def quorums(draw):
    found = []
    for n in range(draw(st.integers(0, 2))):
        unit = draw(st.sampled_from(["member", "person"]))
        pool = range(4) if unit == "member" else range(100, 108)
        electorate = draw(st.frozensets(st.sampled_from(pool), min_size=1))
        found.append(Quorum(f"Q{n}", electorate, unit, draw(st.integers(0, 3))))
    return found


@st.composite
def polls(draw, big_venues=False, remote=None):
    s = draw(slots())
    v = draw(venues(big=big_venues))
    people = draw(invitees([x.key for x in s], [x.key for x in v]))
    history = {i.person: draw(st.integers(0, 2)) for i in people}
    return {
        "slots": s,
        "venues": v,
        "invitees": people,
        "quorums": draw(quorums()),
        "remote_allowed": draw(st.booleans()) if remote is None else remote,
        "history": history,
        "limit": draw(st.integers(1, 30)),
    }


def run(poll) -> Schedule:
    return propose(
        poll["slots"],
        poll["venues"],
        poll["invitees"],
        poll["quorums"],
        remote_allowed=poll["remote_allowed"],
        history=poll["history"],
        limit=poll["limit"],
    )


# --- the brute-force reference --------------------------------------------------------


def brute_outside(slot, zone_name) -> bool:
    zone = ZoneInfo(zone_name)
    start, end = slot.starts_at.astimezone(zone), slot.ends_at.astimezone(zone)
    minutes = lambda moment: moment.hour * 60 + moment.minute  # noqa: E731
    return minutes(start) < 8 * 60 or end.date() != start.date() or minutes(end) > 20 * 60


def attends(invitee, slot) -> bool:
    return invitee.answers.get(slot.key, NO) in (YES, MAYBE)


def brute_quorums(poll, present_people):
    checks = []
    for q in poll["quorums"]:
        if q.unit == "member":
            present = len({i.member for i in present_people} & q.electorate)
        else:
            present = len({i.person for i in present_people} & q.electorate)
        checks.append(QuorumCheck(q.label, present, q.needed, len(q.electorate)))
    return tuple(checks)


def reference(poll) -> list[Proposal]:
    """Every valid pair, best first, computed the slow and obvious way."""
    history, rows = poll["history"], []
    for slot in poll["slots"]:
        present = [i for i in poll["invitees"] if attends(i, slot)]
        checks = brute_quorums(poll, present)
        if not present or not all(c.present >= c.needed for c in checks):
            continue
        members = {i.member for i in present}
        yes = {i.member for i in present if i.answers[slot.key] == YES}
        outside = [i for i in present if brute_outside(slot, i.time_zone)]
        repeated = [i for i in outside if history.get(i.person, 0) >= 1]
        for venue in poll["venues"]:
            marked = any(venue.key in i.unsafe_venues for i in poll["invitees"])
            if marked and not poll["remote_allowed"]:
                continue
            remote = frozenset(i.person for i in present if venue.key in i.unsafe_venues)
            in_person = len(present) - len(remote)
            if venue.capacity is not None and in_person > venue.capacity:
                continue
            key = (-len(members), -len(yes), len(repeated), len(outside), slot.starts_at)
            proposal = Proposal(
                slot=slot.key,
                venue=venue.key,
                members_attending=len(members),
                members_invited=len({i.member for i in poll["invitees"]}),
                members_yes=len(yes),
                people_in_person=in_person,
                quorums=checks,
                outside_hours=len(outside),
                repeatedly_outside_hours=len(repeated),
                remote_people=remote,
            )
            rows.append(((*key, slot.key, venue.key), proposal))
    return [proposal for _key, proposal in sorted(rows, key=lambda row: row[0])]


# --- properties -----------------------------------------------------------------------


@given(polls())
def test_proposals_are_the_best_valid_pairs_of_the_brute_force_reference(poll):
    schedule = run(poll)
    assert list(schedule.proposals) == reference(poll)[: poll["limit"]]


@given(polls())
def test_no_invitee_is_ever_sent_to_a_venue_they_marked(poll):
    schedule = run(poll)
    by_key = {s.key: s for s in poll["slots"]}
    for p in schedule.proposals:
        markers = [i for i in poll["invitees"] if p.venue in i.unsafe_venues]
        if not poll["remote_allowed"]:
            assert not markers
        coming = [i for i in markers if attends(i, by_key[p.slot])]
        assert p.remote_people == {i.person for i in coming}
        present = sum(attends(i, by_key[p.slot]) for i in poll["invitees"])
        assert p.people_in_person == present - len(coming)
        assert p.people_attending == present


@given(polls())
def test_every_proposal_meets_every_quorum_and_capacity_and_is_ranked(poll):
    schedule = run(poll)
    venues = {v.key: v for v in poll["venues"]}
    starts = {s.key: s.starts_at for s in poll["slots"]}
    for p in schedule.proposals:
        assert all(check.met for check in p.quorums)
        assert len(p.quorums) == len(poll["quorums"])
        capacity = venues[p.venue].capacity
        assert capacity is None or p.people_in_person <= capacity
    keys = [
        (
            -p.members_attending,
            -p.members_yes,
            p.repeatedly_outside_hours,
            p.outside_hours,
            starts[p.slot],
            p.slot,
            p.venue,
        )
        for p in schedule.proposals
    ]
    assert keys == sorted(keys)
    assert len(schedule.proposals) <= poll["limit"]


@given(polls())
def test_blockers_come_exactly_when_nothing_fits_and_each_has_a_sentence(poll):
    schedule = run(poll)
    assert bool(schedule.blockers) == (not schedule.proposals)
    sentences = explain_blockers(schedule)
    assert len(sentences) == len(schedule.blockers)
    assert all(isinstance(s, str) and s.endswith(".") for s in sentences)
    excluded = {
        v.key for v in poll["venues"] if any(v.key in i.unsafe_venues for i in poll["invitees"])
    }
    assert schedule.excluded_venues == (0 if poll["remote_allowed"] else len(excluded))


def kept_venues(poll):
    marked = {key for i in poll["invitees"] for key in i.unsafe_venues}
    return [v for v in poll["venues"] if poll["remote_allowed"] or v.key not in marked]


@given(polls())
def test_blockers_tell_the_truth(poll):
    schedule = run(poll)
    live = [s for s in poll["slots"] if any(attends(i, s) for i in poll["invitees"])]
    kinds = [b.kind for b in schedule.blockers]
    if not poll["slots"] or not live:
        assert schedule.blockers in ((), (Blocker("no_slot" if not poll["slots"] else "nobody"),))
        return
    assert ("no_venue" in kinds) == (not schedule.proposals and not kept_venues(poll))
    for blocker in schedule.blockers:
        if blocker.kind == "no_quorum":
            index = [q.label for q in poll["quorums"]].index(blocker.label)
            best = max(
                brute_quorums(poll, [i for i in poll["invitees"] if attends(i, s)])[index].present
                for s in live
            )
            assert (blocker.present, blocker.needed) == (best, poll["quorums"][index].needed)
            assert best < blocker.needed
        if blocker.kind == "capacity":
            capacities = [v.capacity for v in kept_venues(poll)]
            assert None not in capacities
            assert blocker.capacity == max(capacities) < blocker.people


@given(polls(), st.randoms(use_true_random=False))
def test_the_order_of_the_input_does_not_matter(poll, rng):
    shuffled = dict(poll)
    for name in ("slots", "venues", "invitees"):
        shuffled[name] = rng.sample(poll[name], len(poll[name]))
    assert run(shuffled) == run(poll)


def public(schedule: Schedule) -> tuple:
    """What the organiser may see of a result."""
    rows = tuple(
        (
            p.slot,
            p.venue,
            p.members_attending,
            p.members_invited,
            p.members_yes,
            p.quorums,
            p.outside_hours,
            p.repeatedly_outside_hours,
            p.people_attending,
            tuple(explain(p, schedule)),
        )
        for p in schedule.proposals
    )
    return rows, schedule.excluded_venues, tuple(explain_blockers(schedule))


@given(polls(big_venues=True, remote=True), st.data())
def test_who_or_how_many_marked_a_kept_venue_changes_nothing_public(poll, data):
    venue_keys = [v.key for v in poll["venues"]]
    remarked = dict(poll)
    remarked["invitees"] = [
        replace(i, unsafe_venues=data.draw(marks(venue_keys))) for i in poll["invitees"]
    ]
    before, after = run(poll), run(remarked)
    assert public(before) == public(after)


# --- examples -------------------------------------------------------------------------


def at(day, hour, minute=0):
    return datetime(2027, 5, day, hour, minute, tzinfo=UTC)


def person(n, member, answers, zone="UTC", unsafe=()):
    return Invitee(n, member, zone, answers, frozenset(unsafe))


ROOM = Venue(1, False, 30)
ONLINE = Venue(2, True, None)


def test_a_large_organisation_with_five_yes_people_counts_once():
    morning = Slot(1, at(3, 9), at(3, 10))
    afternoon = Slot(2, at(3, 14), at(3, 15))
    people = [person(n, member=1, answers={1: YES}) for n in range(5)]
    people += [person(10, 2, {2: YES}), person(11, 3, {2: MAYBE})]
    schedule = propose([morning, afternoon], [ROOM], people)
    best = schedule.proposals[0]
    assert (best.slot, best.members_attending, best.members_yes) == (2, 2, 1)
    assert schedule.proposals[1].members_attending == 1
    assert schedule.proposals[1].people_in_person == 5


def test_more_yes_wins_a_tie_of_attending_members():
    one, two = Slot(1, at(3, 9), at(3, 10)), Slot(2, at(4, 9), at(4, 10))
    people = [person(1, 1, {1: MAYBE, 2: YES}), person(2, 2, {1: YES, 2: YES})]
    assert propose([one, two], [ROOM], people).proposals[0].slot == 2


def test_fairness_keeps_a_repeatedly_inconvenienced_person_inside_their_hours():
    # In May, 06:00–07:00 UTC is 09:00–10:00 in Nairobi but 07:00–08:00 in London;
    # 18:00–19:00 UTC is 21:00–22:00 in Nairobi and 19:00–20:00 in London.
    early = Slot(1, at(3, 6), at(3, 7))
    late = Slot(2, at(3, 18), at(3, 19))
    answers = {1: YES, 2: YES, 3: YES}
    nairobi = person(1, 1, answers, zone="Africa/Nairobi")
    london = person(2, 2, answers, zone="Europe/London")
    people = [nairobi, london]
    schedule = propose([early, late], [ONLINE], people, history={1: 2, 2: 0})
    assert [p.slot for p in schedule.proposals] == [1, 2]
    assert schedule.proposals[0].repeatedly_outside_hours == 0
    schedule = propose([early, late], [ONLINE], people, history={1: 0, 2: 1})
    assert [p.slot for p in schedule.proposals] == [2, 1]
    # Fewer repeatedly inconvenienced people comes before fewer people outside hours.
    londoner = person(3, 3, answers, zone="Europe/London")
    schedule = propose([late, early], [ONLINE], [*people, londoner], history={1: 1})
    assert [(p.slot, p.repeatedly_outside_hours, p.outside_hours) for p in schedule.proposals] == [
        (1, 0, 2),
        (2, 1, 1),
    ]
    # No history: fewer people outside hours, then the earlier slot.
    inside = Slot(3, at(3, 8), at(3, 9))
    assert propose([late, early, inside], [ONLINE], people).proposals[0].slot == 3


def test_outside_hours_in_the_persons_own_zone():
    nairobi = ZoneInfo("Africa/Nairobi")
    assert not outside_hours(Slot(1, at(3, 15), at(3, 17)), nairobi)  # 18:00–20:00
    assert outside_hours(Slot(1, at(3, 15), at(3, 17, 1)), nairobi)  # ends 20:01
    assert outside_hours(Slot(1, at(3, 4, 59), at(3, 6)), nairobi)  # starts 07:59
    assert not outside_hours(Slot(1, at(3, 5), at(3, 6)), nairobi)  # starts 08:00
    assert outside_hours(Slot(1, at(3, 10), at(4, 10)), nairobi)  # a whole day


def test_a_marked_venue_is_dropped_or_kept_with_a_remote_seat():
    slot = Slot(1, at(3, 9), at(3, 10))
    people = [person(1, 1, {1: YES}, unsafe={1}), person(2, 2, {1: YES})]
    dropped = propose([slot], [ROOM, ONLINE], people)
    assert [p.venue for p in dropped.proposals] == [2]
    assert dropped.excluded_venues == 1
    kept = propose([slot], [ROOM, ONLINE], people, remote_allowed=True)
    room = next(p for p in kept.proposals if p.venue == 1)
    assert (room.remote_people, room.people_in_person, room.members_attending) == (
        frozenset({1}),
        1,
        2,
    )
    assert kept.excluded_venues == 0


def test_a_remote_seat_does_not_count_against_capacity():
    slot = Slot(1, at(3, 9), at(3, 10))
    people = [person(1, 1, {1: YES}, unsafe={1}), person(2, 2, {1: YES})]
    tiny = Venue(1, False, 1)
    assert propose([slot], [tiny], people, remote_allowed=True).proposals
    unmarked = [replace(p, unsafe_venues=frozenset()) for p in people]
    schedule = propose([slot], [tiny], unmarked, remote_allowed=True)
    assert schedule.blockers == (Blocker("capacity", capacity=1, people=2),)


LOBBYING = Quorum("Lobbying", frozenset({1, 2, 3, 4, 5, 6, 7}), "member", 5)


def fixture():
    slot = Slot(1, at(3, 16), at(3, 18))  # 19:00–21:00 in Nairobi
    people = [person(n, n, {1: YES if n < 4 else MAYBE}) for n in range(1, 6)]
    people += [
        person(6, 6, {1: NO}),
        person(7, 7, {1: YES}, zone="Africa/Nairobi"),
        person(8, 7, {1: YES}, zone="Africa/Nairobi", unsafe={3}),
    ]
    venues = [ROOM, ONLINE, Venue(3, False, 100)]
    return propose([slot], venues, people, [LOBBYING], history={8: 1})


def test_explain_gives_the_expected_sentences():
    schedule = fixture()
    assert [(p.venue, p.members_attending) for p in schedule.proposals] == [(1, 6), (2, 6)]
    assert explain(schedule.proposals[0], schedule) == [
        "6 of 7 member organisations can attend (4 say yes)",
        "7 people could attend",
        "Lobbying quorum met: 6 present, 5 needed of 7",
        "1 venue not suitable for this meeting was left out",
        "2 people would meet outside 08:00–20:00 in their own time zone",
        "1 of them already met outside these hours earlier in the series",
    ]


def test_explain_within_hours_and_without_exclusions():
    slot = Slot(1, at(3, 9), at(3, 10))
    schedule = propose([slot], [ONLINE], [person(1, 1, {1: YES})])
    assert explain(schedule.proposals[0], schedule) == [
        "1 of 1 member organisation can attend (1 says yes)",
        "1 person could attend",
        "Everyone would meet within 08:00–20:00 in their own time zone",
    ]


def test_an_impossible_quorum_says_how_close_it_came():
    slot = Slot(1, at(3, 9), at(3, 10))
    people = [person(n, n, {1: YES}) for n in range(1, 5)]
    schedule = propose([slot], [ROOM], people, [LOBBYING])
    assert schedule.blockers == (Blocker("no_quorum", label="Lobbying", present=4, needed=5),)
    assert explain_blockers(schedule) == [
        "No time reaches the Lobbying quorum: at best 4 of the 5 needed. Ask the missing "
        "members to answer, or add times."
    ]


def test_quorums_reached_only_apart():
    one, two = Slot(1, at(3, 9), at(3, 10)), Slot(2, at(4, 9), at(4, 10))
    people = [person(1, 1, {1: YES}), person(2, 2, {2: YES})]
    quorums = [Quorum("A", frozenset({1}), "member", 1), Quorum("B", frozenset({2}), "person", 1)]
    schedule = propose([one, two], [ROOM], people, quorums)
    assert [b.kind for b in schedule.blockers] == ["quorums_apart"]


def test_every_venue_marked_without_remote_seats():
    slot = Slot(1, at(3, 9), at(3, 10))
    people = [person(1, 1, {1: YES}, unsafe={1}), person(2, 2, {1: NO}, unsafe={2})]
    schedule = propose([slot], [ROOM, ONLINE], people)
    assert (schedule.proposals, schedule.excluded_venues) == ((), 2)
    assert explain_blockers(schedule) == [
        "Every venue is unsuitable for this meeting: add an online venue or allow remote seats."
    ]


def test_a_venue_too_small():
    slot = Slot(1, at(3, 9), at(3, 10))
    people = [person(n, n, {1: YES}) for n in range(35)]
    schedule = propose([slot], [Venue(1, False, 20), Venue(2, False, 12)], people)
    assert schedule.blockers == (Blocker("capacity", capacity=20, people=35),)
    assert explain_blockers(schedule) == [
        "The largest venue holds 20; 35 people could attend: add a larger or online venue."
    ]


def test_no_slots_no_venues_nobody():
    assert propose([], [ROOM], []).blockers == (Blocker("no_slot"),)
    assert explain_blockers(propose([], [], [])) == [
        "No time has been proposed: add times to the poll."
    ]
    slot = Slot(1, at(3, 9), at(3, 10))
    nobody = propose([slot], [ROOM], [person(1, 1, {1: NO}), person(2, 2, {})])
    assert [b.kind for b in nobody.blockers] == ["nobody"]
    no_venue = propose([slot], [], [person(1, 1, {1: YES})])
    assert explain_blockers(no_venue) == [
        "There is no venue to meet at: add one (an online venue suits everyone)."
    ]


def test_answers_may_be_the_stored_strings_and_anything_else_is_no():
    slots = [Slot(n, at(n, 9), at(n, 10)) for n in (1, 2, 3)]
    people = [person(1, 1, {1: "yes", 2: "if_need_be", 3: "maybe"})]
    schedule = propose(slots, [ONLINE], people)
    assert [(p.slot, p.members_yes) for p in schedule.proposals] == [(1, 1), (2, 0)]


def test_a_quorum_unit_must_be_member_or_person():
    with pytest.raises(ValueError):
        Quorum("X", frozenset(), "committee", 1)


def test_the_benchmark_poll_is_answered():
    """The benchmark's own poll, small: it runs and proposes (no timing here)."""
    from bench import scheduler

    poll = scheduler.build_poll(150, random.Random(1))
    schedule = propose(
        poll["slots"], poll["venues"], poll["invitees"], history=poll["history"], limit=3
    )
    assert len(schedule.proposals) == 3
