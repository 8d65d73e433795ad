"""Health checks in the standard world, made through the services."""

from datetime import timedelta

from django.utils import timezone

from coalesce.coalitions.policy import actor_for
from coalesce.health import services
from coalesce.health.items import ITEM_KEYS
from tests.support import factories as f


def actor(world, role):
    return actor_for(world.users[role], world.coalition)


def soon(days=14):
    return (timezone.localdate() + timedelta(days=days)).isoformat()


def scores(value=4, **overrides):
    return {key: overrides.get(key, value) for key in ITEM_KEYS}


def open_wave(world, title="Spring check", role="steering"):
    return services.open_wave(actor(world, role), title=title, closes_on=soon())


def answerers(world, n, *, prefix="extra"):
    """``n`` more active members with an account each (the world has three)."""
    found = []
    for i in range(n):
        user = f.make_user(f"{prefix}{i}@example.org", f"{prefix.title()} {i}")
        f.make_member(world.coalition, user=user, name=f"{prefix.title()} Org {i}")
        found.append(actor_for(user, world.coalition))
    return found


def answer_all(wave, actors, value=4, size="small", **overrides):
    for one in actors:
        services.answer(one, wave.pk, scores=scores(value, **overrides), size=size)
