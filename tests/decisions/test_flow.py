"""The decision flow end to end at the service level: rule, proposal, votes, outcome."""

from datetime import timedelta

import pytest
from django.utils import timezone

from coalesce.coalitions.policy import actor_for
from coalesce.core.errors import Conflict, DomainError
from coalesce.decisions import selectors, services
from coalesce.decisions.models import Proposal


def actors(world):
    return {role: actor_for(user, world.coalition) for role, user in world.users.items()}


@pytest.fixture
def decision(world):
    a = actors(world)
    category = services.create_category(a["steering"], name="Joint statements")
    services.define_rule(
        a["steering"],
        category.id,
        method="consensus",
        electorate="all_members",
        quorum_percent=50,
        window_hours=24,
    )
    proposal = services.create_proposal(
        a["member"], category_id=category.id, title="Statement on police reform", body="We call…"
    )
    services.open_proposal(a["member"], proposal.id)
    return a, proposal


def test_a_consensus_with_a_stand_aside_is_adopted(world, decision):
    a, proposal = decision
    services.cast(a["member"], proposal.id, position="agree")
    services.cast(a["chair"], proposal.id, position="stand_aside")
    services.cast(a["steering"], proposal.id, position="agree")
    closed = services.close_proposal(proposal.id, now=timezone.now() + timedelta(days=2))
    assert closed.outcome == "adopted"
    assert closed.result["counts"] == {"agree": 2, "abstain": 0, "stand_aside": 1, "block": 0}
    assert closed.result["electorate"] == 5  # active members: member, chair, steering, 2 hidden


def test_a_block_needs_a_reason_and_stops_adoption(world, decision):
    a, proposal = decision
    with pytest.raises(DomainError) as error:
        services.cast(a["member"], proposal.id, position="block")
    assert error.value.field == "reason"
    services.cast(a["member"], proposal.id, position="block", reason="It names a victim.")
    services.cast(a["chair"], proposal.id, position="agree")
    services.cast(a["steering"], proposal.id, position="agree")
    closed = services.close_proposal(proposal.id, now=timezone.now() + timedelta(days=2))
    assert closed.outcome == "not_adopted"


def test_a_changed_position_replaces_the_old_one(world, decision):
    a, proposal = decision
    services.cast(a["member"], proposal.id, position="block", reason="No")
    services.cast(a["member"], proposal.id, position="agree")
    proposal.refresh_from_db()
    assert selectors.count_positions(proposal) == {"agree": 1}


def test_outsiders_and_non_electors_cannot_vote(world, decision):
    a, proposal = decision
    for role in ["outsider", "applicant", "admin", "custodian"]:
        with pytest.raises(DomainError):
            services.cast(a[role], proposal.id, position="agree")
    assert selectors.count_positions(Proposal.objects.get(pk=proposal.id)) == {}


def test_a_secret_ballot_is_cast_once_and_its_receipt_is_counted(world):
    a = actors(world)
    category = services.create_category(a["admin"], name="New members")
    services.define_rule(
        a["admin"],
        category.id,
        method="simple_majority",
        electorate="all_members",
        quorum_percent=40,
        window_hours=1,
        secret=True,
    )
    proposal = services.create_proposal(
        a["member"], category_id=category.id, title="Admit X", body="…"
    )
    services.open_proposal(a["member"], proposal.id)
    code = services.cast(a["member"], proposal.id, position="yes")
    with pytest.raises(Conflict):
        services.cast(a["member"], proposal.id, position="no")
    services.cast(a["chair"], proposal.id, position="no")
    proposal.refresh_from_db()
    assert selectors.receipt_is_counted(proposal, code)
    assert not selectors.receipt_is_counted(proposal, "NOT-A-CODE")
    assert not selectors.results_visible(proposal)
    closed = services.close_proposal(proposal.id, now=timezone.now() + timedelta(hours=2))
    # 2 of 5 took part (quorum 40% = 2): quorum met, one yes against one no
    assert closed.result["participants"] == 2 and closed.result["quorum_met"]
    assert closed.outcome == "not_adopted"


def test_a_secret_block_keeps_its_reason_unattributed_until_the_close(world):
    a = actors(world)
    category = services.create_category(a["admin"], name="Sensitive statements")
    services.define_rule(
        a["admin"],
        category.id,
        method="consensus",
        electorate="all_members",
        quorum_percent=20,
        window_hours=1,
        secret=True,
    )
    proposal = services.create_proposal(a["member"], category_id=category.id, title="T", body="B")
    services.open_proposal(a["member"], proposal.id)
    services.cast(a["member"], proposal.id, position="block", reason="Names a survivor.")
    services.cast(a["chair"], proposal.id, position="agree", reason="ignored for agree")
    proposal.refresh_from_db()
    assert selectors.secret_objections(proposal) == []
    closed = services.close_proposal(proposal.id, now=timezone.now() + timedelta(hours=2))
    assert closed.outcome == "not_adopted"
    assert selectors.secret_objections(closed) == [("block", "Names a survivor.")]


def test_one_vote_per_person_counts_each_person_with_an_account_once(world):
    a = actors(world)
    category = services.create_category(a["steering"], name="Per person")
    services.define_rule(
        a["steering"],
        category.id,
        method="simple_majority",
        electorate="all_members",
        vote_unit="person",
        quorum_percent=10,
        window_hours=1,
    )
    proposal = services.create_proposal(a["member"], category_id=category.id, title="T", body="B")
    services.open_proposal(a["member"], proposal.id)
    keys = list(proposal.electors.values_list("key", flat=True))
    assert len(keys) == len(set(keys)) == 3  # member, chair, steering have accounts


def test_a_rule_whose_committee_is_empty_cannot_open_a_proposal(world):
    a = actors(world)
    category = services.create_category(a["steering"], name="Empty committee")
    from coalesce.coalitions.models import Committee

    empty = Committee.objects.create(coalition=world.coalition, name="Nobody", kind="lobbying")
    services.define_rule(
        a["steering"],
        category.id,
        method="consent",
        electorate="committee",
        committee_id=empty.id,
        window_hours=1,
    )
    proposal = services.create_proposal(a["member"], category_id=category.id, title="T", body="B")
    with pytest.raises(Conflict):
        services.open_proposal(a["member"], proposal.id)
    assert Proposal.objects.get(pk=proposal.id).status == "draft"
