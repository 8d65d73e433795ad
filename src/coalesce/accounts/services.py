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

from coalesce.accounts import throttle
from coalesce.accounts.models import ApiToken, Invitation, InvitationKind, User, hash_token
from coalesce.audit.log import record
from coalesce.coalitions import policy
from coalesce.coalitions.models import CoalitionStaff, Person, StaffRole
from coalesce.core.errors import Conflict, DomainError, NotFound, Throttled

INVITATION_DAYS = 14
MAX_API_TOKENS = 20
MAX_API_TOKEN_NAME = 80
TOTP_DEVICE_NAME = "authenticator"


def normalise_email(value, field: str = "email") -> str:
    email = (value or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError as error:
        raise DomainError(_("Enter a valid e-mail address."), field) from error
    return email


# --- invitations ----------------------------------------------------------------------


PREFILL_KEYS = frozenset(
    {"kind", "organisation_name", "actor_type", "country", "website", "person_name"}
)


def _send(template: str, context: dict, email: str) -> None:
    """Send ``accounts/email/<template>.txt`` with its ``_subject.txt`` (plain text)."""
    subject = render_to_string(f"accounts/email/{template}_subject.txt", context)
    send_mail(
        " ".join(subject.split()),
        render_to_string(f"accounts/email/{template}.txt", context),
        None,
        [email],
    )


def _open_invitation(coalition, email, *, kind, invited_by, prefill=None, membership=None):
    """Create, or renew (new token, new expiry), the one open invitation of ``email`` to
    ``coalition``, so only the newest link works. Returns it with its raw token."""
    raw = secrets.token_urlsafe(32)
    invitation = (
        Invitation.objects.select_for_update()
        .filter(coalition=coalition, email=email, accepted_at__isnull=True)
        .first()
    )
    renewed = invitation is not None
    if invitation is None:
        invitation = Invitation(coalition=coalition, email=email)
    invitation.token_hash = hash_token(raw)
    invitation.expires_at = timezone.now() + timedelta(days=INVITATION_DAYS)
    # An invitation from a person outranks the visitor's own request to join.
    if not (renewed and kind == InvitationKind.JOIN_REQUEST):
        invitation.kind = kind
        invitation.invited_by = invited_by
        invitation.prefill = {k: v for k, v in (prefill or {}).items() if k in PREFILL_KEYS}
        invitation.membership = membership
    invitation.save()
    return invitation, raw, renewed


def invite(
    actor, email: str, *, link_for: Callable[[str], str], prefill=None, membership=None
) -> Invitation:
    """Invite ``email`` to the actor's coalition and send the link.

    ``prefill`` (a prospective partner's organisation name, actor type, country) starts
    the invitee's application; ``membership`` makes them a representative of an existing
    member instead. ``link_for(token)`` builds the URL.
    """
    policy.require(actor, "invitations.create")
    email = normalise_email(email)
    with transaction.atomic():
        invitation, raw, renewed = _open_invitation(
            actor.coalition,
            email,
            kind=InvitationKind.INVITATION,
            invited_by=actor.user,
            prefill=prefill,
            membership=membership,
        )
        action = "invitation.renew" if renewed else "invitation.create"
        record(actor=actor.user, action=action, obj=invitation, coalition=actor.coalition)
    context = {
        "coalition": actor.coalition,
        "inviter": actor.user,
        "link": link_for(raw),
        "days": INVITATION_DAYS,
    }
    _send("invitation", context, email)
    return invitation


def request_to_join(actor, email: str, *, address: str, site_url: str) -> None:
    """A visitor asks to join a coalition that takes open applications.

    The answer is the same whether an account exists for ``email`` or not, in what it says
    and in how long it takes: the request only checks the throttle (per e-mail and per
    client address) and queues the work; the task (``deliver_join_request``) looks the
    address up and sends the message. ``site_url`` is the site's absolute root address.
    """
    from coalesce.accounts.tasks import send_join_mail

    policy.require(actor, "coalition.join")
    email = normalise_email(email)
    if not throttle.take_mail_slot(email, address, "join"):
        raise Throttled(
            _("Too many requests to join from here or for this address. Try again in an hour.")
        )
    send_join_mail.enqueue(actor.coalition.id, email, site_url)


def deliver_join_request(
    coalition, email: str, *, link_for: Callable[[str], str], apply_url: str
) -> str | None:
    """Send a visitor who asked to join either a link that confirms the address and
    creates the account (returns its raw token) or, for an existing account, the way to
    sign in and apply (returns None)."""
    context = {"coalition": coalition, "days": INVITATION_DAYS, "apply_url": apply_url}
    if User.objects.filter(email__iexact=email).exists():
        _send("join_existing_account", context, email)
        return None
    with transaction.atomic():
        invitation, raw, _renewed = _open_invitation(
            coalition, email, kind=InvitationKind.JOIN_REQUEST, invited_by=None
        )
        record(actor=None, action="join_request.create", obj=invitation, coalition=coalition)
    _send("join_request", {**context, "link": link_for(raw)}, email)
    return raw


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
    if invitation.membership_id:
        _become_representative(invitation, user)


def _become_representative(invitation: Invitation, user) -> None:
    """The invitee now speaks for the member they were invited to represent."""
    membership = invitation.membership
    if membership.person_id:
        Person.objects.filter(pk=membership.person_id, user__isnull=True).update(user=user)
        return
    if not Person.objects.filter(coalition=invitation.coalition, user=user).exists():
        Person.objects.create(
            coalition=invitation.coalition,
            organisation_id=membership.organisation_id,
            user=user,
            full_name=user.display_name or user.email.split("@")[0],
        )


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
        for staff in CoalitionStaff.objects.filter(user=user, role=StaffRole.ADMIN):
            others = CoalitionStaff.objects.filter(
                coalition_id=staff.coalition_id, role=StaffRole.ADMIN
            ).exclude(user=user)
            if not others.exists() and staff.coalition.memberships.exists():
                raise Conflict(
                    _(
                        "You are the only administrator of %(name)s. Make another member an "
                        "administrator first."
                    )
                    % {"name": staff.coalition.name}
                )
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
