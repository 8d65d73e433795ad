"""Fixtures of the cross-cutting tests (matrices, leaks, budgets).

A module that sets ``SHARED_WORLD = True`` builds the standard world and its targets once:
building them took about half a second per test, most of a matrix test's time. They are
made inside a transaction that stays open for the whole module (as Django's
``TestCase.setUpTestData`` does for a class); each test runs inside a savepoint of it
(pytest-django's ``db``), so whatever a test writes is rolled back before the next and
every test starts from the same rows; and each test gets its own deep copy of the Python
objects, so a change in memory (``world.coalition.name = …``) does not reach the next test
either. Only for modules whose tests all run in the test transaction (no
``transaction=True``, no live server: a flush inside the open transaction would break it).
Other modules build both for each test, as before.
"""

import copy

import pytest
from django.db import DEFAULT_DB_ALIAS, transaction

from tests.conftest import build_world
from tests.support.targets import build_targets


@pytest.fixture(scope="module")
def module_world(request, django_db_setup, django_db_blocker):
    """(world, targets) of a SHARED_WORLD module, rolled back when the module is done;
    None elsewhere."""
    if not getattr(request.module, "SHARED_WORLD", False):
        yield None
        return
    with django_db_blocker.unblock():
        outer = transaction.atomic(using=DEFAULT_DB_ALIAS)
        outer.__enter__()
        try:
            world = build_world()
            made = (world, build_targets(world))
        except BaseException:
            roll_back(outer)
            raise
    yield made
    with django_db_blocker.unblock():
        roll_back(outer)


def roll_back(outer):
    transaction.set_rollback(True, using=DEFAULT_DB_ALIAS)
    outer.__exit__(None, None, None)


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
