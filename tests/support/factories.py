"""Test data built through the real services where it matters, directly where it does not."""

import itertools

from coalesce.accounts.models import User
from coalesce.coalitions import services
from coalesce.coalitions.models import (
    CoalitionStaff,
    Committee,
    CommitteeKind,
    CommitteeSeat,
    FocusArea,
    Membership,
    MembershipStatus,
    Organisation,
    Person,
    SeatRole,
    StaffRole,
    Visibility,
)

PASSWORD = "correct horse battery staple"
_counter = itertools.count(1)


def make_user(email=None, name="") -> User:
    n = next(_counter)
    return User.objects.create_user(email or f"user{n}@example.org", PASSWORD, display_name=name)


def make_coalition(admin=None, **fields):
    admin = admin or make_user()
    n = next(_counter)
    fields.setdefault("name", f"Coalition {n}")
    fields.setdefault("slug", f"coalition-{n}")
    return services.create_coalition(user=admin, **fields)


def make_member(
    coalition,
    *,
    user=None,
    name=None,
    actor_type="cso",
    country="KE",
    visibility=Visibility.MEMBERS,
    alias="",
    status=MembershipStatus.ACTIVE,
    person_name=None,
    contacts=None,
) -> Membership:
    """An organisation member with one representative person (linked to ``user``)."""
    n = next(_counter)
    organisation = Organisation.objects.create(
        coalition=coalition,
        name=name or f"Organisation {n}",
        actor_type=actor_type,
        country=country,
    )
    Person.objects.create(
        coalition=coalition,
        organisation=organisation,
        user=user,
        full_name=person_name or f"Person {n}",
    )
    return Membership.objects.create(
        coalition=coalition,
        organisation=organisation,
        visibility=visibility,
        alias=alias or (f"Alias {n}" if visibility == Visibility.PSEUDONYMOUS else ""),
        status=status,
        **(contacts or {}),
    )


def seat(committee, membership, role=SeatRole.MEMBER):
    return CommitteeSeat.objects.create(committee=committee, membership=membership, role=role)


def steering(coalition) -> Committee:
    return Committee.objects.get(coalition=coalition, kind=CommitteeKind.STEERING)


def make_staff(coalition, user, role=StaffRole.CUSTODIAN):
    return CoalitionStaff.objects.create(coalition=coalition, user=user, role=role)


def focus(coalition, name):
    return FocusArea.objects.create(coalition=coalition, name=name)
