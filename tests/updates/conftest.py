"""Fixtures of the updates tests: actors of the standard world, and a pseudonymous member
with an account (the world's pseudonymous member has none)."""

import pytest

from coalesce.coalitions.models import Person
from coalesce.coalitions.policy import actor_for
from tests.support import factories as f


@pytest.fixture
def act(world):
    def actor(role):
        return actor_for(world.users[role], world.coalition)

    return actor


@pytest.fixture
def pseudonym(world):
    """The pseudonymous member (alias "Friends of the Riverside", seated on Outreach),
    now with an account: returns the user."""
    user = f.make_user("pseudo@example.org", "Pseudo Account")
    Person.objects.filter(organisation__membership=world.memberships["pseudonymous"]).update(
        user=user
    )
    return user
