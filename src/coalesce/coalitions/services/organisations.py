"""The register of organisations and people.

``update_organisation`` exists so that the demo (``demo.coalition``) can be built through
the front door: a coalition founded through an organisation gets its focus areas and
website afterwards."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from coalesce.coalitions import policy
from coalesce.coalitions.limits import MAX_ORGANISATION_NAME
from coalesce.coalitions.models import (
    ActorType,
    Organisation,
    Person,
    name_is,
)
from coalesce.coalitions.services.audit import record_by
from coalesce.coalitions.services.charter import focus_areas_by_name
from coalesce.coalitions.services.rows import of_coalition
from coalesce.core.errors import Conflict, NotFound
from coalesce.core.validation import (
    clean_choice,
    clean_country,
    clean_text,
    clean_url,
)


def _ensure_unique_organisation(coalition, name):
    if Organisation.objects.filter(name_is(name, coalition)).exists():
        raise Conflict(_("An organisation with this name is already registered."), "name")


def unattached_organisation(coalition, name) -> Organisation | None:
    """An organisation registered in the coalition under ``name`` that is not a member
    (a prospective partner the steering committee registered): its application takes it
    up rather than being refused as "already registered"."""
    return Organisation.objects.filter(name_is(name, coalition), membership__isnull=True).first()


def ensure_organisation_may_apply(coalition, name):
    if unattached_organisation(coalition, name) is None:
        _ensure_unique_organisation(coalition, name)


def new_organisation(coalition, *, name, actor_type, country, website="", focus_areas=()):
    name = clean_text(name, "name", max_length=MAX_ORGANISATION_NAME)
    actor_type = clean_choice(actor_type, ActorType, "actor_type")
    country = clean_country(country)
    website = clean_url(website)
    areas = focus_areas_by_name(coalition, focus_areas)
    _ensure_unique_organisation(coalition, name)
    try:
        with transaction.atomic():
            organisation = Organisation.objects.create(
                coalition=coalition,
                name=name,
                actor_type=actor_type,
                country=country,
                website=website,
            )
    except IntegrityError as error:  # a concurrent request registered the same name
        raise Conflict(
            _("An organisation with this name is already registered."), "name"
        ) from error
    organisation.focus_areas.set(areas)
    return organisation


@transaction.atomic
def create_organisation(actor, **fields):
    """Register an organisation that is not (yet) a member: a prospective partner."""
    policy.require(actor, "organisations.create")
    return new_organisation(actor.coalition, **fields)


@transaction.atomic
def add_person(actor, *, full_name, organisation_id=None):
    policy.require(actor, "people.create")
    organisation = None
    if organisation_id is not None:
        organisation = Organisation.objects.filter(
            coalition=actor.coalition, pk=organisation_id
        ).first()
        if organisation is None:
            raise NotFound(_("No such organisation in this coalition."), "organisation_id")
    full_name = clean_text(full_name, "full_name", max_length=160)
    return Person.objects.create(
        coalition=actor.coalition, organisation=organisation, full_name=full_name
    )


@transaction.atomic
def update_organisation(actor, organisation_id, *, actor_type, country, website="", focus_areas=()):
    """Correct a registered organisation's actor type, country, website and focus areas
    (the steering committee keeps the register). Its name stays."""
    policy.require(actor, "organisations.create")
    organisation = of_coalition(
        Organisation.objects,
        actor,
        organisation_id,
        lock=True,
        message=_("No such organisation in this coalition."),
        field="organisation_id",
    )
    organisation.actor_type = clean_choice(actor_type, ActorType, "actor_type")
    organisation.country = clean_country(country)
    organisation.website = clean_url(website)
    areas = focus_areas_by_name(actor.coalition, focus_areas)
    organisation.save(update_fields=["actor_type", "country", "website"])
    organisation.focus_areas.set(areas)
    record_by(
        actor,
        "organisation.update",
        organisation,
        ["actor_type", "country", "website", "focus_areas"],
    )
    return organisation
