"""Fixtures of the participation tests: the standard world's actors, a meeting that has
started, and a period's worth of every kind of part."""

from datetime import timedelta

import pytest
from django.utils import timezone

from coalesce.coalitions.policy import actor_for
from tests.support.targets import held_meeting


@pytest.fixture
def actor(world):
    """``actor("member")``: the actor of a role of the standard world (fresh each call)."""

    def of(role):
        return actor_for(world.users[role], world.coalition)

    return of


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
