"""Opening an invitation and sending its e-mails, for the invitation services and for
the task that answers a visitor's request to join (which cannot wait on the services:
they queue it)."""

import secrets
from collections.abc import Callable
from datetime import timedelta

from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from coalesce.accounts.models import Invitation, InvitationKind, User, hash_token
from coalesce.audit.log import record

INVITATION_DAYS = 14


PREFILL_KEYS = frozenset(
    {"kind", "organisation_name", "actor_type", "country", "website", "person_name"}
)


def send_message(template: str, context: dict, email: str) -> None:
    """Send ``accounts/email/<template>.txt`` with its ``_subject.txt`` (plain text)."""
    subject = render_to_string(f"accounts/email/{template}_subject.txt", context)
    send_mail(
        " ".join(subject.split()),
        render_to_string(f"accounts/email/{template}.txt", context),
        None,
        [email],
    )


def open_invitation(coalition, email, *, kind, invited_by, prefill=None, membership=None):
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


def deliver_join_request(
    coalition, email: str, *, link_for: Callable[[str], str], apply_url: str
) -> str | None:
    """Send a visitor who asked to join either a link that confirms the address and
    creates the account (returns its raw token) or, for an existing account, the way to
    sign in and apply (returns None)."""
    context = {"coalition": coalition, "days": INVITATION_DAYS, "apply_url": apply_url}
    if User.objects.filter(email__iexact=email).exists():
        send_message("join_existing_account", context, email)
        return None
    with transaction.atomic():
        invitation, raw, _renewed = open_invitation(
            coalition, email, kind=InvitationKind.JOIN_REQUEST, invited_by=None
        )
        record(actor=None, action="join_request.create", obj=invitation, coalition=coalition)
    send_message("join_request", {**context, "link": link_for(raw)}, email)
    return raw
