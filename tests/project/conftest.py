"""Fixtures of the cross-cutting tests (matrices, leaks, budgets)."""

import pytest

from tests.support.targets import build_targets


@pytest.fixture
def targets(world):
    """Objects the URL arguments point at."""
    return build_targets(world)
