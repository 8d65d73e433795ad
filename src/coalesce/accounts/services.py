"""Writes for accounts: the display name, language and time zone, API tokens, two-factor,
deleting an account.

Like every service module: validate, check the policy, one transaction, audit. They
raise DomainError subclasses with a message safe to show and the field at fault.
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from coalesce.accounts import hooks
from coalesce.accounts.models import ApiToken
from coalesce.audit.log import record
from coalesce.core.errors import Conflict, DomainError, NotFound
from coalesce.core.localisation import clean_language, clean_time_zone
from coalesce.core.unchanged import UNCHANGED

MAX_API_TOKENS = 20
API_TOKEN_USE_PRECISION = timedelta(minutes=5)
MAX_API_TOKEN_NAME = 80
TOTP_DEVICE_NAME = "authenticator"


def normalise_email(value, field: str = "email") -> str:
    email = (value or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError as error:
        raise DomainError(_("Enter a valid e-mail address."), field) from error
    return email


# --- account ----------------------------------------------------------------------------


def update_display_name(user, display_name: str) -> None:
    update_account(user, display_name=display_name)


@transaction.atomic
def update_account(user, *, display_name=UNCHANGED, language=UNCHANGED, time_zone=UNCHANGED):
    """The person's own settings: how others see them, the language and the time zone they
    read Coalesce in ("" follows the browser, then the coalition's zone)."""
    wanted = {}
    if display_name is not UNCHANGED:
        display_name = (display_name or "").strip() if isinstance(display_name, str) else None
        if display_name is None or len(display_name) > 120 or "\x00" in display_name:
            raise DomainError(_("Keep this under 120 characters."), "display_name")
        wanted["display_name"] = display_name
    if language is not UNCHANGED:
        wanted["language"] = clean_language(language)
    if time_zone is not UNCHANGED:
        wanted["time_zone"] = clean_time_zone(time_zone, required=False)
    changed = [name for name, value in wanted.items() if getattr(user, name) != value]
    if changed:
        for name in changed:
            setattr(user, name, wanted[name])
        user.save(update_fields=changed)
        record(actor=user, action="account.update", obj=user, fields=changed)


def delete_account(user) -> None:
    """Delete the account, unless an app above refuses (see ``accounts.hooks``); Person
    rows stay in their coalitions, unlinked (SET_NULL)."""
    with transaction.atomic():
        hooks.check_deletion(user)
        record(actor=user, action="account.delete", obj=user)
        user.delete()


# --- API tokens -------------------------------------------------------------------------


def issue_api_token(user, name: str) -> tuple[ApiToken, str]:
    name = (name or "").strip()
    if not name or len(name) > MAX_API_TOKEN_NAME or "\x00" in name:
        raise DomainError(
            _("Give the token a name (up to %(max)d characters).") % {"max": MAX_API_TOKEN_NAME},
            "name",
        )
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


def note_api_token_use(token: ApiToken) -> None:
    """Remember when a token was last used, at most every few minutes: a write per
    request would cost every API call (reads included) a write lock and a durable commit."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > API_TOKEN_USE_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)


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
