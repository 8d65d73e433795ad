"""Fixtures of the digests tests: the updates tests' actors and pseudonymous member with
an account, and choosing a digest."""

import pytest

from coalesce.digests import services
from tests.updates.conftest import act, pseudonym  # noqa: F401 — fixtures, shared


@pytest.fixture
def digest_of(act):  # noqa: F811 — the shared fixture
    """Choose a digest for a role of the world (daily unless told)."""

    def choose(role, frequency="daily"):
        return services.choose(act(role), frequency=frequency, site_url="https://co.example/")

    return choose
