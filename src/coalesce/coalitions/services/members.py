"""Memberships: code-of-conduct acknowledgement, status, protection and contacts."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coalesce.coalitions import policy
from coalesce.coalitions.models import (
    Membership,
    MembershipStatus,
    Visibility,
)
from coalesce.coalitions.services.audit import record_by
from coalesce.coalitions.services.committees import keep_steering_seated
from coalesce.core.errors import Conflict, DomainError, NotFound
from coalesce.core.unchanged import UNCHANGED, unless_unchanged
from coalesce.core.validation import (
    clean_choice,
    clean_email,
    clean_text,
)


def clean_protection(visibility, alias, field_prefix=""):
    visibility = clean_choice(visibility, Visibility, f"{field_prefix}visibility")
    alias = clean_text(alias, f"{field_prefix}alias", max_length=80, required=False)
    if visibility == Visibility.PSEUDONYMOUS and not alias:
        raise DomainError(_("A pseudonymous membership needs an alias."), f"{field_prefix}alias")
    return visibility, alias


def membership_for_update(actor, membership_id) -> Membership:
    membership = (
        Membership.objects.select_for_update(of=("self",))
        .select_related("organisation", "person")
        .filter(coalition=actor.coalition, pk=membership_id)
        .first()
    )
    if membership is None:
        raise NotFound()
    return membership


@transaction.atomic
def acknowledge_conduct(actor, membership_id):
    membership = membership_for_update(actor, membership_id)
    policy.require(actor, "member.acknowledge_conduct", membership)
    if membership.status != MembershipStatus.AWAITING_CONDUCT:
        raise Conflict(_("This membership is not waiting for a code-of-conduct acknowledgement."))
    membership.status = MembershipStatus.ACTIVE
    membership.conduct_acknowledged_at = timezone.now()
    membership.save(update_fields=["status", "conduct_acknowledged_at"])
    return membership


ALLOWED_STATUS_CHANGES = {
    MembershipStatus.ACTIVE: {MembershipStatus.SUSPENDED, MembershipStatus.ENDED},
    MembershipStatus.SUSPENDED: {MembershipStatus.ACTIVE, MembershipStatus.ENDED},
    MembershipStatus.AWAITING_CONDUCT: {MembershipStatus.ENDED},
    MembershipStatus.ENDED: set(),
}


@transaction.atomic
def set_membership_status(actor, membership_id, *, status, reason=""):
    """Suspend, reinstate or end a membership (steering committee)."""
    membership = membership_for_update(actor, membership_id)
    policy.require(actor, "member.set_status", membership)
    status = clean_choice(status, MembershipStatus, "status")
    if status not in ALLOWED_STATUS_CHANGES[membership.status]:
        raise Conflict(
            _("A membership that is %(old)s cannot become %(new)s.")
            % {"old": membership.get_status_display().lower(), "new": status},
            "status",
        )
    reason = clean_text(
        reason, "reason", max_length=500, required=status != MembershipStatus.ACTIVE
    )
    if status != MembershipStatus.ACTIVE:
        keep_steering_seated(actor.coalition, leaving_membership_id=membership.id)
    membership.status = status
    membership.status_reason = reason
    membership.save(update_fields=["status", "status_reason"])
    record_by(actor, "membership.status", membership, ["status"])
    return membership


@transaction.atomic
def update_protection(actor, membership_id, *, visibility=UNCHANGED, alias=UNCHANGED, **contacts):
    """Change a membership's visibility, alias and encrypted contact details; what is
    left ``UNCHANGED`` (or, for a contact detail, None or not given) keeps its value."""
    membership = membership_for_update(actor, membership_id)
    policy.require(actor, "member.edit_protection", membership)
    visibility, alias = clean_protection(
        unless_unchanged(visibility, membership.visibility),
        unless_unchanged(alias, membership.alias),
    )
    unknown = set(contacts) - set(Membership.CONTACT_FIELDS)
    if unknown:
        raise DomainError(_("Unknown field."), sorted(unknown)[0])
    limits = {
        "contact_email": 254,
        "contact_phone": 40,
        "contact_address": 500,
        "contact_notes": 4000,
    }
    cleaned = {}
    for name, value in contacts.items():
        if value is None:
            continue
        cleaned[name] = (
            clean_email(value, name)
            if name == "contact_email"
            else clean_text(value, name, max_length=limits[name], required=False)
        )
    changed = [f for f, v in cleaned.items() if getattr(membership, f) != v]
    if membership.visibility != visibility:
        changed.append("visibility")
    if membership.alias != alias:
        changed.append("alias")
    membership.visibility, membership.alias = visibility, alias
    for name, value in cleaned.items():
        setattr(membership, name, value)
    membership.save()
    if changed:
        record_by(actor, "membership.update", membership, changed)
    return membership


def read_contacts(actor, membership) -> dict:
    """Contact details of a membership, for those entitled; every read is audited."""
    policy.require(actor, "member.contacts", membership)
    record_by(actor, "membership.view_contacts", membership, list(Membership.CONTACT_FIELDS))
    return {name: getattr(membership, name) for name in Membership.CONTACT_FIELDS}


def record_member_export(actor) -> None:
    """Exports can hold steering-only names: record who took one (not what it held)."""
    policy.require(actor, "members.export")
    record_by(actor, "members.export", actor.coalition, ["name", "actor_type", "country", "status"])
