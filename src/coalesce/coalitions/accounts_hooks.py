"""What coalitions add to a person's account (see ``coalesce.accounts.hooks``): their
people, memberships and applications in the export, and the refusal to delete the
account of a coalition's last administrator."""

from django.utils.translation import gettext as _

from coalesce.accounts import hooks
from coalesce.accounts.selectors import when
from coalesce.coalitions import policy
from coalesce.coalitions import services as coalition_services
from coalesce.coalitions.models import Application, CoalitionStaff, Membership, Person, StaffRole
from coalesce.core.errors import Conflict


def register() -> None:
    hooks.add_data_section("people", exported_people)
    hooks.add_data_section("applications", exported_applications)
    hooks.add_deletion_check(refuse_last_admin)


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


def _exported_membership(user, person, membership) -> dict:
    """Contact details are read through the coalitions service, so each read is checked
    by the policy (it is the person's own membership) and audited."""
    actor = policy.actor_for(user, person.coalition)
    return {
        "id": membership.id,
        "as": "organisation" if membership.organisation_id else "individual",
        "status": membership.status,
        "visibility": membership.visibility,
        "alias": membership.alias,
        "joined_at": when(membership.joined_at),
        "conduct_acknowledged_at": when(membership.conduct_acknowledged_at),
        "contacts": coalition_services.read_contacts(actor, membership),
    }


def exported_people(user) -> list[dict]:
    people = (
        Person.objects.filter(user=user)
        .select_related("coalition", "organisation", "organisation__membership", "own_membership")
        .order_by("id")
    )
    people_out = []
    for person in people:
        membership = _membership_of(person)
        people_out.append(
            {
                "id": person.id,
                "coalition": {"slug": person.coalition.slug, "name": person.coalition.name},
                "full_name": person.full_name,
                "organisation": person.organisation.name if person.organisation_id else None,
                "created_at": when(person.created_at),
                "membership": None
                if membership is None
                else _exported_membership(user, person, membership),
            }
        )
    return people_out


def exported_applications(user) -> list[dict]:
    applications = Application.objects.filter(applicant=user).select_related("coalition")
    return [
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
            "created_at": when(a.created_at),
        }
        for a in applications.order_by("id")
    ]


def refuse_last_admin(user) -> None:
    """The only administrator of a coalition with members cannot leave it headless."""
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
