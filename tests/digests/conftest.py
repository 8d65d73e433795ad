"""Fixtures of the digests tests: actors of the standard world, and choosing a digest."""

import pytest

from coalesce.coalitions.models import Person
from coalesce.coalitions.policy import actor_for
from coalesce.digests import services
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


@pytest.fixture
def digest_of(act):
    """Choose a digest for a role of the world (daily unless told)."""

    def choose(role, frequency="daily"):
        return services.choose(act(role), frequency=frequency, site_url="https://co.example/")

    return choose
