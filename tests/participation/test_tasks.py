"""Tasks done per member (goals): an assignee, and when the task was done."""

import pytest

from coalesce.core.errors import DomainError
from coalesce.goals import selectors as goals_selectors
from coalesce.goals import services as goals
from coalesce.goals.models import Task


def test_done_at_is_set_when_done_and_cleared_otherwise(world, actor):
    steering = actor("steering")
    task = goals.create_task(
        steering, committee=world.committee, title="T", assignee=world.memberships["chair"].id
    )
    assert task.assignee_id == world.memberships["chair"].id and task.done_at is None
    goals.edit_task(actor("chair"), task.pk, status="done")
    done = Task.objects.get(pk=task.pk).done_at
    assert done is not None
    goals.edit_task(actor("chair"), task.pk, status="done")  # still done: kept
    assert Task.objects.get(pk=task.pk).done_at == done
    goals.edit_task(actor("chair"), task.pk, status="in_progress")
    assert Task.objects.get(pk=task.pk).done_at is None


def test_the_assignee_is_an_active_member_the_editor_may_see(world, actor):
    from coalesce.coalitions.models import MembershipStatus
    from tests.support import factories as f

    ended = f.make_member(world.coalition, name="Gone Org", status=MembershipStatus.ENDED)
    steering = actor("steering")
    task = goals.create_task(steering, committee=world.committee, title="T")
    for bad in (ended.id, 999_999):
        with pytest.raises(DomainError) as error:
            goals.edit_task(steering, task.pk, assignee_id=bad)
        assert error.value.field == "assignee_id"
    with pytest.raises(DomainError):  # an admin may not see the steering-only member
        goals.edit_task(actor("admin"), task.pk, assignee_id=world.memberships["steering_only"].id)
    goals.edit_task(steering, task.pk, assignee_id=world.memberships["pseudonymous"].id)
    goals.edit_task(steering, task.pk, assignee_id="")
    assert Task.objects.get(pk=task.pk).assignee_id is None


def test_the_assignee_is_named_as_the_reader_may_see_it(world, actor):
    steering = actor("steering")
    goals.create_task(
        steering,
        committee=world.committee,
        title="Quiet task",
        assignee=world.memberships["steering_only"].id,
    )
    goals.create_task(
        steering,
        committee=world.committee,
        title="Alias task",
        assignee=world.memberships["pseudonymous"].id,
    )
    rows = {t.title: t.assignee_row for t in goals_selectors.tasks(actor("member"))}
    assert rows["Quiet task"] is None
    assert rows["Alias task"].name == "Friends of the Riverside"
    page = world.client("member").get(f"/c/{world.coalition.slug}/goals/tasks/")
    body = page.content.decode()
    assert "Friends of the Riverside" in body
    assert world.markers["steering_only_name"] not in body
    assert world.markers["pseudonymous_name"] not in body


def test_the_task_form_names_an_assignee(world):
    client = world.client("steering")
    response = client.post(
        f"/c/{world.coalition.slug}/goals/tasks/new/",
        {
            "title": "Book the hall",
            "committee_id": world.committee.id,
            "assignee_id": world.memberships["member"].id,
        },
    )
    assert response.status_code == 302, response.content[:300]
    assert Task.objects.get(title="Book the hall").assignee_id == world.memberships["member"].id
