"""The spokespeople list pages cost the same with 1 and with 50 rows, and meet the page
budgets of tests/project/test_budgets.py (which measures every page once as well)."""

from datetime import timedelta

import pytest

from coalesce.spokespeople import services
from tests.project.test_budgets import MANY, check_page, fetch, warm_up
from tests.support import factories as f
from tests.support.pages import PAGES, url_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_hashing")]


def grow(world, actor, today, n):
    """``n`` more organisations with a mandate, each asked once and accepting; and one
    declined turn each on the matrix's request (its history, for the steering)."""
    steering = actor("steering")
    for _ in range(n):
        member = f.make_member(world.coalition)
        services.grant_mandate(
            steering,
            membership_id=member.id,
            topic="policing",
            language="en",
            starts_on=today,
            expires_on=today + timedelta(days=30),
        )
        request = services.request_voice(
            steering,
            title="Grown request",
            kind="media",
            topic="policing",
            language="en",
            needed_on=today + timedelta(days=2),
        )
        services.answer_assignment(steering, request.assignments.get().id, accept=True)


@pytest.mark.parametrize(
    "name", ["spokespeople:roster", "spokespeople:requests", "spokespeople:request"]
)
def test_list_costs_the_same_for_1_and_50(name, world, targets, actor, today):
    page = PAGES[name]
    url = url_for(name, page, targets)
    roles = sorted(page.get)
    grow(world, actor, today, 1)
    warm_up(world, page, url)
    one = {role: fetch(world.client(role), url) for role in roles}
    grow(world, actor, today, MANY - 1)
    many = {role: fetch(world.client(role), url) for role in roles}
    problems = []
    for role in roles:
        if len(many[role].queries) != len(one[role].queries):
            problems.append(
                f"{name} as {role}: {len(one[role].queries)} queries for 1, "
                f"{len(many[role].queries)} for {MANY}"
            )
        problems += check_page(name, role, many[role], world.client(role), items=f" ({MANY})")
    assert not problems, "\n".join(problems)
