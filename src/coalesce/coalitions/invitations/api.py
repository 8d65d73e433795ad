"""JSON operations on a coalition's doors: invitations, and asking to join an open one.

The services check the policy: ``invitations.create`` (steering committee and admins)
and ``coalition.join`` (anyone without a membership, when applications are open).
"""

from datetime import datetime

from django.utils.translation import gettext as _
from ninja import Field, Schema, Status

from coalesce.accounts.api_auth import operations
from coalesce.accounts.throttle import client_address
from coalesce.coalitions.access import api_actor
from coalesce.coalitions.invitations import selectors, services
from coalesce.coalitions.invitations.links import invitation_link
from coalesce.core.api import Body, PathId, Slug, Text

ops = operations("invitations")
router = ops.router


class InvitationIn(Body):
    email: Text(254)


class InvitationOut(Schema):
    id: int
    email: str
    invited_by: str = Field(description="The display name of whoever sent it.")
    created_at: datetime
    expires_at: datetime


class JoinIn(Body):
    email: Text(254)


class JoinOut(Schema):
    detail: str


def _invitation_out(invitation) -> dict:
    inviter = invitation.invited_by
    return {
        "id": invitation.id,
        "email": invitation.email,
        "invited_by": (inviter.display_name or inviter.email) if inviter else "",
        "created_at": invitation.created_at,
        "expires_at": invitation.expires_at,
    }


@ops.get(
    "/{slug}/invitations",
    list[InvitationOut],
    description="Policy action `invitations.create`: the invitations still open.",
)
def list_invitations(request, slug: Slug):
    return [
        _invitation_out(i) for i in selectors.pending_invitations(api_actor(request, slug))[:500]
    ]


@ops.post(
    "/{slug}/invitations",
    InvitationOut,
    status=201,
    description="Policy action `invitations.create`. Inviting an address again renews "
    "its invitation (a new link; the old one stops working).",
)
def create_invitation(request, slug: Slug, payload: InvitationIn):
    invitation = services.invite(
        api_actor(request, slug), payload.email, link_for=invitation_link(request)
    )
    return Status(201, _invitation_out(invitation))


@ops.delete(
    "/{slug}/invitations/{invitation_id}",
    description="Policy action `invitations.create`.",
)
def revoke_invitation(request, slug: Slug, invitation_id: PathId):
    services.revoke_invitation(api_actor(request, slug), invitation_id)
    return Status(204, None)


@ops.post(
    "/{slug}/join",
    JoinOut,
    status=202,
    anonymous=True,
    description="Policy action `coalition.join` (open applications only; 404 otherwise). "
    "E-mails a link that confirms the address and starts the application — or, for an "
    "existing account, how to sign in and apply. The answer is the same either way. "
    "429 after too many requests for one address or from one client.",
)
def request_to_join(request, slug: Slug, payload: JoinIn):
    actor = api_actor(request, slug)
    services.request_to_join(
        actor,
        payload.email,
        address=client_address(request),
        site_url=request.build_absolute_uri("/"),
    )
    return Status(202, {"detail": _("Check your inbox: the message has a link to apply.")})
