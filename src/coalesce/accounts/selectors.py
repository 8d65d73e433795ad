"""Reads for account pages."""

from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from coalesce.accounts.models import ApiToken, Invitation, InvitationKind
from coalesce.coalitions import policy
from coalesce.coalitions import services as coalition_services
from coalesce.coalitions.models import Application, Membership, Person


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


def api_tokens(user):
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-id")


def _when(value):
    return value.isoformat() if value else None


def _membership_of(person):
    try:
        return person.own_membership
    except Membership.DoesNotExist:
        pass
    if person.organisation_id:
        try:
            return person.organisation.membership
        except Membership.DoesNotExist:
            return None
    return None


def export_for(user) -> dict:
    """Everything Coalesce holds about ``user`` that is theirs to take away.

    Contact details are read through the coalitions service, so each read is checked
    by the policy (it is the person's own membership) and audited.
    """
    people = (
        Person.objects.filter(user=user)
        .select_related("coalition", "organisation", "organisation__membership", "own_membership")
        .order_by("id")
    )
    people_out = []
    for person in people:
        membership = _membership_of(person)
        membership_out = None
        if membership is not None:
            actor = policy.actor_for(user, person.coalition)
            membership_out = {
                "id": membership.id,
                "as": "organisation" if membership.organisation_id else "individual",
                "status": membership.status,
                "visibility": membership.visibility,
                "alias": membership.alias,
                "joined_at": _when(membership.joined_at),
                "conduct_acknowledged_at": _when(membership.conduct_acknowledged_at),
                "contacts": coalition_services.read_contacts(actor, membership),
            }
        people_out.append(
            {
                "id": person.id,
                "coalition": {"slug": person.coalition.slug, "name": person.coalition.name},
                "full_name": person.full_name,
                "organisation": person.organisation.name if person.organisation_id else None,
                "created_at": _when(person.created_at),
                "membership": membership_out,
            }
        )
    applications = Application.objects.filter(applicant=user).select_related("coalition")
    return {
        "format": "coalesce.account-export/1",
        "exported_at": timezone.now().isoformat(),
        "account": {
            "id": user.id,
            "email": user.email,
            "display_name": user.display_name,
            "date_joined": _when(user.date_joined),
            "last_login": _when(user.last_login),
            "two_factor": TOTPDevice.objects.filter(user=user, confirmed=True).exists(),
        },
        "api_tokens": [
            {
                "name": t.name,
                "prefix": t.prefix,
                "created_at": _when(t.created_at),
                "last_used_at": _when(t.last_used_at),
            }
            for t in api_tokens(user)
        ],
        "people": people_out,
        "applications": [
            {
                "id": a.id,
                "coalition": {"slug": a.coalition.slug, "name": a.coalition.name},
                "kind": a.kind,
                "status": a.status,
                "organisation_name": a.organisation_name,
                "person_name": a.person_name,
                "statement": a.statement,
                "requested_visibility": a.requested_visibility,
                "alias": a.alias,
                "contact_email": a.contact_email,
                "contact_phone": a.contact_phone,
                "created_at": _when(a.created_at),
            }
            for a in applications.order_by("id")
        ],
    }
