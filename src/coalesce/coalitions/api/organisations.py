"""The register of organisations and people."""

from ninja import Field, Schema, Status

from coalesce.coalitions import policy, selectors, services
from coalesce.coalitions.access import api_actor
from coalesce.coalitions.api._ops import ops
from coalesce.coalitions.limits import MAX_ORGANISATION_NAME
from coalesce.coalitions.models import ActorType
from coalesce.core.api import Body, Id, Slug, Text


class OrganisationOut(Schema):
    id: int
    name: str
    actor_type: str
    actor_type_label: str
    country: str
    website: str
    focus_areas: list[str]
    membership_id: int | None = None
    is_prospective: bool


class OrganisationIn(Body):
    name: Text(MAX_ORGANISATION_NAME)
    actor_type: Text(40)
    country: Text(10)
    website: Text(200) = ""
    focus_areas: list[Text(80)] = Field(default_factory=list, max_length=30)


def _organisation_out(organisation, membership_id=None) -> dict:
    return {
        "id": organisation.id,
        "name": organisation.name,
        "actor_type": organisation.actor_type,
        "actor_type_label": str(ActorType(organisation.actor_type).label),
        "country": organisation.country.code,
        "website": organisation.website,
        "focus_areas": [a.name for a in organisation.focus_areas.all()],
        "membership_id": membership_id,
        "is_prospective": membership_id is None,
    }


@ops.get(
    "/{slug}/organisations",
    list[OrganisationOut],
    tags=["organisations"],
    description="Policy action `members.list`: organisations whose membership identity the caller "
    "may see; the steering committee (`organisations.create`) also gets prospective ones.",
)
def list_organisations(request, slug: Slug):
    actor = api_actor(request, slug, "members.list")
    rows = [_organisation_out(o, o.membership.id) for o in selectors.member_organisations(actor)]
    if policy.allows(actor, "organisations.create"):
        prospective = selectors.prospective_organisations(actor, prefetch=["focus_areas"])
        rows += [_organisation_out(o) for o in prospective]
    return rows


@ops.post("/{slug}/organisations", OrganisationOut, status=201, tags=["organisations"])
def create_organisation(request, slug: Slug, payload: OrganisationIn):
    organisation = services.create_organisation(api_actor(request, slug), **payload.dict())
    return Status(201, _organisation_out(organisation))


class PersonIn(Body):
    full_name: Text(160)
    organisation_id: Id | None = None


class PersonOut(Schema):
    id: int
    full_name: str
    organisation_id: int | None = None


@ops.post("/{slug}/people", PersonOut, status=201, tags=["organisations"])
def add_person(request, slug: Slug, payload: PersonIn):
    return Status(201, services.add_person(api_actor(request, slug), **payload.dict()))
