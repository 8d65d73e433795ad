"""The goals pages: members read, the steering committee keeps them; bad input shows a
clear message on the page with a 4xx and changes nothing; the formula is on the page."""

import pytest
from django.urls import reverse

from coalesce.goals import services
from coalesce.goals.models import Goal, IndicatorUpdate, Period, SharedValue, Task
from tests.goals.helpers import actor, approved, goal_with_indicators

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_hashing")]


def url(world, name, **kwargs):
    return reverse(f"goals:{name}", kwargs={"slug": world.coalition.slug, **kwargs})


def test_the_goal_page_shows_progress_formula_chart_and_who_did_what(world):
    goal, meetings, share, p1, p2 = goal_with_indicators(world)
    approved(world, p1, value="4")
    approved(world, p2, numerator="1", denominator="2")
    page = world.client("member").get(url(world, "goal", goal_id=goal.pk))
    assert page.status_code == 200
    body = page.content.decode()
    assert "<strong>Civilian</strong>" in body
    assert "4 / 10 = 40.0 %" in body
    assert "(1 / 2) / (3 / 4) = 66.7 %" in body
    # (1×2/5 + 2×2/3) / 3
    assert "(1×2/5 + 2×2/3) / 3 = 57.8 %" in body
    assert '<svg class="chart"' in body
    assert "Actual: 4</text>" in body and "Target: 10</text>" in body  # not 1E+1
    assert "Target: 75.0 %</text>" in body
    assert "Drafted by Open Hands Network" in body and "Approved by Justice Watch" in body
    listed = world.client("member").get(url(world, "index")).content.decode()
    assert "Police oversight body set up" in listed and "57.8 %" in listed


def test_steering_adds_values_and_goals_members_do_not(world):
    steering = world.client("steering")
    assert steering.post(url(world, "value_add"), {"text": "Courage"}).status_code == 302
    added = steering.post(
        url(world, "goal_add"), {"title": "Law passed", "horizon": "long", "status": "active"}
    )
    assert added.status_code == 302
    goal = Goal.objects.get()
    assert added["Location"] == url(world, "goal", goal_id=goal.pk)
    assert world.client("member").post(url(world, "value_add"), {"text": "Mine"}).status_code == 403
    value = SharedValue.objects.get()
    assert (
        steering.post(url(world, "value_move", value_id=value.pk), {"move": "up"}).status_code
        == 302
    )
    assert steering.post(url(world, "value_remove", value_id=value.pk)).status_code == 302
    assert not SharedValue.objects.exists()


def test_bad_input_shows_the_message_and_changes_nothing(world):
    goal, meetings, share, p1, p2 = goal_with_indicators(world)
    steering = world.client("steering")
    empty = steering.post(
        url(world, "goal_add"), {"title": "", "horizon": "short", "status": "active"}
    )
    assert empty.status_code == 400
    long = steering.post(url(world, "value_add"), {"text": "x" * 201})
    assert long.status_code == 400 and "at most 200 characters" in long.content.decode()
    before = steering.post(
        url(world, "period_add", indicator_id=meetings.pk),
        {"starts_on": "2027-02-01", "ends_on": "2027-01-01", "target_value": "1"},
    )
    assert before.status_code == 400
    assert "A period cannot end before it starts." in before.content.decode()
    overlap = steering.post(
        url(world, "period_add", indicator_id=meetings.pk),
        {"starts_on": "2026-02-01", "ends_on": "2027-01-01", "target_value": "1"},
    )
    assert overlap.status_code == 409 and "overlaps" in overlap.content.decode()
    wrong = world.client("member").post(url(world, "update_draft", period_id=p2.pk), {"value": "3"})
    assert wrong.status_code == 400 and "This indicator is a percentage" in wrong.content.decode()
    zero = world.client("member").post(
        url(world, "update_draft", period_id=p2.pk), {"numerator": "1", "denominator": "0"}
    )
    assert (
        zero.status_code == 400
        and "The denominator must be more than zero." in zero.content.decode()
    )
    from coalesce.coalitions.models import Committee

    theirs = Committee.objects.create(coalition=world.other_coalition, name="X", kind="publicity")
    task = steering.post(url(world, "task_add"), {"title": "T", "committee_id": theirs.pk})
    assert (
        task.status_code == 400 and "Choose a committee of this coalition." in task.content.decode()
    )
    assert steering.get(url(world, "goal", goal_id=999999)).status_code == 404
    assert Period.objects.count() == 2 and not IndicatorUpdate.objects.exists()
    assert Goal.objects.count() == 1 and not Task.objects.exists()


def test_an_update_through_the_pages_never_approved_by_its_author(world):
    goal, meetings, share, p1, p2 = goal_with_indicators(world)
    steering = world.client("steering")
    assert (
        steering.post(url(world, "update_draft", period_id=p1.pk), {"value": "3"}).status_code
        == 302
    )
    update = IndicatorUpdate.objects.get()
    draft = world.client("admin").post(
        url(world, "update_decide", report_id=update.pk), {"decision": "approve"}
    )
    assert draft.status_code == 409 and "Only a submitted update" in draft.content.decode()
    assert steering.post(url(world, "update_submit", report_id=update.pk)).status_code == 302
    own = steering.post(url(world, "update_decide", report_id=update.pk), {"decision": "approve"})
    assert own.status_code == 403
    update.refresh_from_db()
    assert update.status == "pending"
    done = world.client("admin").post(
        url(world, "update_decide", report_id=update.pk), {"decision": "approve", "note": "Ok"}
    )
    assert done.status_code == 302
    update.refresh_from_db()
    assert update.status == "approved"


def test_tasks_page_filters_and_a_seat_holder_moves_one_on(world):
    steering = actor(world, "steering")
    task = services.create_task(
        steering, committee=world.committee, title="Brief MPs", due_on="2020-01-01"
    )
    services.create_task(steering, committee=world.steering_committee, title="Budget")
    page = world.client("member").get(url(world, "tasks"))
    body = page.content.decode()
    assert page.status_code == 200 and "Overdue" in body
    assert body.index("Brief MPs") < body.index("Budget")
    only = world.client("member").get(
        url(world, "tasks"), {"committee_id": world.steering_committee.pk}
    )
    assert "Brief MPs" not in only.content.decode()
    moved = world.client("member").post(
        url(world, "task_status", task_id=task.pk), {"status": "done"}
    )
    assert moved.status_code == 302
    task.refresh_from_db()
    assert task.status == "done"
    edit = world.client("steering").post(
        url(world, "task_edit", task_id=task.pk),
        {"title": "Brief all MPs", "committee_id": world.committee.pk},
    )
    assert edit.status_code == 302
    task.refresh_from_db()
    assert task.title == "Brief all MPs"
