"""The groundwork API: members read prospective partners and the challenge register, the
steering committee and admins keep them; bad input is a 4xx with the field and changes
nothing."""

import pytest

from coalesce.groundwork.models import Challenge, ProspectivePartner
from tests.support.api import api_as, assert_error
from tests.support.factories import make_coalition

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_hashing")]


@pytest.fixture
def base(world):
    return f"/coalitions/{world.coalition.slug}/groundwork"


def test_the_steering_committee_keeps_the_register_and_members_read_it(world, base):
    steering = api_as(world, "steering")
    added = steering.post(base + "/partners", {"description": "National Bar Association"})
    assert added.status_code == 201, added.content
    partner = added.json()
    assert partner["status"] == "prospective" and not partner["from_training"]
    assert partner["actor_type"]  # guessed from the description
    typed = steering.post(
        base + "/partners", {"description": "Women police network", "actor_type": "cso"}
    ).json()
    assert typed["actor_type"] == "cso"
    moved = steering.post(f"{base}/partners/{partner['id']}/status", {"status": "approached"})
    assert moved.status_code == 200 and moved.json()["status"] == "approached"

    challenge = steering.post(
        base + "/challenges",
        {"challenge": "Members fear exposure", "partner": "Survivor groups", "strategy": "Aliases"},
    )
    assert challenge.status_code == 201, challenge.content
    challenge_id = challenge.json()["id"]
    admin = api_as(world, "admin")
    patched = admin.patch(f"{base}/challenges/{challenge_id}", {"status": "addressed"})
    assert patched.status_code == 200, patched.content
    assert patched.json()["status"] == "addressed"
    assert patched.json()["strategy"] == "Aliases"  # omitted: kept
    patched = admin.patch(f"{base}/challenges/{challenge_id}", {"strategy": "Pseudonyms"})
    assert patched.json()["strategy"] == "Pseudonyms" and patched.json()["status"] == "addressed"

    for role in ("member", "chair", "custodian"):
        listed = api_as(world, role).get(base)
        assert listed.status_code == 200, (role, listed.content)
        body = listed.json()
        assert [p["description"] for p in body["partners"]] == [
            "National Bar Association",
            "Women police network",
        ]
        assert [c["challenge"] for c in body["challenges"]] == ["Members fear exposure"]


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 401), ("outsider", 403), ("applicant", 403), ("member", 403), ("chair", 403)],
)
def test_others_cannot_change_it(world, base, role, status):
    partner = ProspectivePartner.objects.create(coalition=world.coalition, description="Bar")
    challenge = Challenge.objects.create(coalition=world.coalition, challenge="Trust")
    api = api_as(world, role)
    assert_error(api.post(base + "/partners", {"description": "New"}), status)
    assert_error(api.post(f"{base}/partners/{partner.pk}/status", {"status": "joined"}), status)
    assert_error(api.post(base + "/challenges", {"challenge": "Money"}), status)
    assert_error(api.patch(f"{base}/challenges/{challenge.pk}", {"status": "addressed"}), status)
    assert ProspectivePartner.objects.get().status == "prospective"
    assert Challenge.objects.get().status == "open"
    if role in ("anonymous", "outsider", "applicant"):
        assert_error(api.get(base), status)


def test_bad_input_is_refused_with_the_field_and_changes_nothing(world, base):
    steering = api_as(world, "steering")
    partner = steering.post(base + "/partners", {"description": "Bar"}).json()
    challenge = steering.post(base + "/challenges", {"challenge": "Trust"}).json()
    assert_error(steering.post(base + "/partners", {"description": "Bar"}), 409, "description")
    assert_error(steering.post(base + "/partners", {"description": " "}), 400, "description")
    assert_error(steering.post(base + "/partners", {"description": "x" * 301}), 422, "description")
    assert_error(
        steering.post(base + "/partners", {"description": "Y", "actor_type": "club"}),
        400,
        "actor_type",
    )
    status = f"{base}/partners/{partner['id']}/status"
    assert_error(steering.post(status, {"status": "married"}), 400, "status")
    assert_error(steering.post(f"{base}/partners/999999/status", {"status": "joined"}), 404)
    assert_error(steering.post(base + "/challenges", {"challenge": "Trust"}), 409, "challenge")
    assert_error(
        steering.post(base + "/challenges", {"challenge": "Money", "strategy": "s" * 301}),
        422,
        "strategy",
    )
    url = f"{base}/challenges/{challenge['id']}"
    assert_error(steering.patch(url, {"status": "done"}), 400, "status")
    assert_error(steering.patch(url, {"strategy": "s" * 301}), 422, "strategy")
    elsewhere = make_coalition()
    theirs = Challenge.objects.create(coalition=elsewhere, challenge="Not yours")
    assert_error(steering.patch(f"{base}/challenges/{theirs.pk}", {"status": "addressed"}), 404)
    assert_error(api_as(world, "steering").get("/coalitions/no-such-coalition/groundwork"), 404)
    assert ProspectivePartner.objects.filter(coalition=world.coalition).count() == 1
    assert Challenge.objects.filter(coalition=world.coalition).count() == 1
    assert Challenge.objects.get(pk=challenge["id"]).status == "open"
    assert Challenge.objects.get(pk=theirs.pk).status == "open"
