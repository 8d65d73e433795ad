"""Committees and their seats."""

from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from coalesce.coalitions import policy
from coalesce.coalitions.models import (
    Committee,
    CommitteeKind,
    CommitteeSeat,
    Membership,
    MembershipStatus,
    Person,
    SeatRole,
)
from coalesce.coalitions.services.rows import of_coalition
from coalesce.core.errors import Conflict, DomainError, NotFound
from coalesce.core.unchanged import UNCHANGED, unless_unchanged
from coalesce.core.validation import (
    clean_choice,
    clean_text,
)


def _committee(actor, committee_id, *, lock=False) -> Committee:
    return of_coalition(Committee.objects, actor, committee_id, lock=lock)


def _clean_committee(coalition, *, name, kind, custom_role, description, exclude_id=None):
    name = clean_text(name, "name", max_length=120)
    kind = clean_choice(kind, CommitteeKind, "kind")
    custom_role = clean_text(
        custom_role, "custom_role", max_length=120, required=kind == CommitteeKind.CUSTOM
    )
    description = clean_text(description, "description", max_length=4000, required=False)
    same_name = Committee.objects.filter(coalition=coalition, name__iexact=name)
    if exclude_id:
        same_name = same_name.exclude(pk=exclude_id)
    if same_name.exists():
        raise Conflict(_("A committee with this name already exists."), "name")
    return dict(name=name, kind=kind, custom_role=custom_role, description=description)


@transaction.atomic
def create_committee(actor, *, name, kind, custom_role="", description=""):
    policy.require(actor, "committees.create")
    fields = _clean_committee(
        actor.coalition, name=name, kind=kind, custom_role=custom_role, description=description
    )
    if kind == CommitteeKind.STEERING:
        raise Conflict(_("This coalition already has a steering committee."), "kind")
    try:
        with transaction.atomic():
            return Committee.objects.create(coalition=actor.coalition, **fields)
    except IntegrityError as error:
        raise Conflict(_("A committee with this name already exists."), "name") from error


@transaction.atomic
def update_committee(
    actor,
    committee_id,
    *,
    name=UNCHANGED,
    kind=UNCHANGED,
    custom_role=UNCHANGED,
    description=UNCHANGED,
):
    """Change a committee; an argument left ``UNCHANGED`` keeps its value."""
    committee = _committee(actor, committee_id, lock=True)
    policy.require(actor, "committee.edit", committee)
    fields = _clean_committee(
        actor.coalition,
        name=unless_unchanged(name, committee.name),
        kind=unless_unchanged(kind, committee.kind),
        custom_role=unless_unchanged(custom_role, committee.custom_role),
        description=unless_unchanged(description, committee.description),
        exclude_id=committee.id,
    )
    if (fields["kind"] == CommitteeKind.STEERING) != (committee.kind == CommitteeKind.STEERING):
        raise Conflict(_("The steering committee's role cannot be changed."), "kind")
    for key, value in fields.items():
        setattr(committee, key, value)
    committee.save()
    return committee


@transaction.atomic
def delete_committee(actor, committee_id):
    committee = _committee(actor, committee_id, lock=True)
    policy.require(actor, "committee.edit", committee)
    if committee.kind == CommitteeKind.STEERING:
        raise Conflict(_("The steering committee cannot be deleted."))
    try:
        with transaction.atomic():
            committee.delete()
    except ProtectedError as error:  # a decision rule names it as its electorate
        users = sorted({str(getattr(obj, "category", obj)) for obj in error.protected_objects})
        raise Conflict(
            _(
                "This committee votes under the decision rule of %(uses)s. Give that "
                "category another rule first."
            )
            % {"uses": ", ".join(users[:5])}
        ) from error


@transaction.atomic
def seat_member(
    actor, committee_id, *, membership_id, role=SeatRole.MEMBER, role_title="", person_id=None
):
    """Put an active member on a committee, with a leadership role if given."""
    committee = _committee(actor, committee_id, lock=True)
    policy.require(actor, "committee.seats", committee)
    membership = Membership.objects.filter(
        policy.listed_memberships_filter(actor), coalition=actor.coalition, pk=membership_id
    ).first()
    if membership is None:
        raise NotFound(_("No such member."), "membership_id")
    if membership.status != MembershipStatus.ACTIVE:
        raise Conflict(_("Only active members can sit on a committee."), "membership_id")
    role = clean_choice(role, SeatRole, "role")
    role_title = clean_text(
        role_title, "role_title", max_length=80, required=role == SeatRole.CUSTOM
    )
    person = None
    if person_id is not None:
        person = Person.objects.filter(pk=person_id, coalition=actor.coalition).first()
        belongs = person is not None and (
            person.organisation_id == membership.organisation_id
            if membership.organisation_id
            else person.id == membership.person_id
        )
        if not belongs:
            raise DomainError(_("This person does not represent that member."), "person_id")
    seat, created = CommitteeSeat.objects.update_or_create(
        committee=committee,
        membership=membership,
        defaults={"role": role, "role_title": role_title, "person": person},
    )
    return seat


def keep_steering_seated(coalition, *, leaving_membership_id):
    """A coalition with members always has someone on its steering committee: the last
    active member seated there cannot leave it, be suspended or end their membership."""
    others = CommitteeSeat.objects.filter(
        committee__coalition=coalition,
        committee__kind=CommitteeKind.STEERING,
        membership__status=MembershipStatus.ACTIVE,
    ).exclude(membership_id=leaving_membership_id)
    seated = CommitteeSeat.objects.filter(
        committee__coalition=coalition,
        committee__kind=CommitteeKind.STEERING,
        membership_id=leaving_membership_id,
    )
    if seated.exists() and not others.exists():
        raise Conflict(
            _(
                "This is the last active member on the steering committee. Seat another "
                "member there first, so that someone can still admit and review members."
            ),
            "membership_id",
        )


@transaction.atomic
def unseat_member(actor, committee_id, *, membership_id):
    committee = _committee(actor, committee_id, lock=True)
    policy.require(actor, "committee.seats", committee)
    if committee.kind == CommitteeKind.STEERING:
        keep_steering_seated(actor.coalition, leaving_membership_id=membership_id)
    deleted, _count = CommitteeSeat.objects.filter(
        committee=committee, membership_id=membership_id
    ).delete()
    if not deleted:
        raise NotFound(_("This member is not on the committee."), "membership_id")
