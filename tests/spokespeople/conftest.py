"""Helpers of the spokespeople tests: actors of the standard world, a mandate granted by
the steering committee, a voice request."""

from datetime import timedelta

import pytest
from django.utils import timezone

from coalesce.coalitions.policy import actor_for
from coalesce.spokespeople import services


@pytest.fixture
def actor(world):
    def of(role):
        return actor_for(world.users[role], world.coalition)

    return of


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def grant(world, actor, today):
    def grant(key, topic="policing", language="en", region="", days=30, **more):
        return services.grant_mandate(
            actor("steering"),
            membership_id=world.memberships[key].id if isinstance(key, str) else key,
            topic=topic,
            language=language,
            region=region,
            starts_on=more.pop("starts_on", today - timedelta(days=10)),
            expires_on=more.pop("expires_on", today + timedelta(days=days)),
            **more,
        )

    return grant


@pytest.fixture
def ask(actor, today):
    def ask(title="Statement on oversight", topic="policing", language="en", region="", **more):
        return services.request_voice(
            actor("steering"),
            title=title,
            kind=more.pop("kind", "statement"),
            topic=topic,
            language=language,
            region=region,
            needed_on=more.pop("needed_on", today + timedelta(days=3)),
        )

    return ask


@pytest.fixture
def targets(world):
    """The objects the authorisation matrices' URLs name (as in tests/project)."""
    from tests.support.targets import build_targets

    return build_targets(world)
