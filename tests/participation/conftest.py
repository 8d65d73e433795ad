"""Fixtures of the participation tests: the standard world's actors, and a meeting that
has started (the services only take times to come, so the test moves it back)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from coalesce.coalitions.policy import actor_for


@pytest.fixture
def actor(world):
    """``actor("member")``: the actor of a role of the standard world (fresh each call)."""

    def of(role):
        return actor_for(world.users[role], world.coalition)

    return of


def held_meeting(steering, *, committee_id=None, days_ago=2, title="Held meeting", invitee=None):
    """A scheduled meeting (of the coalition, or of a committee) that started
    ``days_ago``; ``invitee`` (an actor, by default ``steering``) answered its poll."""
    from coalesce.meetings import services
    from coalesce.meetings.models import Meeting

    venue = services.add_venue(steering, name=f"Room {title}", address="1 Main St")
    meeting = services.create_meeting(
        steering,
        title=title,
        time_zone="UTC",
        duration_minutes=60,
        times=[timezone.now() + timedelta(days=3)],
        venue_ids=[venue.id],
        committee_id=committee_id,
    )
    time = meeting.times.get()
    services.answer_poll(invitee or steering, meeting.id, answers={time.id: "yes"}, time_zone="UTC")
    services.schedule_meeting(steering, meeting.id, time_id=time.id, venue_id=venue.id)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - timedelta(days=days_ago)
    )
    return Meeting.objects.get(pk=meeting.pk)


@pytest.fixture
def held(actor):
    return held_meeting(actor("steering"))
