"""The expertise lists cost the same number of queries with 1 and with 50 items, and
still meet the page budgets: the project's check (tests/project/test_budgets.py, which
measures every page once) run on what grows on these pages."""

import pytest

from coalesce.expertise.models import Entry, HelpRequest, Response
from tests.project.test_budgets import (
    test_list_costs_the_same_for_1_and_50_items as the_same_for_1_and_50,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_hashing")]

VISIBLE = ["member", "chair", "steering", "pseudonymous"]  # listed for every member reader


def add_offers(world, targets, n):
    """``n`` offers spread over the members (the marker rows of targets stay)."""
    Entry.objects.bulk_create(
        Entry(
            coalition=world.coalition,
            membership=world.memberships[VISIBLE[i % len(VISIBLE)]],
            side="offer",
            kind="skill",
            topic="legal_aid",
            text=f"Offer {i} " + "with a longer description of what we do " * 3,
            language="en",
        )
        for i in range(n)
    )


def add_requests(world, targets, n):
    """``n`` open legal-aid requests (they reach the member, who offers legal aid)."""
    rows = HelpRequest.objects.bulk_create(
        HelpRequest(
            coalition=world.coalition,
            membership=world.memberships[VISIBLE[1 + i % 3]],
            topic="legal_aid",
            text=f"Request {i}: we need a lawyer who knows the police act",
        )
        for i in range(n)
    )
    Response.objects.bulk_create(
        Response(request=row, membership=world.memberships["pseudonymous"], message="We can")
        for row in rows
        if row.membership_id != world.memberships["pseudonymous"].id
    )


def add_responses(world, targets, n):
    """``n`` answers to the chair's request, from members made for it."""
    from tests.support import factories as f

    request = HelpRequest.objects.get(pk=targets["help_request"])
    Response.objects.bulk_create(
        Response(request=request, membership=f.make_member(world.coalition), message=f"Yes {i}")
        for i in range(n)
    )


CASES = [
    ("expertise:directory", add_offers),
    ("expertise:index", add_requests),
    ("expertise:requests", add_requests),
    ("expertise:request", add_responses),
]


@pytest.mark.parametrize("name,grow", CASES, ids=[f"{n}-{g.__name__}" for n, g in CASES])
def test_list_costs_the_same_for_1_and_50_items(name, grow, world, targets):
    the_same_for_1_and_50(name, grow, world, targets)
