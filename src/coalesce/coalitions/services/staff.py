"""Staff roles (administrators, custodians).

A custodian who is not a member needs a Person before a staff role can be granted:
``add_invited_person`` gives them one."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from coalesce.accounts.models import Invitation
from coalesce.coalitions import policy
from coalesce.coalitions.models import (
    CoalitionStaff,
    Person,
    StaffRole,
)
from coalesce.coalitions.services.audit import record_by
from coalesce.core.errors import NotFound
from coalesce.core.validation import (
    clean_choice,
    clean_email,
    clean_text,
)


@transaction.atomic
def grant_staff_role(actor, *, email, role):
    policy.require(actor, "staff.manage")
    role = clean_choice(role, StaffRole, "role")
    email = clean_email(email, "email", required=True).lower()
    user = get_user_model().objects.filter(email__iexact=email).first()
    # Same message whether or not the account exists elsewhere: only people tied to
    # this coalition can be given a role.
    tied = user is not None and (
        Person.objects.filter(coalition=actor.coalition, user=user).exists()
        or CoalitionStaff.objects.filter(coalition=actor.coalition, user=user).exists()
    )
    if not tied:
        raise NotFound(_("No one in this coalition has that e-mail address."), "email")
    staff, _created = CoalitionStaff.objects.get_or_create(
        coalition=actor.coalition, user=user, role=role
    )
    record_by(actor, "staff.grant", staff, ["role"])
    return staff


@transaction.atomic
def add_invited_person(actor, *, email):
    """Give someone who accepted an invitation to this coalition, and has no place in it
    yet, a Person of their own (no organisation, no membership), so that an admin can
    grant them a staff role — a custodian of protected identities need not be a member."""
    policy.require(actor, "staff.manage")
    email = clean_email(email, "email", required=True).lower()
    invitation = (
        Invitation.objects.select_related("accepted_by")
        .filter(coalition=actor.coalition, accepted_by__email__iexact=email)
        .first()
    )
    if invitation is None:
        raise NotFound(_("No one in this coalition has that e-mail address."), "email")
    user = invitation.accepted_by
    person = Person.objects.filter(coalition=actor.coalition, user=user).first()
    if person is not None:
        return person
    person = Person.objects.create(
        coalition=actor.coalition,
        user=user,
        full_name=clean_text(
            user.display_name or user.email.split("@")[0], "full_name", max_length=160
        ),
    )
    record_by(actor, "person.create", person, ["full_name"])
    return person
