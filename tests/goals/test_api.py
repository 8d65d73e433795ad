"""The goals API: the same services and selectors as the pages; bad input is a 4xx with
the field and changes nothing; an update's author is named as the caller may see them."""

import pytest

from coalesce.goals import services
from coalesce.goals.models import Goal, IndicatorUpdate, Period, Task
from tests.goals.helpers import actor, goal_with_indicators
from tests.support.api import api_as, assert_error

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_hashing")]


@pytest.fixture
def base(world):
    return f"/coalitions/{world.coalition.slug}/goals"


def test_a_goal_with_indicators_periods_and_an_approved_update(world, base):
    steering = api_as(world, "steering")
    made = steering.post(
        base, {"title": "Oversight", "horizon": "short", "committee_id": world.committee.pk}
    )
    assert made.status_code == 201, made.content
    goal_id = made.json()["id"]
    indicator = steering.post(
        f"{base}/{goal_id}/indicators", {"name": "Share", "kind": "percentage", "weight": 2}
    )
    assert indicator.status_code == 201, indicator.content
    period = steering.post(
        f"{base}/indicators/{indicator.json()['id']}/periods",
        {
            "starts_on": "2026-01-01",
            "ends_on": "2026-12-31",
            "target_numerator": "1",
            "target_denominator": "2",
        },
    )
    assert period.status_code == 201, period.content
    period_id = period.json()["periods"][0]["id"]
    member = api_as(world, "member")
    draft = member.post(
        f"{base}/periods/{period_id}/updates", {"numerator": "1", "denominator": "4"}
    )
    assert draft.status_code == 201, draft.content
    report = draft.json()["id"]
    assert draft.json()["author"] == "Open Hands Network"
    assert member.post(f"{base}/updates/{report}/submit").status_code == 200
    approved = steering.post(f"{base}/updates/{report}/approve", {"note": "Checked"})
    assert approved.status_code == 200, approved.content
    assert approved.json()["status"] == "approved"
    assert approved.json()["decided_by"] == "Justice Watch"
    detail = member.get(f"{base}/{goal_id}").json()
    assert detail["progress"] == {
        "value": "1/2",
        "percent": "50.0 %",
        "formula": "(2×1/2) / 2 = 50.0 %",
    }
    assert detail["indicators"][0]["progress"]["formula"] == "(1 / 4) / (1 / 2) = 50.0 %"
    assert [g["title"] for g in member.get(base).json()] == ["Oversight"]


def test_bad_input_is_a_4xx_naming_the_field_and_changes_nothing(world, base):
    goal, meetings, share, p1, p2 = goal_with_indicators(world)
    steering = api_as(world, "steering")
    assert_error(steering.post(base, {"title": "", "horizon": "short"}), 400, "title")
    assert_error(steering.post(base, {"title": "x" * 201, "horizon": "short"}), 422, "title")
    assert_error(steering.get(f"{base}/999999"), 404)
    url = f"{base}/indicators/{meetings.pk}/periods"
    assert_error(
        steering.post(
            url, {"starts_on": "2027-02-01", "ends_on": "2027-01-01", "target_value": "1"}
        ),
        400,
        "ends_on",
    )
    assert_error(
        steering.post(
            url, {"starts_on": "2026-03-01", "ends_on": "2027-01-01", "target_value": "1"}
        ),
        409,
        "starts_on",
    )
    assert_error(
        steering.post(
            url,
            {
                "starts_on": "2027-03-01",
                "ends_on": "2027-04-01",
                "target_numerator": "1",
                "target_denominator": "2",
            },
        ),
        400,
        "target_numerator",
    )
    member = api_as(world, "member")
    assert_error(
        member.post(f"{base}/periods/{p2.pk}/updates", {"numerator": "1", "denominator": "0"}),
        400,
        "denominator",
    )
    assert_error(member.post(f"{base}/periods/{p2.pk}/updates", {"value": "3"}), 400, "value")
    assert Period.objects.count() == 2 and not IndicatorUpdate.objects.exists()
    assert Goal.objects.count() == 1


def test_approving_ones_own_or_a_draft_is_refused(world, base):
    _goal, _m, _s, p1, _p2 = goal_with_indicators(world)
    steering = api_as(world, "steering")
    theirs = services.draft_update(actor(world, "member"), p1.pk, value="1")
    assert_error(steering.post(f"{base}/updates/{theirs.pk}/approve", {}), 409)  # a draft
    own = services.draft_update(actor(world, "steering"), p1.pk, value="2")
    services.submit_update(actor(world, "steering"), own.pk)
    assert_error(steering.post(f"{base}/updates/{own.pk}/approve", {}), 403)
    assert_error(steering.post(f"{base}/updates/{own.pk}/return", {"note": "No"}), 403)
    own.refresh_from_db()
    assert own.status == "pending"
    answer = api_as(world, "admin").post(f"{base}/updates/{own.pk}/return", {"note": "Source?"})
    assert answer.status_code == 200 and answer.json()["status"] == "returned"


def test_tasks_through_the_api(world, base):
    from coalesce.coalitions.models import Committee

    theirs = Committee.objects.create(coalition=world.other_coalition, name="X", kind="publicity")
    steering = api_as(world, "steering")
    assert_error(
        steering.post(f"{base}/tasks", {"title": "T", "committee_id": theirs.pk}),
        400,
        "committee_id",
    )
    assert_error(
        steering.post(f"{base}/tasks", {"title": "", "committee_id": world.committee.pk}),
        400,
        "title",
    )
    assert not Task.objects.exists()
    made = steering.post(
        f"{base}/tasks",
        {"title": "Brief MPs", "committee_id": world.committee.pk, "due_on": "2020-01-01"},
    )
    assert made.status_code == 201, made.content
    task = made.json()
    assert task["is_overdue"] is True
    member = api_as(world, "member")
    moved = member.patch(f"{base}/tasks/{task['id']}", {"status": "done"})
    assert moved.status_code == 200 and moved.json()["is_overdue"] is False
    assert_error(member.patch(f"{base}/tasks/{task['id']}", {"title": "Mine"}), 403)
    rows = member.get(f"{base}/tasks", {"status": "done"}).json()
    assert [t["title"] for t in rows] == ["Brief MPs"]


def test_values_through_the_api(world, base):
    steering = api_as(world, "steering")
    first = steering.post(f"{base}/values", {"text": "Courage"}).json()
    steering.post(f"{base}/values", {"text": "Care"})
    assert steering.patch(f"{base}/values/{first['id']}", {"move": "down"}).status_code == 200
    assert [v["text"] for v in api_as(world, "member").get(f"{base}/values").json()] == [
        "Care",
        "Courage",
    ]
    assert_error(steering.post(f"{base}/values", {"text": " "}), 400, "text")
    assert_error(api_as(world, "member").post(f"{base}/values", {"text": "Mine"}), 403)
    assert steering.delete(f"{base}/values/{first['id']}").status_code == 204
