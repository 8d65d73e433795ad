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


@pytest.fixture
def scene(world, actor):
    """A period's worth of part: an open-ballot decision (the member, the pseudonymous
    and the steering-only members voted) and a secret one (the member voted), both
    closed yesterday; a coalition meeting held two days ago that the member and the
    pseudonymous member attended; a task done by the member; an output of today the
    member contributed to."""
    from coalesce.credit import services as credit
    from coalesce.decisions import services as decide
    from coalesce.decisions.models import Proposal
    from coalesce.goals import services as goals
    from coalesce.meetings import attendance
    from tests.support.targets import decision_targets

    steering = actor("steering")
    found = decision_targets(world)
    decide.cast(actor("member"), found["secret_proposal"], position="yes")
    later = timezone.now() + timedelta(days=30)
    for key in ("proposal", "secret_proposal"):
        decide.close_proposal(found[key], actor=steering, now=later)
    Proposal.objects.filter(pk__in=[found["proposal"], found["secret_proposal"]]).update(
        closed_at=timezone.now() - timedelta(days=1)
    )
    m = world.memberships
    meeting = held_meeting(steering)
    attendance.record_attendance(
        steering, meeting=meeting, memberships=[m["member"].id, m["pseudonymous"].id]
    )
    task = goals.create_task(
        steering, committee=world.committee, title="Brief MPs", assignee=m["member"].id
    )
    goals.edit_task(actor("member"), task.pk, status="done")
    output = credit.record_output(
        steering, title="Report", kind="report", date=timezone.localdate().isoformat()
    )
    credit.record_contribution(
        steering,
        output.pk,
        membership_id=m["member"].pk,
        role="drafting",
        degree="lead",
        consent="public",
    )
    return {**found, "meeting": meeting.id, "task": task.pk, "output": output.pk}
