"""Fixtures of the expertise tests: the standard world's actors."""

import pytest

from coalesce.coalitions.policy import actor_for


@pytest.fixture
def actor(world):
    """``actor("member")``: the actor of a role of the standard world (fresh each call)."""

    def of(role):
        return actor_for(world.users[role], world.coalition)

    return of
