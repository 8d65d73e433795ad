"""The spokespeople list pages cost the same with 1 and with 50 rows and meet the page
budgets: the project's own 1-vs-50 check (tests/project/test_budgets.py, which measures
every page once as well), with what grows on these pages."""

from datetime import timedelta

import pytest
from django.utils import timezone

from coalesce.coalitions.policy import actor_for
from coalesce.spokespeople import services
from tests.project import test_budgets as budgets
from tests.support import factories as f

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_hashing")]


def grow(world, targets, n):
    """``n`` more organisations with a mandate, each asked once and accepting."""
    steering = actor_for(world.users["steering"], world.coalition)
    today = timezone.localdate()
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
def test_list_costs_the_same_for_1_and_50(name, world, targets):
    budgets.test_list_costs_the_same_for_1_and_50_items(name, grow, world, targets)
