"""The meetings API: the same journey as the pages, and bad input answered 4xx with a
JSON error, changing nothing."""

import json

import pytest
from django.test import Client

from coalesce.accounts.models import ApiToken
from coalesce.meetings.models import Meeting, PollAnswer, Venue
from tests.meetings.test_services import soon
from tests.support.authz import database_snapshot

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_hashing")]


@pytest.fixture
def api(world):
    tokens = {role: ApiToken.issue(user, "t")[1] for role, user in world.users.items()}

    def call(role, method, path, body=None):
        raw = tokens[role]
        return Client().generic(
            method,
            f"/api/coalitions/{world.coalition.slug}{path}",
            "" if body is None else json.dumps(body),
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {raw}",
        )

    return call


def test_plan_answer_schedule_and_cancel_through_the_api(world, api):
    police = api("steering", "POST", "/venues", {"name": "Police hall", "address": "Central"})
    online = api("steering", "POST", "/venues", {"name": "Call", "address": "Link", "online": True})
    assert police.status_code == online.status_code == 201
    police, online = police.json()["id"], online.json()["id"]
    assert api("member", "PUT", "/unsafe-venues", {"venue_ids": [police]}).json() == {
        "venue_ids": [police]
    }
    assert api("chair", "GET", "/unsafe-venues").json() == {"venue_ids": []}
    created = api(
        "steering",
        "POST",
        "/meetings",
        {
            "title": "Budget meeting",
            "time_zone": "Europe/Paris",
            "duration_minutes": 60,
            "times": [soon(4), soon(5)],
            "venue_ids": [police, online],
        },
    )
    assert created.status_code == 201, created.content
    meeting = created.json()
    assert meeting["status"] == "polling" and meeting["venue"] is None
    times = [t["id"] for t in meeting["times"]]
    for role in ("member", "chair", "steering"):
        answered = api(
            role,
            "PUT",
            f"/meetings/{meeting['id']}/availability",
            {"time_zone": "UTC", "answers": [{"time_id": times[0], "answer": "yes"}]},
        )
        assert answered.status_code == 200, answered.content
    assert answered.json()["times"][0]["my_answer"] == "yes"
    proposals = api("steering", "GET", f"/meetings/{meeting['id']}/proposals").json()
    assert {p["venue_id"] for p in proposals["proposals"]} == {online}
    assert proposals["venues_left_out"] == 1
    refused = api(
        "steering",
        "POST",
        f"/meetings/{meeting['id']}/schedule",
        {"time_id": times[0], "venue_id": police},
    )
    assert refused.status_code == 409 and "not suitable" in refused.json()["detail"]
    done = api(
        "steering",
        "POST",
        f"/meetings/{meeting['id']}/schedule",
        {"time_id": times[0], "venue_id": online},
    ).json()
    assert done["status"] == "scheduled" and done["venue"]["id"] == online
    assert done["calendar_url"].endswith(".ics") and done["sequence"] == 1
    in_use = api("steering", "DELETE", f"/venues/{online}")
    assert in_use.status_code == 409 and Venue.objects.filter(pk=online).exists()
    cancelled = api("steering", "POST", f"/meetings/{meeting['id']}/cancel").json()
    assert cancelled["status"] == "cancelled" and cancelled["sequence"] == 2
    feed = api("member", "POST", "/calendar-feed").json()["url"]
    assert "/meetings/feed/" in feed


@pytest.mark.parametrize(
    "change,status,field",
    [
        ({"times": ["2001-01-01T10:00:00Z"]}, 400, "times"),
        ({"time_zone": "Atlantis/Capital"}, 400, "time_zone"),
        ({"duration_minutes": 100000}, 400, "duration_minutes"),
        ({"venue_ids": [424242]}, 404, "venue_ids"),
        ({"title": "x" * 201}, 422, "title"),
    ],
)
def test_bad_meetings_answer_4xx_and_change_nothing(world, api, change, status, field):
    venue = api("steering", "POST", "/venues", {"name": "Hall", "address": "A"}).json()["id"]
    body = {
        "title": "T",
        "time_zone": "UTC",
        "duration_minutes": 60,
        "times": [soon(3)],
        "venue_ids": [venue],
        **change,
    }
    before = database_snapshot()
    answer = api("steering", "POST", "/meetings", body)
    assert answer.status_code == status, answer.content
    assert field in str(answer.json().get("field") or answer.json())
    assert database_snapshot() == before and not Meeting.objects.exists()


def test_answers_after_cancellation_or_twice_for_a_time_are_refused(world, api):
    venue = api("steering", "POST", "/venues", {"name": "Hall", "address": "A"}).json()["id"]
    meeting = api(
        "steering",
        "POST",
        "/meetings",
        {"title": "T", "time_zone": "UTC", "duration_minutes": 60, "times": [soon(3)],
         "venue_ids": [venue]},
    ).json()  # fmt: skip
    time = meeting["times"][0]["id"]
    twice = api(
        "member",
        "PUT",
        f"/meetings/{meeting['id']}/availability",
        {"time_zone": "UTC", "answers": [{"time_id": time, "answer": "yes"},
                                         {"time_id": time, "answer": "no"}]},
    )  # fmt: skip
    assert twice.status_code == 400 and twice.json()["field"] == "answers"
    api("steering", "POST", f"/meetings/{meeting['id']}/cancel")
    late = api(
        "member",
        "PUT",
        f"/meetings/{meeting['id']}/availability",
        {"time_zone": "UTC", "answers": [{"time_id": time, "answer": "yes"}]},
    )
    assert late.status_code == 409 and not PollAnswer.objects.exists()
    outsider = api("outsider", "PUT", "/unsafe-venues", {"venue_ids": [venue]})
    assert outsider.status_code in (403, 404)
