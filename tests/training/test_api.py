"""The training API: catalogue, fitting without storing, and a facilitator's own plans."""

import json

import pytest
from django.test import Client

from coalesce.accounts.models import ApiToken
from coalesce.training.models import Plan


@pytest.fixture
def api(world):
    def call(role, method, path, body=None):
        _token, raw = ApiToken.issue(world.users[role], "t")
        return Client().generic(
            method,
            "/api/training" + path,
            json.dumps(body) if body is not None else "",
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {raw}",
        )

    return call


def test_catalogue(api):
    modules = api("outsider", "GET", "/modules").json()
    module12 = next(m for m in modules if m["id"] == "module-12")
    assert module12["total_minutes"] == 120 and module12["shortest_minutes"] == 85
    assert module12["longest_minutes"] == 180 and module12["source"]
    detail = api("outsider", "GET", "/modules/module-12").json()
    assert {a["id"] for a in detail["adaptations"]} >= {"more-role-play"}
    assert api("outsider", "GET", "/modules/nope").status_code == 404


def test_fit_lays_out_without_storing(api):
    response = api(
        "member",
        "POST",
        "/fit",
        {
            "module_id": "module-12",
            "available_minutes": 195,
            "start": "2026-03-02T09:00:00",
            "breaks": [{"after_item": "coalition-building", "minutes": 15}],
            "overrides": {"takeaways": {"note": "Thank the hosts"}},
        },
    )
    assert response.status_code == 200, response.content
    agenda = response.json()
    assert [a["id"] for a in agenda["applied"]] == ["more-role-play"]
    assert agenda["total_minutes"] == 195 and agenda["spare_minutes"] == 0
    assert agenda["end"].startswith("2026-03-02T12:15")
    assert agenda["slots"][-1]["note"] == "Thank the hosts"
    assert agenda["slots"][1]["break_after"]["minutes"] == 15
    assert not Plan.objects.exists()


@pytest.mark.parametrize(
    "body, status, field, text",
    [
        ({"available_minutes": 20}, 400, "available_minutes", "at least 85 minutes; you have 20"),
        ({"available_minutes": 0}, 422, "available_minutes", ""),
        ({"available_minutes": 2000}, 422, "available_minutes", ""),
        ({"module_id": "nope"}, 400, "module_id", ""),
        ({"breaks": [{"after_item": "x", "minutes": 5}]}, 400, "breaks", ""),
        ({"overrides": {"takeaways": {"minutes": 0}}}, 422, "overrides.takeaways.minutes", ""),
        ({"available_minutes": "lots"}, 422, "available_minutes", ""),
        ({"overrides": {"takeaways": {"note": "x" * 501}}}, 422, "overrides.takeaways.note", ""),
    ],
)
def test_fit_errors(api, body, status, field, text):
    response = api(
        "member", "POST", "/fit", {"module_id": "module-12", "available_minutes": 90, **body}
    )
    assert response.status_code == status, response.content
    assert response.json()["field"] == field
    assert text in response.json()["detail"]


def test_plans_belong_to_their_owner(api):
    created = api(
        "member",
        "POST",
        "/plans",
        {"module_id": "module-12", "title": "Mine", "available_minutes": 90},
    )
    assert created.status_code == 201, created.content
    plan_id = created.json()["id"]
    assert [p["id"] for p in api("member", "GET", "/plans").json()] == [plan_id]
    assert api("steering", "GET", "/plans").json() == []
    for method, path in [("GET", ""), ("GET", "/agenda"), ("DELETE", "")]:
        assert api("steering", method, f"/plans/{plan_id}{path}").status_code == 404
    assert api("steering", "PATCH", f"/plans/{plan_id}", {"title": "X"}).status_code == 404

    agenda = api("member", "GET", f"/plans/{plan_id}/agenda").json()
    assert agenda["total_minutes"] == 85
    patched = api(
        "member",
        "PATCH",
        f"/plans/{plan_id}",
        {"available_minutes": 60, "overrides": {"takeaways": {"note": "Local"}}},
    )
    assert patched.status_code == 200 and patched.json()["title"] == "Mine"
    assert patched.json()["overrides"] == {
        "takeaways": {"minutes": None, "note": "Local", "video": ""}
    }
    refused = api("member", "GET", f"/plans/{plan_id}/agenda")
    assert refused.status_code == 400 and "at least 85 minutes" in refused.json()["detail"]
    bad = api("member", "PATCH", f"/plans/{plan_id}", {"available_minutes": 721})
    assert bad.status_code == 422 and bad.json()["field"] == "available_minutes"
    assert api("member", "DELETE", f"/plans/{plan_id}").status_code == 204
    assert not Plan.objects.exists()


def test_creating_with_bad_input_creates_nothing(api):
    response = api("member", "POST", "/plans", {"module_id": "module-12", "title": "",
                   "available_minutes": 90})  # fmt: skip
    assert response.status_code == 400 and response.json()["field"] == "title"
    assert not Plan.objects.exists()
