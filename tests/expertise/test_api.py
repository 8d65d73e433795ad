"""The expertise API: the same reads and writes as the pages, the same visibility; bad
input is a 4xx JSON error with the field, and changes nothing."""

import pytest

from coalesce.expertise.models import Entry, HelpRequest, Response
from tests.support.api import api_as, assert_error

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_hashing")]

OFFER = {"side": "offer", "kind": "service", "topic": "legal_aid", "text": "Paralegal clinics"}


@pytest.fixture
def base(world):
    return f"/coalitions/{world.coalition.slug}/expertise"


def test_a_member_lists_searches_and_removes(world, base):
    member = api_as(world, "member")
    added = member.post(base + "/entries", {**OFFER, "language": "SW"})
    assert added.status_code == 201, added.content
    assert added.json()["language"] == "sw"
    own = member.get(base).json()
    assert own["member"]["name"] == "Open Hands Network" and own["member"]["is_own"]
    assert [e["text"] for e in own["offers"]] == ["Paralegal clinics"] and own["needs"] == []
    found = api_as(world, "chair").get(base + "/directory", {"q": "PARALEGAL", "language": "sw"})
    assert found.status_code == 200, found.content
    body = found.json()
    assert body["total"] == 1 and body["items"][0]["member"]["name"] == "Open Hands Network"
    removed = member.delete(f"{base}/entries/{added.json()['id']}")
    assert removed.status_code == 204 and not Entry.objects.exists()


@pytest.mark.parametrize(
    "change,field",
    [({"topic": "astrology"}, "topic"), ({"text": ""}, "text"), ({"language": "xx"}, "language")],
)
def test_bad_input_is_400_with_the_field(world, base, change, field):
    response = api_as(world, "member").post(base + "/entries", {**OFFER, **change})
    assert_error(response, 400, field)
    assert not Entry.objects.exists()


def test_unknown_directory_filters_are_400(world, base):
    assert_error(api_as(world, "member").get(base + "/directory", {"topic": "x"}), 400, "topic")
    assert_error(api_as(world, "member").get(base + "/directory", {"language": "xx"}), 400)


def test_outsiders_and_non_members_are_refused(world, base):
    assert api_as(world, "outsider").get(base + "/directory").status_code in (403, 404)
    assert_error(
        api_as(world, "admin").post(base + "/requests", {"topic": "media", "text": "x"}), 403
    )
    assert not HelpRequest.objects.exists()


def test_ask_answer_and_close(world, base):
    chair, member = api_as(world, "chair"), api_as(world, "member")
    member.post(base + "/entries", OFFER)
    asked = chair.post(base + "/requests", {"topic": "legal_aid", "text": "A lawyer"})
    assert asked.status_code == 201, asked.content
    request_id = asked.json()["id"]
    assert asked.json()["member"]["name"] == "Women Police Association"
    lists = member.get(base + "/requests").json()
    assert [r["id"] for r in lists["for_me"]] == [request_id] and lists["own"] == []
    assert member.get(base).json()["reaching"] == 1
    answer = member.post(f"{base}/requests/{request_id}/responses", {"message": "We can"})
    assert answer.status_code == 201, answer.content
    assert_error(member.post(f"{base}/requests/{request_id}/responses", {"message": "x"}), 409)
    detail = chair.get(f"{base}/requests/{request_id}").json()
    assert [r["message"] for r in detail["responses"]] == ["We can"] and detail["may_close"]
    assert_error(member.post(f"{base}/requests/{request_id}/close"), 403)
    closed = chair.post(f"{base}/requests/{request_id}/close")
    assert closed.status_code == 200 and closed.json()["status"] == "closed"
    late = api_as(world, "steering").post(
        f"{base}/requests/{request_id}/responses", {"message": "x"}
    )
    assert_error(late, 409)
    assert Response.objects.count() == 1


def test_the_api_shows_the_alias_and_hides_the_steering_only_member(world, base):
    steering = api_as(world, "steering")
    for key, text in [("pseudonymous", "Counselling"), ("steering_only", "Court monitoring")]:
        added = steering.post(
            base + "/entries", {**OFFER, "text": text, "membership_id": world.memberships[key].id}
        )
        assert added.status_code == 201, added.content
    member = api_as(world, "member").get(base + "/directory").json()
    assert member["total"] == 1
    assert member["items"][0]["member"] == {
        "id": world.memberships["pseudonymous"].id,
        "name": "Friends of the Riverside",
        "is_alias": True,
        "is_own": False,
    }
    assert steering.get(base + "/directory").json()["total"] == 2
