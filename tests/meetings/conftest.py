"""Fixtures of the meetings tests: the standard world's actors."""

import pytest

from coalesce.coalitions.policy import actor_for


@pytest.fixture
def actor(world):
    """``actor("member")``: the actor of a role of the standard world (fresh each call)."""

    def of(role):
        return actor_for(world.users[role], world.coalition)

    return of


@pytest.fixture
def targets(world):
    """The matrices' objects (tests/support/targets.py), meetings' among them."""
    from tests.support.targets import build_targets

    return build_targets(world)
