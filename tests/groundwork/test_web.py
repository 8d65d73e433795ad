"""The groundwork page: members read the prospective partners and the challenge
register; the steering committee and admins keep them; bad input saves nothing."""

import pytest
from django.urls import reverse

from coalesce.groundwork.models import Challenge, ProspectivePartner
from tests.conftest import ROLES
from tests.support.authz import database_snapshot, is_login_redirect
from tests.support.factories import make_coalition

READERS = {"member", "chair", "steering", "admin", "custodian"}
EDITORS = {"steering", "admin"}


@pytest.fixture
def register(world):
    partner = ProspectivePartner.objects.create(
        coalition=world.coalition, description="Women police network", actor_type="security"
    )
    challenge = Challenge.objects.create(
        coalition=world.coalition,
        challenge="Members fear being seen with us",
        partner="Women police network",
        strategy="Meet in private first",
    )
    return partner, challenge


def _url(world, name, **kwargs):
    return reverse(f"groundwork:{name}", kwargs={"slug": world.coalition.slug, **kwargs})


def test_members_read_and_only_the_steering_committee_and_admins_get_forms(world, register):
    for role in ROLES:
        response = world.client(role).get(_url(world, "index"))
        if role not in READERS:
            assert response.status_code in (403, 404) or (
                role == "anonymous" and is_login_redirect(response)
            ), role
            continue
        body = response.content.decode()
        assert response.status_code == 200, role
        assert "Women police network" in body and "Meet in private first" in body
        assert "Members fear being seen with us" in body and "Prospective" in body
        assert ("Add a prospective partner" in body) == (role in EDITORS), role
        assert ('action="' + _url(world, "partner_add") in body) == (role in EDITORS), role
        assert "style=" not in body
    # the coalition's navigation leads there for members
    dashboard = world.client("member").get(
        reverse("coalitions:dashboard", args=[world.coalition.slug])
    )
    assert _url(world, "index") in dashboard.content.decode()


def test_the_page_is_bounded_in_queries(world, register, django_assert_max_num_queries):
    for n in range(15):
        ProspectivePartner.objects.create(coalition=world.coalition, description=f"Partner {n}")
        Challenge.objects.create(coalition=world.coalition, challenge=f"Challenge {n}")
    client = world.client("steering")
    with django_assert_max_num_queries(12):
        response = client.get(_url(world, "index"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Partner 14" in body and "Challenge 14" in body  # everything it holds is listed


def test_the_steering_committee_keeps_the_register(world, register):
    partner, challenge = register
    client = world.client("steering")
    response = client.post(
        _url(world, "partner_add"), {"description": "Mosque council", "actor_type": ""}
    )
    assert response.status_code == 302 and response["Location"] == _url(world, "index")
    added = ProspectivePartner.objects.get(description="Mosque council")
    assert added.actor_type == "faith_based"  # guessed from the description
    assert "The partner is on the list." in client.get(response["Location"]).content.decode()

    admin = world.client("admin")
    url = _url(world, "partner_status", partner_id=partner.pk)
    assert admin.post(url, {"status": "approached"}).status_code == 302
    partner.refresh_from_db()
    assert partner.status == "approached"

    data = {"challenge": "Donor wants credit", "partner": "", "strategy": "Agree credit rules"}
    assert client.post(_url(world, "challenge_add"), data).status_code == 302
    assert Challenge.objects.get(challenge="Donor wants credit").strategy == "Agree credit rules"

    url = _url(world, "challenge_update", challenge_id=challenge.pk)
    assert (
        client.post(url, {"status": "addressed", "strategy": "Met in private"}).status_code == 302
    )
    challenge.refresh_from_db()
    assert (challenge.status, challenge.strategy) == ("addressed", "Met in private")
    assert client.post(url, {"status": "open"}).status_code == 302  # strategy not sent: kept
    challenge.refresh_from_db()
    assert (challenge.status, challenge.strategy) == ("open", "Met in private")


def test_others_cannot_change_it(world, register):
    partner, challenge = register
    writes = [
        (_url(world, "partner_add"), {"description": "Sneaky"}),
        (_url(world, "partner_status", partner_id=partner.pk), {"status": "declined"}),
        (_url(world, "challenge_add"), {"challenge": "Sneaky"}),
        (_url(world, "challenge_update", challenge_id=challenge.pk), {"status": "addressed"}),
    ]
    for role in set(ROLES) - EDITORS:
        client = world.client(role)
        before = database_snapshot()
        for url, data in writes:
            response = client.post(url, data)
            assert response.status_code in (403, 404) or (
                role == "anonymous" and is_login_redirect(response)
            ), (role, url)
        assert database_snapshot() == before, role


def test_bad_input_shows_the_error_and_saves_nothing(world, register):
    partner, challenge = register
    client = world.client("steering")
    elsewhere = make_coalition(name="Elsewhere", slug="elsewhere")
    foreign = ProspectivePartner.objects.create(coalition=elsewhere, description="Theirs")
    bad = [
        ("partner_add", {}, {"description": ""}, 400),
        ("partner_add", {}, {"description": "x" * 301}, 400),
        ("partner_add", {}, {"description": "Some group", "actor_type": "aliens"}, 400),
        ("partner_add", {}, {"description": "Women police network"}, 409),  # already listed
        ("partner_status", {"partner_id": partner.pk}, {"status": "married"}, 400),
        ("partner_status", {"partner_id": foreign.pk}, {"status": "joined"}, 404),
        ("partner_status", {"partner_id": 999999}, {"status": "joined"}, 404),
        ("challenge_add", {}, {"challenge": "  "}, 400),
        ("challenge_add", {}, {"challenge": "ok", "strategy": "y" * 301}, 400),
        (
            "challenge_add",
            {},
            {"challenge": "Members fear being seen with us", "partner": "Women police network"},
            409,
        ),
        ("challenge_update", {"challenge_id": challenge.pk}, {"status": "solved"}, 400),
        (
            "challenge_update",
            {"challenge_id": challenge.pk},
            {"status": "open", "strategy": "z" * 301},
            400,
        ),
    ]
    before = database_snapshot()
    for name, kwargs, data, status in bad:
        response = client.post(_url(world, name, **kwargs), data)
        assert response.status_code == status, (name, data, response.status_code)
        assert database_snapshot() == before, (name, data)
        if status != 404:
            body = response.content.decode()
            assert 'class="error' in body and "Groundwork" in body, (name, data)
    duplicate = client.post(_url(world, "partner_add"), {"description": "Women police network"})
    assert "already on the list" in duplicate.content.decode()
