"""Account settings: display name, API tokens, data export, deleting the account."""

import json
import re

import pytest
from django.test import Client

from coalesce.accounts.models import ApiToken, User, hash_token
from coalesce.coalitions.models import Person
from tests.support import factories as f


@pytest.fixture
def user(db):
    return f.make_user("tok@example.org", "Token User")


@pytest.fixture
def client(user):
    client = Client()
    client.force_login(user)
    return client


def test_settings_page_changes_the_display_name(client, user):
    page = client.get("/accounts/settings/")
    html = page.content.decode()
    for link in ["/accounts/password/", "/accounts/two-factor/", "/accounts/tokens/"]:
        assert link in html
    assert client.post("/accounts/settings/", {"display_name": "Renamed"}).status_code == 302
    user.refresh_from_db()
    assert user.display_name == "Renamed"


def test_settings_need_sign_in(db):
    for url in [
        "/accounts/settings/",
        "/accounts/tokens/",
        "/accounts/export/",
        "/accounts/delete/",
    ]:
        response = Client().get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_token_is_shown_once_and_stored_hashed(client, user):
    response = client.post("/accounts/tokens/", {"name": "reporting script"})
    assert response.status_code == 200
    raw = re.search(r'<code id="new-token">(clc_[^<]+)</code>', response.content.decode())[1]
    token = ApiToken.objects.get(user=user)
    assert token.key_hash == hash_token(raw)
    assert token.prefix == raw[4:12]
    listing = client.get("/accounts/tokens/").content.decode()
    assert "reporting script" in listing and token.prefix in listing
    assert raw not in listing


def test_token_works_for_the_api_until_revoked(client, user):
    response = client.post("/accounts/tokens/", {"name": "bot"})
    raw = re.search(r'<code id="new-token">(clc_[^<]+)</code>', response.content.decode())[1]
    token = ApiToken.objects.get(user=user)
    api = Client()
    assert api.get("/api/me", HTTP_AUTHORIZATION=f"Bearer {raw}").json()["email"] == user.email
    token.refresh_from_db()
    assert token.last_used_at is not None
    assert "never" not in client.get("/accounts/tokens/").content.decode()
    assert client.post(f"/accounts/tokens/{token.pk}/revoke/").status_code == 302
    assert not ApiToken.objects.filter(pk=token.pk).exists()
    assert api.get("/api/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401


def test_cannot_revoke_someone_elses_token(client, db):
    other = f.make_user()
    token, _ = ApiToken.issue(other, "theirs")
    assert client.post(f"/accounts/tokens/{token.pk}/revoke/").status_code == 404
    assert ApiToken.objects.filter(pk=token.pk).exists()


def test_token_needs_a_name(client, user):
    response = client.post("/accounts/tokens/", {"name": ""})
    assert response.status_code == 400
    assert not ApiToken.objects.exists()


def test_export_holds_own_account_people_memberships_and_contacts(world):
    user = world.users["member"]
    membership = world.memberships["member"]
    membership.contact_email = "own-contact@example.org"
    membership.save()
    client = world.client("member")
    assert client.get("/accounts/export/").status_code == 200
    response = client.post("/accounts/export/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["email"] == user.email
    [person] = data["people"]
    assert person["coalition"]["slug"] == "safer-streets"
    assert person["membership"]["id"] == membership.id
    assert person["membership"]["contacts"]["contact_email"] == "own-contact@example.org"
    text = response.content.decode()
    for marker in world.markers.values():
        assert marker not in text


def test_delete_account_needs_password_and_unlinks_people(world):
    user = world.users["member"]
    client = world.client("member")
    person = Person.objects.get(user=user)
    wrong = client.post("/accounts/delete/", {"password": "not my password"})
    assert wrong.status_code == 400
    assert User.objects.filter(pk=user.pk).exists()
    response = client.post("/accounts/delete/", {"password": f.PASSWORD})
    assert response.status_code == 302
    assert not User.objects.filter(pk=user.pk).exists()
    person.refresh_from_db()
    assert person.user_id is None
    assert "_auth_user_id" not in client.session
