"""Founding a coalition and changing its settings."""

import re

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from coalesce.audit.log import record
from coalesce.coalitions import policy
from coalesce.coalitions.limits import MAX_COALITION_NAME, MAX_ORGANISATION_NAME
from coalesce.coalitions.models import (
    ApplicantKind,
    CharterPolicy,
    Coalition,
    CoalitionStaff,
    Committee,
    CommitteeKind,
    CommitteeSeat,
    JoinMode,
    Membership,
    MembershipStatus,
    Person,
    PolicyKind,
    SeatRole,
    StaffRole,
    Visibility,
)
from coalesce.coalitions.services.members import clean_protection
from coalesce.coalitions.services.organisations import new_organisation
from coalesce.core.errors import Conflict, DomainError
from coalesce.core.localisation import clean_time_zone
from coalesce.core.unchanged import UNCHANGED, unless_unchanged
from coalesce.core.validation import (
    clean_choice,
    clean_country,
    clean_text,
)

SLUG_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{1,58}$")


@transaction.atomic
def create_coalition(
    *, user, name, purpose="", slug="", languages="en", time_zone="UTC", has_public_page=True
):
    name = clean_text(name, "name", max_length=MAX_COALITION_NAME)
    purpose = clean_text(purpose, "purpose", max_length=4000, required=False)
    slug = (slug or slugify(name))[:60].strip("-")
    if not SLUG_PATTERN.match(slug):
        raise DomainError(_("Use lower-case letters, digits and hyphens for the address."), "slug")
    if Coalition.objects.filter(slug=slug).exists():
        raise Conflict(_("A coalition with this address already exists."), "slug")
    coalition = Coalition.objects.create(
        name=name,
        slug=slug,
        purpose=purpose,
        languages=clean_text(languages, "languages", max_length=120, required=False) or "en",
        time_zone=clean_time_zone(time_zone or "UTC"),
        has_public_page=bool(has_public_page),
    )
    CharterPolicy.objects.bulk_create(
        CharterPolicy(coalition=coalition, kind=kind) for kind in PolicyKind.values
    )
    Committee.objects.create(
        coalition=coalition, name=_("Steering committee"), kind=CommitteeKind.STEERING
    )
    CoalitionStaff.objects.create(coalition=coalition, user=user, role=StaffRole.ADMIN)
    return coalition


@transaction.atomic
def found_coalition(
    *,
    user,
    name,
    purpose="",
    slug="",
    languages="en",
    time_zone="UTC",
    has_public_page=True,
    join_mode=JoinMode.INVITATION,
    founder_kind=ApplicantKind.ORGANISATION,
    organisation_name="",
    actor_type="",
    country="",
    person_name="",
    visibility=Visibility.MEMBERS,
    alias="",
):
    """Found a coalition: its creator becomes the first active member (through the
    organisation they name, or as an individual) with the code of conduct acknowledged,
    chair of the steering committee and administrator — so they can admit others."""
    if user is None or not user.is_authenticated:
        raise DomainError(_("Sign in to found a coalition."))
    join_mode = clean_choice(join_mode, JoinMode, "join_mode")
    founder_kind = clean_choice(founder_kind, ApplicantKind, "founder_kind")
    # An account without a display name is still somebody: the e-mail's name part.
    person_name = clean_text(
        person_name or user.display_name or user.email.split("@")[0],
        "person_name",
        max_length=160,
    )
    visibility, alias = clean_protection(visibility, alias)
    coalition = create_coalition(
        user=user,
        name=name,
        purpose=purpose,
        slug=slug,
        languages=languages,
        time_zone=time_zone,
        has_public_page=has_public_page,
    )
    coalition.join_mode = join_mode
    coalition.save(update_fields=["join_mode"])
    organisation = _founding_organisation(
        coalition,
        founder_kind,
        organisation_name=organisation_name,
        actor_type=actor_type,
        country=country,
    )
    _seat_founder(
        coalition,
        user,
        organisation,
        person_name=person_name,
        visibility=visibility,
        alias=alias,
    )
    return coalition


def _founding_organisation(coalition, founder_kind, *, organisation_name, actor_type, country):
    """The organisation the founder joins through, or None for an individual founder."""
    if founder_kind != ApplicantKind.ORGANISATION:
        if country:
            clean_country(country)
        return None
    return new_organisation(
        coalition,
        name=clean_text(organisation_name, "organisation_name", max_length=MAX_ORGANISATION_NAME),
        actor_type=actor_type,
        country=country,
    )


def _seat_founder(coalition, user, organisation, *, person_name, visibility, alias):
    """The founder's person and active membership, chairing the steering committee."""
    person = Person.objects.create(
        coalition=coalition, organisation=organisation, user=user, full_name=person_name
    )
    membership = Membership.objects.create(
        coalition=coalition,
        organisation=organisation,
        person=None if organisation else person,
        status=MembershipStatus.ACTIVE,
        conduct_acknowledged_at=timezone.now(),
        visibility=visibility,
        alias=alias,
    )
    CommitteeSeat.objects.create(
        committee=Committee.objects.get(coalition=coalition, kind=CommitteeKind.STEERING),
        membership=membership,
        person=person,
        role=SeatRole.CHAIR,
    )
    record(
        actor=user,
        action="coalition.found",
        obj=membership,
        coalition=coalition,
        fields=["visibility", "alias"],
    )


@transaction.atomic
def update_coalition(
    actor,
    *,
    name=UNCHANGED,
    purpose=UNCHANGED,
    languages=UNCHANGED,
    time_zone=UNCHANGED,
    has_public_page=UNCHANGED,
    join_mode=UNCHANGED,
):
    """Change the coalition's settings; an argument left ``UNCHANGED`` keeps its value
    (as does an empty ``join_mode`` or ``time_zone``)."""
    policy.require(actor, "coalition.edit")
    coalition = actor.coalition
    name = unless_unchanged(name, coalition.name)
    purpose = unless_unchanged(purpose, coalition.purpose)
    languages = unless_unchanged(languages, coalition.languages)
    has_public_page = unless_unchanged(has_public_page, coalition.has_public_page)
    coalition.name = clean_text(name, "name", max_length=MAX_COALITION_NAME)
    coalition.purpose = clean_text(purpose, "purpose", max_length=4000, required=False)
    coalition.languages = clean_text(languages, "languages", max_length=120, required=False)
    coalition.has_public_page = bool(has_public_page)
    if time_zone is not UNCHANGED and time_zone:
        coalition.time_zone = clean_time_zone(time_zone)
    if join_mode is not UNCHANGED and join_mode:
        coalition.join_mode = clean_choice(join_mode, JoinMode, "join_mode")
    coalition.save()
    return coalition
