"""The equity view: a credit gap planted for one actor type is found, and only it; the
flag finds exactly the members that contribute often and are never credited; private
credit is credit; a hidden member's type is never revealed; a bounded number of queries."""

from datetime import date

import pytest

from coalesce.coalitions.models import Visibility
from coalesce.credit import selectors, services
from tests.credit.helpers import actor
from tests.support import factories as f

pytestmark = pytest.mark.django_db


def plant(world, plan):
    """``plan``: (actor type, visibility, [(role, consent), …]) per new member, one output
    per contribution."""
    steering = actor(world, "steering")
    services.set_credit_policy(
        steering,
        roles=["drafting", "convening", "outreach"],  # research is not credited here
        name_order="degree_alphabetical",
        count_unnamed=True,
        minimum_degree="supporting",
    )
    members = []
    for n, (actor_type, visibility, parts) in enumerate(plan):
        member = f.make_member(
            world.coalition, name=f"Planted {n}", actor_type=actor_type, visibility=visibility
        )
        members.append(member)
        for i, (role, consent) in enumerate(parts):
            found = services.record_output(
                steering, title=f"Output {n}-{i}", kind="report", date=date(2026, 1, 1 + i)
            )
            services.record_contribution(
                steering,
                found.pk,
                membership_id=member.pk,
                role=role,
                degree="equal",
                consent=consent,
            )
    return members


CREDITED = ("drafting", "public")
PRIVATE = ("convening", "private")
UNCREDITED = ("research", "public")
M = Visibility.MEMBERS


def test_a_planted_gap_for_one_actor_type_is_found_and_only_it(
    world, django_assert_max_num_queries
):
    members = plant(
        world,
        [
            ("academia", M, [UNCREDITED] * 4),  # flagged
            ("academia", M, [UNCREDITED] * 3 + [CREDITED]),
            ("academia", M, [UNCREDITED, UNCREDITED]),  # too few to flag
            ("cso", M, [CREDITED, PRIVATE, CREDITED]),
            ("cso", M, [PRIVATE] * 3),  # private credit is credit: not flagged
            ("media", M, [CREDITED, CREDITED, UNCREDITED]),
            ("media", M, [UNCREDITED, ("drafting", "none")] + [("outreach", "none")] * 3),
        ],
    )
    with django_assert_max_num_queries(3):
        found = selectors.equity(actor(world, "steering"))
    gaps = {g.group: g for g in found.gaps}
    assert {g.group for g in found.gaps if g.is_gap} == {"academia"}
    assert (gaps["academia"].contributed, gaps["academia"].credited) == (10, 1)
    # academia 1/10 against everyone else's 8/10 (declined credit aside)
    assert gaps["academia"].ratio == pytest.approx((1 / 10) / (8 / 10))
    flagged = {row.member.id for row in found.rows if row.flagged}
    assert flagged == {members[0].pk}
    rows = {row.member.id: row for row in found.rows}
    assert (rows[members[4].pk].contributed, rows[members[4].pk].credited) == (3, 3)
    assert rows[members[6].pk].declined == 4  # declining credit is not a gap
    assert rows[members[6].pk].contributed == 1
    assert rows[members[0].pk].ratio == 0
    assert rows[members[4].pk].private is None  # steering does not see private credit


def test_the_ratio_of_a_planted_thirteen_percent_gap(world):
    plant(
        world,
        [
            ("faith_based", M, [CREDITED] * 13 + [UNCREDITED] * 2),
            ("cso", M, [CREDITED] * 10),
            ("media", M, [PRIVATE] * 5),
        ],
    )
    gaps = {g.group: g for g in selectors.equity(actor(world, "steering")).gaps}
    assert gaps["faith_based"].ratio == pytest.approx(0.87, abs=0.01)
    assert not gaps["faith_based"].is_gap  # above four fifths
    assert gaps["cso"].ratio > 1


def test_a_hidden_members_type_is_not_revealed(world):
    members = plant(
        world,
        [
            ("ministry", Visibility.PSEUDONYMOUS, [UNCREDITED] * 3),
            ("academia", M, [CREDITED] * 3),
        ],
    )
    found = selectors.equity(actor(world, "steering"))
    assert {g.group for g in found.gaps} == {"hidden", "academia"}
    row = next(r for r in found.rows if r.member.id == members[0].pk)
    assert row.member.name.startswith("Alias") and row.flagged
    # the custodian sees who it is, and its type
    assert "ministry" in {g.group for g in selectors.equity(actor(world, "custodian")).gaps}


def test_a_member_sees_only_its_own_row_with_its_private_credit(world):
    steering = actor(world, "steering")
    found = services.record_output(steering, title="Report", kind="report", date="2026-02-02")
    for key, consent in [("member", "private"), ("chair", "public")]:
        services.record_contribution(
            steering,
            found.pk,
            membership_id=world.memberships[key].pk,
            role="research",
            degree="lead",
            consent=consent,
        )
    mine = selectors.equity(actor(world, "member"))
    assert [r.member.id for r in mine.rows] == [world.memberships["member"].pk]
    assert mine.rows[0].private == 1
    assert mine.gaps == [] and not mine.every_row
    assert selectors.equity(actor(world, "admin")).every_row
