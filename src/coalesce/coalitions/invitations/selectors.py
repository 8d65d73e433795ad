"""Reads for a coalition's invitations."""

from django.utils import timezone

from coalesce.accounts.models import Invitation, InvitationKind
from coalesce.coalitions import policy


def pending_invitations(actor):
    """Open, unexpired invitations of the actor's coalition (not visitors' requests)."""
    policy.require(actor, "invitations.create")
    return (
        Invitation.objects.filter(
            coalition=actor.coalition,
            accepted_at__isnull=True,
            expires_at__gt=timezone.now(),
            kind=InvitationKind.INVITATION,
        )
        .select_related("invited_by")
        .order_by("-created_at", "-id")
    )
