"""JSON operations on a coalition's doors: invitations, and asking to join an open one.

Same conventions as ``coalesce.coalitions.api`` (``_actor``, errors as ``ErrorOut``); the
services check the policy: ``invitations.create`` (steering committee and admins) and
``coalition.join`` (anyone without a membership, when applications are open).
"""

from datetime import datetime

from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from coalesce.accounts import selectors, services
from coalesce.accounts.api_auth import PROTECTED, PUBLIC
from coalesce.accounts.links import invitation_link
from coalesce.accounts.throttle import client_address
from coalesce.coalitions.access import api_actor
from coalesce.core.api import ANONYMOUS_WELCOME, ERRORS, Body, ErrorOut, PathId, Slug, Text

router = Router(auth=PROTECTED, tags=["invitations"])


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


@router.get(
    "/{slug}/invitations",
    response={200: list[InvitationOut], ERRORS: ErrorOut},
    operation_id="list_invitations",
    description="Policy action `invitations.create`: the invitations still open.",
)
def list_invitations(request, slug: Slug):
    return [
        _invitation_out(i) for i in selectors.pending_invitations(api_actor(request, slug))[:500]
    ]


@router.post(
    "/{slug}/invitations",
    response={201: InvitationOut, ERRORS: ErrorOut},
    operation_id="create_invitation",
    description="Policy action `invitations.create`. Inviting an address again renews "
    "its invitation (a new link; the old one stops working).",
)
def create_invitation(request, slug: Slug, payload: InvitationIn):
    invitation = services.invite(
        api_actor(request, slug), payload.email, link_for=invitation_link(request)
    )
    return Status(201, _invitation_out(invitation))


@router.delete(
    "/{slug}/invitations/{invitation_id}",
    response={204: None, ERRORS: ErrorOut},
    operation_id="revoke_invitation",
    description="Policy action `invitations.create`.",
)
def revoke_invitation(request, slug: Slug, invitation_id: PathId):
    services.revoke_invitation(api_actor(request, slug), invitation_id)
    return Status(204, None)


@router.post(
    "/{slug}/join",
    auth=PUBLIC,
    openapi_extra=ANONYMOUS_WELCOME,
    response={202: JoinOut, ERRORS: ErrorOut},
    operation_id="request_to_join",
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
