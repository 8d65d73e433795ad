"""Invitations: only admins invite; the token is stored hashed; sign-up or accept."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from coalesce.accounts.models import Invitation, User, hash_token
from coalesce.audit.models import AuditEvent

INVITE = "/c/safer-streets/people/invite/"
LINK = re.compile(r"http://testserver(/accounts/invitation/([^/\s]+)/)")


def invite(client, email):
    return client.post(INVITE, {"email": email})


def link_in(message):
    match = LINK.search(message.body)
    return match[1], match[2]


@pytest.fixture
def admin(world):
    return world.client("admin")


def test_admin_invites_and_the_token_is_only_stored_hashed(world, admin):
    assert admin.get(INVITE).status_code == 200
    response = invite(admin, "New.Person@Example.org")
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.email == "new.person@example.org"
    assert invitation.coalition == world.coalition
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["new.person@example.org"]
    path, token = link_in(mail.outbox[0])
    assert invitation.token_hash == hash_token(token)
    assert token not in invitation.token_hash
    days = (invitation.expires_at - timezone.now()).days
    assert 13 <= days <= 14
    assert "new.person@example.org" in admin.get(INVITE).content.decode()
    assert AuditEvent.objects.filter(action="invitation.create").exists()


@pytest.mark.parametrize("role", ["anonymous", "outsider", "member", "custodian"])
def test_only_admins_and_steering_may_invite(world, role):
    client = world.client(role)
    response = invite(client, "someone@example.org")
    if role == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    else:
        assert response.status_code == 403
    assert client.get(INVITE).status_code in (302, 403)
    assert not Invitation.objects.exists()
    assert not mail.outbox


def test_inviting_again_replaces_the_token(admin):
    invite(admin, "twice@example.org")
    invite(admin, "TWICE@example.org")
    assert Invitation.objects.count() == 1
    old_path, _ = link_in(mail.outbox[0])
    new_path, _ = link_in(mail.outbox[1])
    assert Client().get(old_path).status_code == 404
    assert Client().get(new_path).status_code == 200


def test_invalid_email_is_a_field_error(admin):
    response = invite(admin, "not-an-address")
    assert response.status_code == 400
    assert "email_error" in response.content.decode()
    assert not Invitation.objects.exists()


def test_new_person_signs_up_and_goes_to_apply(world, admin):
    invite(admin, "newcomer@example.org")
    path, _ = link_in(mail.outbox[0])
    client = Client()
    page = client.get(path)
    assert page.status_code == 200 and "newcomer@example.org" in page.content.decode()
    response = client.post(
        path,
        {
            "display_name": "New Comer",
            "password1": "a long and unusual passphrase",
            "password2": "a long and unusual passphrase",
        },
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/c/safer-streets/")
    user = User.objects.get(email="newcomer@example.org")
    assert user.display_name == "New Comer"
    assert user.password.startswith("argon2")
    assert client.session["_auth_user_id"] == str(user.pk)
    invitation = Invitation.objects.get()
    assert invitation.accepted_by == user and invitation.accepted_at is not None
    # Used: the link does not work again.
    assert Client().get(path).status_code == 404


def test_weak_password_is_a_field_error_and_creates_nobody(admin):
    invite(admin, "weak@example.org")
    path, _ = link_in(mail.outbox[0])
    response = Client().post(
        path, {"display_name": "Weak", "password1": "password", "password2": "password"}
    )
    assert response.status_code == 400
    assert 'id="id_password1_error"' in response.content.decode()
    assert not User.objects.filter(email="weak@example.org").exists()
    assert Invitation.objects.get().accepted_at is None


def test_mismatched_passwords_are_refused(admin):
    invite(admin, "typo@example.org")
    path, _ = link_in(mail.outbox[0])
    response = Client().post(
        path,
        {"display_name": "T", "password1": "a long and unusual one", "password2": "different"},
    )
    assert response.status_code == 400
    assert not User.objects.filter(email="typo@example.org").exists()


def test_expired_unknown_and_revoked_tokens_get_the_same_page(world, admin):
    invite(admin, "late@example.org")
    path, _ = link_in(mail.outbox[0])
    Invitation.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    expired = Client().get(path)
    unknown = Client().get("/accounts/invitation/not-a-real-token/")
    assert expired.status_code == unknown.status_code == 404
    assert expired.content == unknown.content
    assert "newcomer" not in expired.content.decode()
    post = Client().post(
        path,
        {
            "display_name": "L",
            "password1": "a long passphrase 99",
            "password2": "a long passphrase 99",
        },
    )
    assert post.status_code == 404
    assert not User.objects.filter(email="late@example.org").exists()


def test_admin_revokes_a_pending_invitation(world, admin):
    invite(admin, "revoked@example.org")
    path, _ = link_in(mail.outbox[0])
    invitation = Invitation.objects.get()
    # Somebody else may not revoke it.
    member = world.client("member")
    url = f"/c/safer-streets/people/invitations/{invitation.pk}/revoke/"
    assert member.post(url).status_code == 403
    assert admin.post(url).status_code == 302
    assert not Invitation.objects.exists()
    assert Client().get(path).status_code == 404


def test_existing_user_signed_in_with_that_address_accepts(world, admin):
    invite(admin, world.users["outsider"].email)
    path, _ = link_in(mail.outbox[0])
    # Signed out: asked to sign in, no account created.
    signed_out = Client().get(path)
    assert "Sign in, then open the link again" in signed_out.content.decode()
    # Someone else signed in: cannot accept.
    other = world.client("member")
    assert other.post(path).status_code == 200
    assert Invitation.objects.get().accepted_at is None
    outsider = world.client("outsider")
    response = outsider.post(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/c/safer-streets/")
    assert Invitation.objects.get().accepted_by == world.users["outsider"]
