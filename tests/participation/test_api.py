"""The participation operations: the same selectors and services as the pages."""

import pytest

from coalesce.accounts.models import ApiToken
from coalesce.participation.models import ConductReview, Expectations


@pytest.fixture
def api(world):
    def call(role, method, path, body=None):
        _token, raw = ApiToken.issue(world.users[role], "t")
        url = f"/api/coalitions/{world.coalition.slug}/participation{path}"
        return world.client(role).generic(
            method,
            url,
            "" if body is None else __import__("json").dumps(body),
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {raw}",
        )

    return call


def test_list_and_one_member_agree(world, scene, api):
    listed = api("steering", "GET", "/members?not_taken_part=true").json()
    ids = {row["membership_id"] for row in listed["members"]}
    assert world.memberships["chair"].id in ids and world.memberships["member"].id not in ids
    member = world.memberships["member"].id
    one = api("steering", "GET", f"/members/{member}").json()
    everyone = api("steering", "GET", "/members").json()["members"]
    row = next(r for r in everyone if r["membership_id"] == member)
    assert one["member"] == row
    assert (row["votes_taken"], row["meetings_attended"], row["tasks_done"]) == (1, 1, 1)


def test_a_hidden_member_is_not_found_and_never_listed_for_an_admin(world, api):
    hidden = world.memberships["steering_only"].id
    assert api("admin", "GET", f"/members/{hidden}").status_code == 404
    rows = api("admin", "GET", "/members").json()["members"]
    assert hidden not in {r["membership_id"] for r in rows}
    body = api("admin", "GET", "/members").content.decode()
    assert world.markers["steering_only_name"] not in body
    assert world.markers["pseudonymous_name"] not in body


def test_bad_input_is_a_4xx_with_its_field_and_changes_nothing(world, api):
    bad = api("steering", "GET", "/members?start=2026-05-01&end=2026-04-01")
    assert bad.status_code == 400 and bad.json()["field"] == "end"
    put = api(
        "steering",
        "PUT",
        "/expectations",
        {"min_vote_share": 101, "min_attendance_share": 0, "period_months": 6},
    )
    assert put.status_code == 422 and put.json()["field"] == "min_vote_share"
    assert not Expectations.objects.exists()
    chair = world.memberships["chair"].id
    review = api("steering", "POST", f"/members/{chair}/reviews", {"outcome": "x", "note": "n"})
    assert review.status_code == 400 and review.json()["field"] == "outcome"
    assert not ConductReview.objects.exists()


def test_expectations_and_reviews_round_trip(world, api):
    body = {"min_vote_share": 50, "min_attendance_share": 25, "period_months": 12}
    assert api("steering", "PUT", "/expectations", body).json() == body
    assert api("member", "GET", "/expectations").json() == body
    chair = world.memberships["chair"].id
    made = api("steering", "POST", f"/members/{chair}/reviews", {"outcome": "plan", "note": "N"})
    assert made.status_code == 201 and made.json()["recorded_by"] == "Steering User"
    own = api("chair", "GET", f"/members/{chair}/reviews").json()
    assert [(r["outcome"], r["note"], r["recorded_by"]) for r in own] == [
        ("plan", "N", "the steering committee")
    ]
    assert api("member", "GET", f"/members/{chair}/reviews").status_code == 403
