"""The finance tests' books: the standard world with the accounts and entries of
``tests.support.targets.finance_targets``."""

import pytest

from tests.support.targets import finance_targets


@pytest.fixture
def books(world):
    return finance_targets(world)


@pytest.fixture
def as_role(world):
    from coalesce.coalitions.policy import actor_for

    return lambda role: actor_for(world.users[role], world.coalition)
