"""Writes for accounts: invitations, sign-up, API tokens, two-factor, deleting an account.

Like every service module: validate, check the policy, one transaction, audit. They
raise DomainError subclasses with a message safe to show and the field at fault.
"""

import secrets
from collections.abc import Callable
from datetime import timedelta

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from coalesce.accounts.models import ApiToken, Invitation, User, hash_token
from coalesce.audit.log import record
from coalesce.coalitions import policy
from coalesce.core.errors import Conflict, DomainError, NotFound

INVITATION_DAYS = 14
MAX_API_TOKENS = 20
TOTP_DEVICE_NAME = "authenticator"


def normalise_email(value, field: str = "email") -> str:
    email = (value or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError as error:
        raise DomainError(_("Enter a valid e-mail address."), field) from error
    return email


# --- invitations ----------------------------------------------------------------------


def invite(actor, email: str, *, link_for: Callable[[str], str]) -> Invitation:
    """Invite ``email`` to the actor's coalition and send the link.

    An open invitation to the same address is renewed (new token, new expiry) rather
    than duplicated, so only the newest link works. ``link_for(token)`` builds the URL.
    """
    policy.require(actor, "invitations.create")
    email = normalise_email(email)
    raw = secrets.token_urlsafe(32)
    expires_at = timezone.now() + timedelta(days=INVITATION_DAYS)
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update()
            .filter(coalition=actor.coalition, email=email, accepted_at__isnull=True)
            .first()
        )
        action = "invitation.renew"
        if invitation is None:
            invitation = Invitation(coalition=actor.coalition, email=email)
            action = "invitation.create"
        invitation.token_hash = hash_token(raw)
        invitation.expires_at = expires_at
        invitation.invited_by = actor.user
        invitation.save()
        record(actor=actor.user, action=action, obj=invitation, coalition=actor.coalition)
    context = {
        "coalition": actor.coalition,
        "inviter": actor.user,
        "link": link_for(raw),
        "days": INVITATION_DAYS,
    }
    subject = render_to_string("accounts/email/invitation_subject.txt", context)
    send_mail(
        " ".join(subject.split()),
        render_to_string("accounts/email/invitation.txt", context),
        None,
        [email],
    )
    return invitation


def revoke_invitation(actor, invitation_id) -> None:
    policy.require(actor, "invitations.create")
    with transaction.atomic():
        invitation = Invitation.objects.filter(
            coalition=actor.coalition, pk=invitation_id, accepted_at__isnull=True
        ).first()
        if invitation is None:
            raise NotFound()
        record(
            actor=actor.user,
            action="invitation.revoke",
            obj=invitation,
            coalition=actor.coalition,
        )
        invitation.delete()


def find_invitation(raw_token: str) -> Invitation:
    """The usable invitation behind a link, or NotFound (unknown, used and expired alike)."""
    if not raw_token or len(raw_token) > 200:
        raise NotFound()
    invitation = (
        Invitation.objects.select_related("coalition")
        .filter(token_hash=hash_token(raw_token))
        .first()
    )
    if invitation is None or not invitation.is_usable:
        raise NotFound()
    return invitation


def _mark_accepted(invitation: Invitation, user) -> None:
    updated = Invitation.objects.filter(
        pk=invitation.pk, accepted_at__isnull=True, expires_at__gt=timezone.now()
    ).update(accepted_at=timezone.now(), accepted_by=user)
    if updated != 1:
        raise NotFound()
    record(actor=user, action="invitation.accept", obj=invitation, coalition=invitation.coalition)


def accept_invitation(user, invitation: Invitation) -> None:
    """A signed-in person takes up an invitation sent to their own address."""
    if user.email.lower() != invitation.email.lower():
        raise NotFound()
    with transaction.atomic():
        _mark_accepted(invitation, user)


def sign_up_with_invitation(invitation: Invitation, *, display_name: str, password: str) -> User:
    """Create the account for the invited address and take up the invitation."""
    display_name = (display_name or "").strip()
    if not display_name:
        raise DomainError(_("This field is required."), "display_name")
    candidate = User(email=invitation.email, display_name=display_name)
    try:
        password_validation.validate_password(password, candidate)
    except ValidationError as error:
        raise DomainError(" ".join(error.messages), "password1") from error
    try:
        with transaction.atomic():
            if User.objects.filter(email__iexact=invitation.email).exists():
                raise Conflict(_("An account with this address exists already: sign in first."))
            user = User.objects.create_user(invitation.email, password, display_name=display_name)
            record(actor=user, action="account.create", obj=user)
            _mark_accepted(invitation, user)
    except IntegrityError as error:
        raise Conflict(_("An account with this address exists already: sign in first.")) from error
    return user


# --- account ----------------------------------------------------------------------------


def update_display_name(user, display_name: str) -> None:
    display_name = (display_name or "").strip()
    if len(display_name) > 120 or "\x00" in display_name:
        raise DomainError(_("Keep this under 120 characters."), "display_name")
    if display_name != user.display_name:
        user.display_name = display_name
        user.save(update_fields=["display_name"])
        record(actor=user, action="account.update", obj=user, fields=["display_name"])


def delete_account(user) -> None:
    """Delete the account; Person rows stay in their coalitions, unlinked (SET_NULL)."""
    with transaction.atomic():
        record(actor=user, action="account.delete", obj=user)
        user.delete()


# --- API tokens -------------------------------------------------------------------------


def issue_api_token(user, name: str) -> tuple[ApiToken, str]:
    name = (name or "").strip()
    if not name or len(name) > 80 or "\x00" in name:
        raise DomainError(_("Give the token a name (up to 80 characters)."), "name")
    with transaction.atomic():
        if ApiToken.objects.select_for_update().filter(user=user).count() >= MAX_API_TOKENS:
            raise DomainError(
                _("You can hold at most %(n)d tokens. Revoke one first.") % {"n": MAX_API_TOKENS},
                "name",
            )
        token, raw = ApiToken.issue(user, name)
        record(actor=user, action="api_token.create", obj=token)
    return token, raw


def revoke_api_token(user, token_id) -> None:
    with transaction.atomic():
        token = ApiToken.objects.filter(user=user, pk=token_id).first()
        if token is None:
            raise NotFound()
        record(actor=user, action="api_token.revoke", obj=token)
        token.delete()


# --- two-factor -------------------------------------------------------------------------


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("id").first()


def pending_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()


def start_two_factor(user) -> TOTPDevice:
    """A fresh, unconfirmed authenticator for ``user`` (replacing any earlier unconfirmed one)."""
    if confirmed_device(user) is not None:
        raise Conflict(_("Two-factor sign-in is already on."))
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        return TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)


def verify_code(device: TOTPDevice, code: str) -> bool:
    """Check a code; django-otp refuses reused codes and slows down repeated failures."""
    return bool(code) and device.verify_token(code.strip())


def confirm_two_factor(user, code: str) -> TOTPDevice:
    device = pending_device(user)
    if device is None:
        raise NotFound()
    if not verify_code(device, code):
        raise DomainError(
            _("That code is not right. Check the time on your phone and try again."), "code"
        )
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        record(actor=user, action="two_factor.enable", obj=device)
    return device


def disable_two_factor(user) -> None:
    with transaction.atomic():
        device = confirmed_device(user)
        if device is not None:
            record(actor=user, action="two_factor.disable", obj=device)
        TOTPDevice.objects.filter(user=user).delete()
