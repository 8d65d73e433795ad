"""Writes for a coalition's doors: invitations, requests to join, and taking one up.

Like every service module: validate, check the policy, one transaction, audit. They
raise DomainError subclasses with a message safe to show and the field at fault.
"""

from collections.abc import Callable

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coalesce.accounts import throttle
from coalesce.accounts.models import Invitation, InvitationKind, User, hash_token
from coalesce.accounts.services import normalise_email
from coalesce.audit.log import record
from coalesce.coalitions import policy
from coalesce.coalitions.invitations.delivery import (
    INVITATION_DAYS,
    open_invitation,
    send_message,
)
from coalesce.coalitions.invitations.tasks import send_join_mail
from coalesce.coalitions.models import Person
from coalesce.core.errors import Conflict, DomainError, NotFound, Throttled


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
        invitation, raw, renewed = open_invitation(
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
    send_message("invitation", context, email)
    return invitation


def request_to_join(actor, email: str, *, address: str, site_url: str) -> None:
    """A visitor asks to join a coalition that takes open applications.

    The answer is the same whether an account exists for ``email`` or not, in what it says
    and in how long it takes: the request only checks the throttle (per e-mail and per
    client address) and queues the work; the task (``deliver_join_request``) looks the
    address up and sends the message. ``site_url`` is the site's absolute root address.
    """

    policy.require(actor, "coalition.join")
    email = normalise_email(email)
    if not throttle.take_mail_slot(email, address, "join"):
        raise Throttled(
            _("Too many requests to join from here or for this address. Try again in an hour.")
        )
    send_join_mail.enqueue(actor.coalition.id, email, site_url)


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
