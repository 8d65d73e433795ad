"""Fixtures of the cross-cutting tests (matrices, leaks, budgets).

A module that sets ``SHARED_WORLD = True`` builds the standard world and its targets once:
building them took about half a second per test, most of a matrix test's time. They are
kept in a transaction open for the whole module, each test writing in a savepoint of it
(tests/support/module_data.py), so every test starts from the same rows; and each test
gets its own deep copy of the Python objects, so a change in memory
(``world.coalition.name = …``) does not reach the next test either. Other modules build
both for each test, as before.
"""

import copy

import pytest

from tests.conftest import build_world
from tests.support.module_data import module_rows
from tests.support.targets import build_targets


@pytest.fixture(scope="module")
def module_world(request, django_db_setup, django_db_blocker):
    """(world, targets) of a SHARED_WORLD module, rolled back when the module is done;
    None elsewhere."""
    if not getattr(request.module, "SHARED_WORLD", False):
        yield None
        return
    yield from module_rows(django_db_blocker, world_and_targets)


def world_and_targets():
    world = build_world()
    return world, build_targets(world)


@pytest.fixture
def shared_copy(db, module_world):
    """This test's deep copy of the module's (world, targets): one copy of both, so they
    share their objects as built. None outside SHARED_WORLD modules."""
    return None if module_world is None else copy.deepcopy(module_world)


@pytest.fixture
def world(shared_copy):
    return build_world() if shared_copy is None else shared_copy[0]


@pytest.fixture
def targets(world, shared_copy):
    """Objects the URL arguments point at."""
    return build_targets(world) if shared_copy is None else shared_copy[1]
