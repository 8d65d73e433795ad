"""API tokens: shown once, listed without the secret, revoked for good."""

import pytest

from coalesce.accounts.models import ApiToken
from tests.support.api import Api, api_as, assert_error

pytestmark = pytest.mark.usefixtures("fast_hashing")


def test_a_new_token_is_shown_once_and_never_listed(world):
    api = api_as(world, "member")
    created = api.post("/tokens", {"name": "laptop"})
    assert created.status_code == 201
    raw = created.json()["token"]
    assert raw.startswith("clc_")
    stored = ApiToken.objects.get(pk=created.json()["id"])
    assert raw not in stored.key_hash

    listed = api.get("/tokens")
    assert listed.status_code == 200
    assert {t["name"] for t in listed.json()} == {"tests", "laptop"}
    assert raw not in listed.content.decode()
    assert all("token" not in t and "key_hash" not in t for t in listed.json())

    assert Api(raw).get("/me").json()["email"] == "member@example.org"


def test_a_revoked_token_stops_working(world):
    api = api_as(world, "member")
    _token, raw = ApiToken.issue(world.users["member"], "phone")
    assert Api(raw).get("/me").status_code == 200
    assert api.delete(f"/tokens/{_token.id}").status_code == 204
    assert_error(Api(raw).get("/me"), 401)


def test_another_persons_token_cannot_be_revoked(world):
    theirs, _raw = ApiToken.issue(world.users["steering"], "theirs")
    assert_error(api_as(world, "member").delete(f"/tokens/{theirs.id}"), 404)
    assert ApiToken.objects.filter(pk=theirs.pk).exists()


def test_token_names_are_checked(world):
    api = api_as(world, "member")
    assert_error(api.post("/tokens", {"name": "x" * 81}), 422, "name")
    assert_error(api.post("/tokens", {"name": "   "}), 400, "name")
    assert_error(api.post("/tokens", {}), 422, "name")
