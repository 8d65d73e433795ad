"""The spokespeople API: the same selectors and services as the pages."""

from datetime import timedelta

import pytest

from coalesce.spokespeople.models import Assignment, Mandate, SafetyOptOut
from tests.support.api import api_as, assert_error

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_hashing")]


@pytest.fixture
def base(world):
    return f"/coalitions/{world.coalition.slug}/spokespeople"


def test_grant_ask_answer_through_the_api(world, base, today):
    steering = api_as(world, "steering")
    granted = steering.post(
        base + "/mandates",
        {
            "membership_id": world.memberships["member"].id,
            "topic": "Police oversight",
            "language": "en",
            "starts_on": str(today),
            "expires_on": str(today + timedelta(days=30)),
        },
    )
    assert granted.status_code == 201, granted.content
    assert granted.json()["member"]["name"] == "Open Hands Network"
    assert granted.json()["topic"] == "police-oversight" and granted.json()["state"] == "valid"
    asked = steering.post(
        base + "/requests",
        {
            "title": "Radio interview",
            "kind": "media",
            "topic": "police-oversight",
            "language": "en",
            "needed_on": str(today + timedelta(days=2)),
        },
    )
    assert asked.status_code == 201, asked.content
    voice = asked.json()["voice"]
    assert voice["status"] == "proposed" and voice["member"]["name"] == "Open Hands Network"
    # others do not see a proposal that is still waiting
    chair_view = api_as(world, "chair").get(f"{base}/requests/{asked.json()['id']}").json()
    assert chair_view["voice"] is None
    member = api_as(world, "member")
    answered = member.post(f"{base}/assignments/{voice['id']}/answer", {"accept": True})
    assert answered.status_code == 200, answered.content
    assert answered.json()["voice"]["status"] == "accepted"
    listed = api_as(world, "chair").get(base + "/requests").json()
    assert listed[0]["voice"]["member"]["name"] == "Open Hands Network"
    roster = api_as(world, "chair").get(base + "/mandates", {"topic": "police-oversight"})
    assert [m["id"] for m in roster.json()] == [granted.json()["id"]]


def test_an_expired_mandate_is_a_409_and_nothing_changes(world, base, grant, ask, today):
    mandate = grant("member")
    request = ask()
    assignment = request.assignments.get()
    Mandate.objects.filter(pk=mandate.pk).update(expires_on=today - timedelta(days=1))
    response = api_as(world, "member").post(
        f"{base}/assignments/{assignment.id}/answer", {"accept": True}
    )
    assert_error(response, 409)
    assert "expired" in response.json()["detail"]
    assert Assignment.objects.get().status == "proposed"
    assigned = api_as(world, "steering").post(
        f"{base}/requests/{request.id}/assign", {"mandate_id": mandate.id}
    )
    assert_error(assigned, 409)
    assert assigned.json()["field"] == "mandate_id"


@pytest.mark.parametrize(
    "body,field",
    [
        ({"language": "??"}, "language"),
        ({"expires_on": "2001-01-01", "starts_on": "2000-01-01"}, "expires_on"),
        ({"membership_id": 10**6}, "membership_id"),
    ],
)
def test_bad_grants_are_400s_with_the_field(world, base, today, body, field):
    payload = {
        "membership_id": world.memberships["member"].id,
        "topic": "policing",
        "language": "en",
        "starts_on": str(today),
        "expires_on": str(today),
        **body,
    }
    response = api_as(world, "steering").post(base + "/mandates", payload)
    assert response.status_code in (400, 404), response.content
    assert response.json()["field"] == field
    assert not Mandate.objects.exists()


def test_the_safety_opt_out_is_the_members_own(world, base, grant):
    grant("member")
    own = world.memberships["member"].id
    member = api_as(world, "member")
    assert member.get(f"{base}/safety/{own}").json()["opted_out"] is False
    assert member.put(f"{base}/safety/{own}", {"opted_out": True}).json()["opted_out"] is True
    assert SafetyOptOut.objects.filter(membership_id=own).exists()
    assert api_as(world, "chair").get(f"{base}/safety/{own}").status_code == 403
    # its mandates are gone for the others, not marked
    chair_roster = api_as(world, "chair").get(base + "/mandates").json()
    assert chair_roster == []
    steering_roster = api_as(world, "steering").get(base + "/mandates").json()
    assert steering_roster[0]["opted_out"] is True
    assert member.put(f"{base}/safety/{own}", {"opted_out": "yes"}).status_code == 422
