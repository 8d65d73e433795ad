"""The rotation rules, over random rosters, constraints, opt-outs and declines."""

from datetime import date, timedelta

import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from coalesce.spokespeople import rules

DAY0 = date(2026, 1, 1)
# Weighted towards the first value, so that most requests have eligible organisations.
TOPICS = ["police", "police", "police", "prisons"]
LANGUAGES = ["en", "en", "en", "fr"]
REGIONS = ["", "", "", "north"]


@st.composite
def rosters(draw):
    orgs = draw(st.integers(min_value=1, max_value=12))
    mandates = []
    for org in range(1, orgs + 1):
        for _ in range(draw(st.integers(min_value=0, max_value=3))):
            start = DAY0 + timedelta(days=draw(st.integers(0, 10)))
            mandates.append(
                rules.MandateFacts(
                    id=len(mandates) + 1,
                    org=org,
                    topic=draw(st.sampled_from(TOPICS)),
                    language=draw(st.sampled_from(LANGUAGES)),
                    region=draw(st.sampled_from(REGIONS)),
                    starts_on=start,
                    expires_on=start + timedelta(days=draw(st.integers(0, 120))),
                    ended=draw(st.integers(0, 4)) == 0,
                )
            )
    opted_out = draw(st.sets(st.integers(1, orgs), max_size=orgs))
    return orgs, mandates, opted_out


needs = st.builds(
    rules.Need,
    topic=st.sampled_from(TOPICS),
    language=st.sampled_from(LANGUAGES),
    region=st.sampled_from(REGIONS),
    on=st.integers(0, 40).map(lambda d: DAY0 + timedelta(days=d)),
)


def run(mandates, opted_out, requests, declines):
    """Each request: propose the next voice; the ones in ``declines`` decline (each once
    per request), passing the voice on. Returns the turns, the accepted counts and the
    eligible sets seen, and checks every choice on the way."""
    turns, accepted, eligible_sets, ordinal = {}, {}, [], 0
    for need in requests:
        asked = set()
        first = rules.eligible(mandates, need, opted_out=opted_out)
        eligible_sets.append(set(first))
        while True:
            candidates = rules.eligible(mandates, need, opted_out=opted_out, asked=asked)
            chosen = rules.next_voice(candidates, turns)
            if chosen is None:
                assert not candidates
                break
            assert chosen not in opted_out and chosen not in asked
            assert any(rules.matches(m, need) and m.org == chosen for m in mandates)
            fewest = min(turns.get(o, rules.NEVER).count for o in candidates)
            assert turns.get(chosen, rules.NEVER).count == fewest
            ordinal += 1
            rules.take_turn(turns, chosen, ordinal)
            asked.add(chosen)
            if chosen not in declines:
                accepted[chosen] = accepted.get(chosen, 0) + 1
                break
    return turns, accepted, eligible_sets


@given(rosters(), st.lists(needs, max_size=40), st.sets(st.integers(1, 12), max_size=3))
def test_nobody_ineligible_or_opted_out_is_ever_chosen(roster, requests, declines):
    _orgs, mandates, opted_out = roster
    turns, accepted, _sets = run(mandates, opted_out, requests, declines)
    assert not set(turns) & opted_out
    assert not set(accepted) & opted_out


@given(rosters(), needs, st.integers(1, 100), st.sets(st.integers(1, 12), max_size=3))
def test_one_constraint_spreads_turns_and_assignments_within_one(roster, need, n, declines):
    """The same need n times: every eligible organisation's turns differ by at most one;
    without declines, so do their accepted assignments."""
    _orgs, mandates, opted_out = roster
    turns, _accepted, sets = run(mandates, opted_out, [need] * n, declines)
    counts = {org: t.count for org, t in turns.items()}
    assert rules.spread(counts, sets[0]) <= 1
    _turns, accepted, _sets = run(mandates, opted_out, [need] * n, set())
    assert rules.spread(accepted, sets[0]) <= 1
    if sets[0]:
        assert sum(accepted.values()) == n


class Found(Exception):
    """Raised by the control below as soon as it meets what it looks for."""


def test_the_strategies_do_produce_eligible_organisations():
    """The properties above are not vacuous: a typical roster has eligible organisations.

    About one generated (roster, need) in twenty-five has four: stop at the first one met,
    as ``hypothesis.find`` did, but without the half minute it then spent shrinking it to
    a minimal example nobody looks at. Derandomised, so it always sees the same examples."""

    @settings(max_examples=1000, database=None, phases=[Phase.generate], derandomize=True)
    @given(st.tuples(rosters(), needs))
    def probe(roster_and_need):
        (_orgs, mandates, opted_out), need = roster_and_need
        if len(rules.eligible(mandates, need, opted_out=opted_out)) >= 4:
            raise Found

    with pytest.raises(Found):
        probe()


@given(rosters(), st.lists(needs, min_size=1, max_size=60), st.sets(st.integers(1, 12), max_size=3))
def test_organisations_eligible_for_every_request_stay_within_one(roster, requests, declines):
    """Mixed constraints: among the organisations eligible for every request of the run,
    the spread of turns is at most 1 after every request."""
    _orgs, mandates, opted_out = roster
    for k in range(1, len(requests) + 1):
        turns, _accepted, sets = run(mandates, opted_out, requests[:k], declines)
        always = set.intersection(*sets)
        assert rules.spread({o: t.count for o, t in turns.items()}, always) <= 1


@given(rosters(), needs)
def test_the_choice_is_deterministic_and_ties_go_to_the_longest_waiting(roster, need):
    _orgs, mandates, opted_out = roster
    candidates = rules.eligible(mandates, need, opted_out=opted_out)
    assert rules.next_voice(candidates, {}) == (min(candidates) if candidates else None)
    turns = {org: rules.Turns(1, 100 - org) for org in candidates}
    if candidates:
        assert rules.next_voice(candidates, turns) == max(candidates)


def test_a_mandate_covers_its_days_only():
    m = rules.MandateFacts(1, 1, "police", "en", "", DAY0, DAY0 + timedelta(days=10))
    assert m.covers(DAY0) and m.covers(DAY0 + timedelta(days=10))
    assert not m.covers(DAY0 - timedelta(days=1))
    assert not m.covers(DAY0 + timedelta(days=11))
    ended = rules.MandateFacts(2, 1, "police", "en", "", DAY0, DAY0, ended=True)
    assert not ended.covers(DAY0)
    need = rules.Need("police", "en", "north", DAY0)
    assert not rules.matches(m, need)  # a coalition-wide mandate is not a regional one
