"""Property tests: the tally against a plain reference count of the rules as written.

The reference (``reference_outcome``) is written from the rules' text, not from
``tally``: simple majority needs more yes than no; a qualified majority needs
yes/(yes+no) at or above the threshold; consensus is adopted when no one blocks and
someone agrees; consent when no one objects. Quorum: participants (less abstentions when
they do not count) must reach ceil(electorate × quorum% / 100), and at least one.

Two real paths are compared with it: ``tally.decide`` on the counted positions (many
examples, pure), and the whole service path through the database (fewer examples):
rule, proposal, opening, each vote cast by its voter (a changed position replaces the
old one; a secret ballot is cast once), closing after the window.
"""

import math
import random
from dataclasses import dataclass
from datetime import timedelta
from fractions import Fraction

import pytest
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from coalesce.coalitions.policy import actor_for
from coalesce.core.errors import Conflict, DomainError
from coalesce.decisions import services, tally
from coalesce.decisions.models import Proposal
from tests.support import factories as f

FAST_HASHER = "django.contrib.auth.hashers.MD5PasswordHasher"

# The positions each method offers, and those that need a reason — as the rules say.
OFFERED = {
    "simple_majority": ["yes", "no", "abstain"],
    "qualified_majority": ["yes", "no", "abstain"],
    "consensus": ["agree", "abstain", "stand_aside", "block"],
    "consent": ["consent", "abstain", "object"],
}
NEEDS_REASON = {"block", "object"}


@dataclass(frozen=True)
class Election:
    method: str
    electorate: int
    quorum_percent: int
    threshold: Fraction
    abstentions_count: bool
    secret: bool
    events: tuple  # (voter index, position, reason), in the order they are cast


def final_positions(election: Election) -> dict[int, str]:
    """Each voter's counted position: the last valid one (open ballot) or the first
    (secret ballot, cast once). A position that needs a reason but has none is refused."""
    held = {}
    for voter, position, reason in election.events:
        if position in NEEDS_REASON and not reason.strip():
            continue
        if election.secret and voter in held:
            continue
        held[voter] = position
    return held


def reference_outcome(election: Election) -> tuple[str, dict[str, int]]:
    counts = dict.fromkeys(OFFERED[election.method], 0)
    for position in final_positions(election).values():
        counts[position] += 1
    participants = sum(counts.values())
    if not election.abstentions_count:
        participants -= counts["abstain"]
    needed = math.ceil(Fraction(election.electorate * election.quorum_percent, 100))
    if participants < needed or participants < 1:
        return "no_quorum", counts
    if election.method == "simple_majority":
        adopted = counts["yes"] > counts["no"]
    elif election.method == "qualified_majority":
        cast = counts["yes"] + counts["no"]
        adopted = cast > 0 and Fraction(counts["yes"], cast) >= election.threshold
    elif election.method == "consensus":
        adopted = counts["block"] == 0 and counts["agree"] >= 1
    else:
        adopted = counts["object"] == 0
    return ("adopted" if adopted else "not_adopted"), counts


def interleave(events, rng: random.Random) -> list:
    """A random interleaving of the events that keeps each voter's own order."""
    by_voter = {}
    for cast in events:
        by_voter.setdefault(cast[0], []).append(cast)
    slots = [cast[0] for cast in events]
    rng.shuffle(slots)
    cursors = {voter: iter(voter_events) for voter, voter_events in by_voter.items()}
    return [next(cursors[voter]) for voter in slots]


def thresholds():
    """Fractions from 1/2 to 1 with a denominator up to 100, as a rule may hold."""
    return st.integers(1, 100).flatmap(
        lambda d: st.integers((d + 1) // 2, d).map(lambda n: Fraction(n, d))
    )


@st.composite
def elections(draw, max_electorate=40, max_events=60, allow_secret=False):
    method = draw(st.sampled_from(sorted(OFFERED)))
    electorate = draw(st.one_of(st.integers(1, 6), st.integers(1, max_electorate)))
    voter = st.integers(0, electorate - 1)
    event = st.tuples(voter, st.sampled_from(OFFERED[method]), st.sampled_from(["", "Because."]))
    return Election(
        method=method,
        electorate=electorate,
        # Low quorums are drawn more often, so that outcomes other than no_quorum are common.
        quorum_percent=draw(st.one_of(st.integers(0, 100), st.integers(0, 30))),
        threshold=draw(thresholds()),
        abstentions_count=draw(st.booleans()),
        secret=draw(st.booleans()) if allow_secret else False,
        events=tuple(draw(st.lists(event, max_size=max_events))),
    )


def terms(election: Election) -> tally.Terms:
    return tally.Terms(
        method=election.method,
        quorum_percent=election.quorum_percent,
        threshold=election.threshold,
        abstentions_count_for_quorum=election.abstentions_count,
    )


def decided(election: Election, events) -> tally.Result:
    held = final_positions(Election(**{**election.__dict__, "events": tuple(events)}))
    counts = {}
    for position in held.values():
        counts[position] = counts.get(position, 0) + 1
    return tally.decide(terms(election), election.electorate, counts)


# --- the pure tally -------------------------------------------------------------------


@given(elections(allow_secret=True), st.randoms(use_true_random=False))
@settings(max_examples=500)
def test_decide_matches_the_reference_count(election, rng):
    outcome, counts = reference_outcome(election)
    event(f"{election.method}: {outcome}")
    result = decided(election, election.events)
    assert result.outcome == outcome
    assert result.counts == counts
    assert result.participants == sum(counts.values())
    assert result.electorate == election.electorate
    assert result.quorum_met == (outcome != "no_quorum")
    # The same ballots cast in another interleaving give the same outcome and counts.
    again = decided(election, interleave(election.events, rng))
    assert (again.outcome, again.counts) == (result.outcome, result.counts)


@given(
    st.sampled_from(sorted(OFFERED)),
    st.integers(0, 500),
    st.integers(0, 100),
    thresholds(),
    st.booleans(),
    st.data(),
)
def test_decide_only_counts_the_methods_positions(
    method, electorate, quorum, threshold, abstentions_count, data
):
    """Zero entries, dict order and positions of other methods change nothing."""
    offered = OFFERED[method]
    counts = data.draw(st.fixed_dictionaries({p: st.integers(0, 200) for p in offered}))
    others = {p: data.draw(st.integers(0, 50)) for ps in OFFERED.values() for p in ps}
    others.update(counts)
    election_terms = tally.Terms(method, quorum, threshold, abstentions_count)
    plain = tally.decide(election_terms, electorate, counts)
    reordered = dict(reversed(list({**dict.fromkeys(offered, 0), **counts}.items())))
    assert tally.decide(election_terms, electorate, reordered) == plain
    other_methods_only = {p: n for p, n in others.items() if p not in offered}
    assert tally.decide(election_terms, electorate, {**other_methods_only, **counts}) == plain
    if electorate == 0:
        assert plain.outcome == "no_quorum"


@given(st.integers(0, 10_000), st.integers(0, 100))
def test_quorum_needed_is_the_ceiling_of_the_percentage(electorate, percent):
    assert tally.quorum_needed(electorate, percent) == math.ceil(
        Fraction(electorate * percent, 100)
    )


# --- the whole service path, through the database -------------------------------------


class _RollBack(Exception):
    pass


def run_through_services(election: Election, rng: random.Random):
    """Cast every event as its voter through the services, close after the window;
    returns (closed proposal, recomputed result)."""
    with override_settings(PASSWORD_HASHERS=[FAST_HASHER]):
        admin = f.make_user()
        coalition = f.make_coalition(admin)
        users = [f.make_user() for _ in range(election.electorate)]
    for user in users:
        f.make_member(coalition, user=user)
    admin_actor = actor_for(admin, coalition)
    voters = [actor_for(user, coalition) for user in users]
    category = services.create_category(admin_actor, name="Property decisions")
    services.define_rule(
        admin_actor,
        category.id,
        method=election.method,
        electorate="all_members",
        threshold_numerator=election.threshold.numerator,
        threshold_denominator=election.threshold.denominator,
        quorum_percent=election.quorum_percent,
        window_hours=1,
        abstentions_count_for_quorum=election.abstentions_count,
        secret=election.secret,
    )
    proposal = services.create_proposal(voters[0], category_id=category.id, title="T", body="B")
    services.open_proposal(voters[0], proposal.id)
    # The database sees the events in another interleaving; each voter's order is kept.
    held = set()
    for voter, position, reason in interleave(election.events, rng):
        refused_for_reason = position in NEEDS_REASON and not reason.strip()
        try:
            services.cast(voters[voter], proposal.id, position=position, reason=reason)
        except DomainError as error:
            if isinstance(error, Conflict):
                assert election.secret and voter in held
            else:
                assert refused_for_reason and error.field == "reason"
            continue
        assert not refused_for_reason
        assert not (election.secret and voter in held)
        held.add(voter)
    closed = services.close_proposal(proposal.id, now=timezone.now() + timedelta(hours=2))
    return closed, services.compute_result(Proposal.objects.get(pk=proposal.id))


@pytest.mark.django_db
@given(
    elections(max_electorate=8, max_events=16, allow_secret=True),
    st.randoms(use_true_random=False),
)
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
def test_the_service_path_matches_the_reference_count(election, rng):
    outcome, counts = reference_outcome(election)
    event(f"{'secret' if election.secret else 'open'}: {outcome}")
    try:
        with transaction.atomic():
            closed, recomputed = run_through_services(election, rng)
            assert closed.status == "closed"
            assert closed.outcome == outcome
            assert closed.result["counts"] == counts
            assert closed.result["electorate"] == election.electorate
            assert closed.result["participants"] == len(final_positions(election))
            # Recomputing a closed decision gives what was published.
            assert recomputed.outcome == closed.outcome
            assert {
                "electorate": recomputed.electorate,
                "participants": recomputed.participants,
                "counts": recomputed.counts,
                "quorum_needed": recomputed.quorum_needed,
                "quorum_met": recomputed.quorum_met,
                "explanation": recomputed.explanation,
            } == closed.result
            raise _RollBack
    except _RollBack:
        pass  # each example leaves the database as it found it
