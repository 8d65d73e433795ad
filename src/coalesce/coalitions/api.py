"""JSON operations for coalitions: thin wrappers over the same policy, services and selectors
as the pages.

Every operation under ``/coalitions/{slug}`` loads the coalition (404 if missing),
works out the actor once with ``policy.actor_for`` and then either calls a service
(which checks the policy itself) or checks the read's action with ``policy.require``
before calling a selector. Names, organisations, actor types, countries and people of
a membership appear only through ``selectors.member_row``/``representatives``, which
mask them unless ``policy.sees_identity``; contact details only through the audited
``services.read_contacts``.

Choice fields (``actor_type``, ``kind``, ``status``, ``visibility``…) are plain strings
here so that an unknown value reaches the service and is answered 400 with the field.
"""

from dataclasses import asdict
from datetime import date, datetime
from typing import Annotated

from ninja import Field, Path, Query, Router, Schema, Status

from coalesce.accounts.api_auth import PROTECTED, PUBLIC, user_of
from coalesce.coalitions import policy, selectors, services
from coalesce.coalitions.access import api_actor
from coalesce.coalitions.limits import MAX_COALITION_NAME, MAX_ORGANISATION_NAME
from coalesce.coalitions.models import (
    ActorType,
    MembershipStatus,
    PolicyKind,
)
from coalesce.core.api import (
    ANONYMOUS_WELCOME,
    ERRORS,
    Body,
    ErrorOut,
    Flag,
    Id,
    PathId,
    Slug,
    Text,
)
from coalesce.core.errors import NotFound
from coalesce.core.validation import clean_choice, clean_country

router = Router(auth=PROTECTED)


# --- coalitions ---------------------------------------------------------------------


class CoalitionSummary(Schema):
    slug: str
    name: str
    purpose: str
    has_public_page: bool
    is_mine: bool


class CoalitionOut(Schema):
    slug: str
    name: str
    purpose: str
    languages: str
    has_public_page: bool
    join_mode: str = Field(description="invitation (by invitation only) or open (applications)")
    full: bool = Field(description="True when the caller sees the members' view.")
    roles: list[str]
    created_at: datetime | None = None
    charter_percent_agreed: int | None = None
    members_listed: int | None = None


class CoalitionIn(Body):
    """Found a coalition: the caller becomes its first active member (for the organisation
    named here, or as an individual), chair of its steering committee and admin."""

    name: Text(MAX_COALITION_NAME)
    purpose: Text(4000) = ""
    slug: Text(60) = ""
    languages: Text(120) = "en"
    has_public_page: Flag = True
    join_mode: Text(20) = Field("invitation", description="invitation or open")
    founder_kind: Text(20) = Field("organisation", description="organisation or person")
    organisation_name: Text(MAX_ORGANISATION_NAME) = Field(
        "", description="When founder_kind is organisation."
    )
    actor_type: Text(40) = ""
    country: Text(60) = ""
    person_name: Text(160) = Field("", description="Your name; your display name if empty.")
    visibility: Text(20) = "members"
    alias: Text(80) = ""


class CoalitionPatch(Body):
    name: Text(MAX_COALITION_NAME) | None = None
    purpose: Text(4000) | None = None
    languages: Text(120) | None = None
    has_public_page: Flag | None = None
    join_mode: Text(20) | None = None


def _coalition_out(actor) -> dict:
    coalition = actor.coalition
    out = {
        "slug": coalition.slug,
        "name": coalition.name,
        "purpose": coalition.purpose,
        "languages": coalition.languages,
        "has_public_page": coalition.has_public_page,
        "join_mode": coalition.join_mode,
        "full": actor.is_member_level,
        "roles": sorted(str(r) for r in actor.roles),
    }
    if actor.is_member_level:
        _rows, listed = selectors.member_directory(actor, limit=0)
        out |= {
            "created_at": coalition.created_at,
            "charter_percent_agreed": selectors.charter(coalition)["percent_agreed"],
            "members_listed": listed,
        }
    return out


@router.get(
    "",
    auth=PUBLIC,
    openapi_extra=ANONYMOUS_WELCOME,
    response={200: list[CoalitionSummary], ERRORS: ErrorOut},
    operation_id="list_coalitions",
    tags=["coalitions"],
    summary="Coalitions I belong to, then others with a public page",
)
def list_coalitions(request):
    mine, public = selectors.coalitions_for(user_of(request))

    def row(c, is_mine):
        return {
            "slug": c.slug,
            "name": c.name,
            "purpose": c.purpose,
            "has_public_page": c.has_public_page,
            "is_mine": is_mine,
        }

    return [row(c, True) for c in mine] + [row(c, False) for c in public[:200]]


@router.post(
    "",
    response={201: CoalitionOut, ERRORS: ErrorOut},
    operation_id="create_coalition",
    tags=["coalitions"],
)
def create_coalition(request, payload: CoalitionIn):
    coalition = services.found_coalition(user=user_of(request), **payload.dict())
    return Status(201, _coalition_out(policy.actor_for(user_of(request), coalition)))


@router.get(
    "/{slug}",
    auth=PUBLIC,
    openapi_extra=ANONYMOUS_WELCOME,
    response={200: CoalitionOut, ERRORS: ErrorOut},
    operation_id="get_coalition",
    tags=["coalitions"],
    description="Policy action `coalition.public_page`; members get the full view.",
)
def get_coalition(request, slug: Slug):
    actor = api_actor(request, slug)
    policy.require(actor, "coalition.public_page")
    return _coalition_out(actor)


@router.patch(
    "/{slug}",
    response={200: CoalitionOut, ERRORS: ErrorOut},
    operation_id="update_coalition",
    tags=["coalitions"],
)
def update_coalition(request, slug: Slug, payload: CoalitionPatch):
    actor = api_actor(request, slug)
    current = actor.coalition
    data = payload.dict(exclude_none=True)
    services.update_coalition(
        actor,
        name=data.get("name", current.name),
        purpose=data.get("purpose", current.purpose),
        languages=data.get("languages", current.languages),
        has_public_page=data.get("has_public_page", current.has_public_page),
        join_mode=data.get("join_mode"),
    )
    return _coalition_out(actor)


# --- charter and focus areas --------------------------------------------------------


class PolicyOut(Schema):
    kind: str
    kind_label: str
    status: str
    text: str
    agreed_on: date | None = None
    updated_at: datetime | None = None


class CharterOut(Schema):
    policies: list[PolicyOut]
    counts: dict[str, int]
    percent_agreed: int


class PolicyIn(Body):
    status: Text(20)
    text: Text(20000) = ""
    agreed_on: date | None = None


def _policy_out(item) -> dict:
    return {
        "kind": item.kind,
        "kind_label": str(PolicyKind(item.kind).label),
        "status": item.status,
        "text": item.text,
        "agreed_on": item.agreed_on,
        "updated_at": item.updated_at,
    }


@router.get(
    "/{slug}/charter",
    response={200: CharterOut, ERRORS: ErrorOut},
    operation_id="get_charter",
    tags=["charter"],
)
def get_charter(request, slug: Slug):
    actor = api_actor(request, slug)
    policy.require(actor, "charter.view")
    found = selectors.charter(actor.coalition)
    return {
        "policies": [_policy_out(p) for p in found["policies"]],
        "counts": found["counts"],
        "percent_agreed": found["percent_agreed"],
    }


@router.put(
    "/{slug}/charter/{kind}",
    response={200: PolicyOut, ERRORS: ErrorOut},
    operation_id="update_charter_policy",
    tags=["charter"],
)
def update_charter_policy(
    request, slug: Slug, kind: Annotated[str, Path(max_length=40)], payload: PolicyIn
):
    actor = api_actor(request, slug)
    item = services.update_policy(actor, kind=kind, **payload.dict())
    return _policy_out(item)


class FocusAreaOut(Schema):
    id: int
    name: str


class FocusAreaIn(Body):
    name: Text(80)


@router.get(
    "/{slug}/focus-areas",
    response={200: list[FocusAreaOut], ERRORS: ErrorOut},
    operation_id="list_focus_areas",
    tags=["charter"],
    description="Policy action `requirements.view`: applicants need the names to apply.",
)
def list_focus_areas(request, slug: Slug):
    actor = api_actor(request, slug)
    policy.require(actor, "requirements.view")
    return [{"id": a.id, "name": a.name} for a in actor.coalition.focus_areas.order_by("name")]


@router.post(
    "/{slug}/focus-areas",
    response={201: FocusAreaOut, ERRORS: ErrorOut},
    operation_id="add_focus_area",
    tags=["charter"],
)
def add_focus_area(request, slug: Slug, payload: FocusAreaIn):
    area = services.add_focus_area(api_actor(request, slug), name=payload.name)
    return Status(201, {"id": area.id, "name": area.name})


# --- organisations and people -------------------------------------------------------


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


@router.get(
    "/{slug}/organisations",
    response={200: list[OrganisationOut], ERRORS: ErrorOut},
    operation_id="list_organisations",
    tags=["organisations"],
    description=(
        "Policy action `members.list`: organisations whose membership identity the caller "
        "may see; the steering committee (`organisations.create`) also gets prospective ones."
    ),
)
def list_organisations(request, slug: Slug):
    actor = api_actor(request, slug)
    policy.require(actor, "members.list")
    rows = [_organisation_out(o, o.membership.id) for o in selectors.member_organisations(actor)]
    if policy.allows(actor, "organisations.create"):
        prospective = selectors.prospective_organisations(actor, prefetch=["focus_areas"])
        rows += [_organisation_out(o) for o in prospective]
    return rows


@router.post(
    "/{slug}/organisations",
    response={201: OrganisationOut, ERRORS: ErrorOut},
    operation_id="create_organisation",
    tags=["organisations"],
)
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


@router.post(
    "/{slug}/people",
    response={201: PersonOut, ERRORS: ErrorOut},
    operation_id="add_person",
    tags=["organisations"],
)
def add_person(request, slug: Slug, payload: PersonIn):
    person = services.add_person(api_actor(request, slug), **payload.dict())
    return Status(
        201,
        {
            "id": person.id,
            "full_name": person.full_name,
            "organisation_id": person.organisation_id,
        },
    )


# --- memberships --------------------------------------------------------------------


class MemberOut(Schema):
    id: int
    name: str = Field(description="The real name, or the alias when the identity is hidden.")
    is_alias: bool
    kind: str
    actor_type: str
    actor_type_code: str
    country: str
    country_code: str
    status: str
    status_label: str
    visibility: str
    is_own: bool


class MemberDetail(MemberOut):
    representatives: list[str]


class MemberPage(Schema):
    total: int
    offset: int
    limit: int
    items: list[MemberOut]


class MemberFilters(Schema):
    q: Text(100) = ""
    actor_type: Text(40) = ""
    country: Text(10) = ""
    status: Text(20) = ""
    offset: int = Field(0, ge=0, le=1_000_000)
    limit: int = Field(50, ge=1, le=200)


class ContactsOut(Schema):
    contact_email: str
    contact_phone: str
    contact_address: str
    contact_notes: str


class ProtectionIn(Body):
    visibility: Text(20) | None = None
    alias: Text(80) | None = None
    contact_email: Text(254) | None = None
    contact_phone: Text(40) | None = None
    contact_address: Text(500) | None = None
    contact_notes: Text(4000) | None = None


class StatusIn(Body):
    status: Text(20)
    reason: Text(500) = ""


def _plain(row) -> dict:
    """A selector's dataclass as a dict, translated labels made plain strings."""
    return {k: v if isinstance(v, bool | int) else str(v) for k, v in asdict(row).items()}


def _member_out(actor, membership) -> dict:
    return _plain(selectors.member_row(actor, membership))


@router.get(
    "/{slug}/memberships",
    auth=PUBLIC,
    openapi_extra=ANONYMOUS_WELCOME,
    response={200: MemberPage, ERRORS: ErrorOut},
    operation_id="list_members",
    tags=["memberships"],
    description=(
        "Policy action `members.list`; anyone allowed `coalition.public_page` gets the "
        "public members only. Filters look only at identities the caller may see."
    ),
)
def list_members(request, slug: Slug, filters: Query[MemberFilters]):
    actor = api_actor(request, slug)
    if not policy.allows(actor, "members.list"):
        policy.require(actor, "coalition.public_page")
    if filters.actor_type:
        clean_choice(filters.actor_type, ActorType, "actor_type")
    if filters.status:
        clean_choice(filters.status, MembershipStatus, "status")
    country = clean_country(filters.country) if filters.country else ""
    rows, total = selectors.member_directory(
        actor,
        query=filters.q,
        actor_type=filters.actor_type,
        country=country,
        status=filters.status,
        offset=filters.offset,
        limit=filters.limit,
    )
    return {
        "total": total,
        "offset": filters.offset,
        "limit": filters.limit,
        "items": [_plain(r) for r in rows],
    }


@router.get(
    "/{slug}/memberships/{membership_id}",
    response={200: MemberDetail, ERRORS: ErrorOut},
    operation_id="get_member",
    tags=["memberships"],
)
def get_member(request, slug: Slug, membership_id: PathId):
    actor = api_actor(request, slug)
    membership = selectors.visible_membership(actor, membership_id)
    policy.require(actor, "member.view", membership)
    return {
        **_member_out(actor, membership),
        "representatives": selectors.representatives(actor, membership),
    }


@router.post(
    "/{slug}/memberships/{membership_id}/contacts",
    response={200: ContactsOut, ERRORS: ErrorOut},
    operation_id="read_member_contacts",
    tags=["memberships"],
    description="Policy action `member.contacts`. A POST because every read is audited.",
)
def read_member_contacts(request, slug: Slug, membership_id: PathId):
    actor = api_actor(request, slug)
    membership = selectors.visible_membership(actor, membership_id)
    return services.read_contacts(actor, membership)


@router.patch(
    "/{slug}/memberships/{membership_id}/protection",
    response={200: MemberOut, ERRORS: ErrorOut},
    operation_id="update_member_protection",
    tags=["memberships"],
    description=(
        "Policy action `member.edit_protection`. Omitted fields keep their value; "
        "contact details are write-only here (read them with read_member_contacts)."
    ),
)
def update_member_protection(request, slug: Slug, membership_id: PathId, payload: ProtectionIn):
    actor = api_actor(request, slug)
    current = selectors.visible_membership(actor, membership_id)
    data = payload.dict(exclude_none=True)
    visibility = data.pop("visibility", current.visibility)
    alias = data.pop("alias", current.alias)
    membership = services.update_protection(
        actor, membership_id, visibility=visibility, alias=alias, **data
    )
    return _member_out(actor, membership)


@router.post(
    "/{slug}/memberships/{membership_id}/status",
    response={200: MemberOut, ERRORS: ErrorOut},
    operation_id="set_member_status",
    tags=["memberships"],
)
def set_member_status(request, slug: Slug, membership_id: PathId, payload: StatusIn):
    actor = api_actor(request, slug)
    membership = services.set_membership_status(actor, membership_id, **payload.dict())
    return _member_out(actor, membership)


@router.post(
    "/{slug}/memberships/{membership_id}/acknowledge-conduct",
    response={200: MemberOut, ERRORS: ErrorOut},
    operation_id="acknowledge_conduct",
    tags=["memberships"],
)
def acknowledge_conduct(request, slug: Slug, membership_id: PathId):
    actor = api_actor(request, slug)
    membership = services.acknowledge_conduct(actor, membership_id)
    # The membership is active now: work the roles out again for the answer.
    return _member_out(policy.actor_for(actor.user, actor.coalition), membership)


# --- eligibility requirements -------------------------------------------------------


class RequirementOut(Schema):
    id: int
    text: str
    position: int


class RequirementIn(Body):
    text: Text(500)


@router.get(
    "/{slug}/requirements",
    response={200: list[RequirementOut], ERRORS: ErrorOut},
    operation_id="list_requirements",
    tags=["requirements"],
)
def list_requirements(request, slug: Slug):
    actor = api_actor(request, slug)
    policy.require(actor, "requirements.view")
    return [
        {"id": r.id, "text": r.text, "position": r.position}
        for r in selectors.active_requirements(actor)
    ]


@router.post(
    "/{slug}/requirements",
    response={201: RequirementOut, ERRORS: ErrorOut},
    operation_id="add_requirement",
    tags=["requirements"],
)
def add_requirement(request, slug: Slug, payload: RequirementIn):
    item = services.add_requirement(api_actor(request, slug), text=payload.text)
    return Status(201, {"id": item.id, "text": item.text, "position": item.position})


@router.delete(
    "/{slug}/requirements/{requirement_id}",
    response={204: None, ERRORS: ErrorOut},
    operation_id="retire_requirement",
    tags=["requirements"],
)
def retire_requirement(request, slug: Slug, requirement_id: PathId):
    services.retire_requirement(api_actor(request, slug), requirement_id)
    return Status(204, None)


# --- applications -------------------------------------------------------------------


class ApplicationSummary(Schema):
    id: int
    kind: str
    status: str
    display_name: str
    created_at: datetime


class AnswerOut(Schema):
    requirement_id: int
    answer: str


class ApplicationOut(ApplicationSummary):
    person_name: str
    organisation_name: str
    actor_type: str
    country: str
    website: str
    statement: str
    requested_visibility: str
    alias: str
    focus_areas: list[str]
    answers: list[AnswerOut]
    reason: str
    decided_at: datetime | None = None
    membership_id: int | None = None


class ApplicationIn(Body):
    kind: Text(20)
    person_name: Text(160)
    organisation_name: Text(MAX_ORGANISATION_NAME) = ""
    actor_type: Text(40) = ""
    country: Text(10) = ""
    website: Text(200) = ""
    focus_areas: list[Text(80)] = Field(default_factory=list, max_length=30)
    statement: Text(4000) = ""
    visibility: Text(20) = "members"
    alias: Text(80) = ""
    contact_email: Text(254) = ""
    contact_phone: Text(40) = ""
    answers: dict[Text(12), Text(2000)] = Field(
        default_factory=dict,
        max_length=100,
        description='Answers by requirement id: {"12": "We are registered in …"}.',
    )


class DecisionIn(Body):
    approve: Flag
    reason: Text(1000) = ""


def _summary(application) -> dict:
    return {
        "id": application.id,
        "kind": application.kind,
        "status": application.status,
        "display_name": application.display_name,
        "created_at": application.created_at,
    }


def _application_out(actor, application_id) -> dict:
    """The application as the page shows it to ``actor`` (``selectors.application_view``:
    masked like the membership it became)."""
    view = selectors.application_view(actor, selectors.application(actor, application_id))
    return {
        "id": view.id,
        "kind": view.kind,
        "status": view.status,
        "display_name": view.name,
        "created_at": view.created_at,
        "person_name": view.person_name,
        "organisation_name": view.organisation_name,
        "actor_type": view.actor_type,
        "country": view.country,
        "website": view.website,
        "statement": view.statement,
        "requested_visibility": view.requested_visibility,
        "alias": view.alias,
        "focus_areas": list(view.focus_areas),
        "answers": [{"requirement_id": a.requirement_id, "answer": a.answer} for a in view.answers],
        "reason": view.reason,
        "decided_at": view.decided_at,
        "membership_id": view.membership_id,
    }


@router.get(
    "/{slug}/applications",
    response={200: list[ApplicationSummary], ERRORS: ErrorOut},
    operation_id="list_applications",
    tags=["applications"],
    description="Pending applications (policy action `applications.list`).",
)
def list_applications(request, slug: Slug):
    actor = api_actor(request, slug)
    policy.require(actor, "applications.list")
    return [_summary(a) for a in selectors.pending_applications(actor)]


@router.post(
    "/{slug}/applications",
    response={201: ApplicationOut, ERRORS: ErrorOut},
    operation_id="submit_application",
    tags=["applications"],
)
def submit_application(request, slug: Slug, payload: ApplicationIn):
    actor = api_actor(request, slug)
    application = services.submit_application(actor, **payload.dict())
    return Status(201, _application_out(actor, application.id))


@router.get(
    "/{slug}/applications/{application_id}",
    response={200: ApplicationOut, ERRORS: ErrorOut},
    operation_id="get_application",
    tags=["applications"],
)
def get_application(request, slug: Slug, application_id: PathId):
    return _application_out(api_actor(request, slug), application_id)


@router.post(
    "/{slug}/applications/{application_id}/decision",
    response={200: ApplicationOut, ERRORS: ErrorOut},
    operation_id="decide_application",
    tags=["applications"],
)
def decide_application(request, slug: Slug, application_id: PathId, payload: DecisionIn):
    actor = api_actor(request, slug)
    services.decide_application(
        actor, application_id, **payload.dict(), link_for=request.build_absolute_uri
    )
    return _application_out(actor, application_id)


@router.post(
    "/{slug}/applications/{application_id}/withdraw",
    response={200: ApplicationOut, ERRORS: ErrorOut},
    operation_id="withdraw_application",
    tags=["applications"],
)
def withdraw_application(request, slug: Slug, application_id: PathId):
    actor = api_actor(request, slug)
    services.withdraw_application(actor, application_id)
    return _application_out(actor, application_id)


# --- committees ---------------------------------------------------------------------


class SeatOut(Schema):
    membership_id: int
    label: str = Field(description="Alias for a hidden member; '<person> (<member>)' if shown.")
    role: str
    role_title: str


class CommitteeOut(Schema):
    id: int
    name: str
    kind: str
    custom_role: str
    description: str
    seats: list[SeatOut]


class CommitteePage(Schema):
    offset: int = Field(0, ge=0, le=1_000_000)
    limit: int = Field(50, ge=1, le=200, description="Committees per page, with their seats.")


class CommitteeIn(Body):
    name: Text(120)
    kind: Text(20)
    custom_role: Text(120) = ""
    description: Text(4000) = ""


class CommitteePatch(Body):
    name: Text(120) | None = None
    kind: Text(20) | None = None
    custom_role: Text(120) | None = None
    description: Text(4000) | None = None


class SeatIn(Body):
    role: Text(20) = "member"
    role_title: Text(80) = ""
    person_id: Id | None = None


def _seat_out(actor, seat) -> dict:
    return {
        "membership_id": seat.membership_id,
        "label": selectors.seat_label(actor, seat),
        "role": seat.role,
        "role_title": seat.role_title,
    }


def _committee_out(actor, committee) -> dict:
    return {
        "id": committee.id,
        "name": committee.name,
        "kind": committee.kind,
        "custom_role": committee.custom_role,
        "description": committee.description,
        "seats": [_seat_out(actor, s) for s in getattr(committee, "visible_seats", [])],
    }


def _visible_committee(actor, committee_id):
    for committee in selectors.committees(actor, committee_id=committee_id):
        return committee
    raise NotFound()


@router.get(
    "/{slug}/committees",
    response={200: list[CommitteeOut], ERRORS: ErrorOut},
    operation_id="list_committees",
    tags=["committees"],
)
def list_committees(request, slug: Slug, page: Query[CommitteePage]):
    actor = api_actor(request, slug)
    policy.require(actor, "committees.list")
    rows = selectors.committees(actor, offset=page.offset, limit=page.limit)
    return [_committee_out(actor, c) for c in rows]


@router.post(
    "/{slug}/committees",
    response={201: CommitteeOut, ERRORS: ErrorOut},
    operation_id="create_committee",
    tags=["committees"],
)
def create_committee(request, slug: Slug, payload: CommitteeIn):
    actor = api_actor(request, slug)
    committee = services.create_committee(actor, **payload.dict())
    return Status(201, _committee_out(actor, _visible_committee(actor, committee.id)))


@router.get(
    "/{slug}/committees/uncovered-members",
    response={200: list[MemberOut], ERRORS: ErrorOut},
    operation_id="list_uncovered_members",
    tags=["committees"],
    description="Active members on no committee (policy action `committees.list`).",
)
def list_uncovered_members(request, slug: Slug):
    actor = api_actor(request, slug)
    policy.require(actor, "committees.list")
    return [_plain(r) for r in selectors.members_without_committee(actor)]


@router.get(
    "/{slug}/committees/{committee_id}",
    response={200: CommitteeOut, ERRORS: ErrorOut},
    operation_id="get_committee",
    tags=["committees"],
)
def get_committee(request, slug: Slug, committee_id: PathId):
    actor = api_actor(request, slug)
    policy.require(actor, "committee.view")
    return _committee_out(actor, _visible_committee(actor, committee_id))


@router.patch(
    "/{slug}/committees/{committee_id}",
    response={200: CommitteeOut, ERRORS: ErrorOut},
    operation_id="update_committee",
    tags=["committees"],
)
def update_committee(request, slug: Slug, committee_id: PathId, payload: CommitteePatch):
    actor = api_actor(request, slug)
    current = _visible_committee(actor, committee_id)
    data = payload.dict(exclude_none=True)
    services.update_committee(
        actor,
        committee_id,
        name=data.get("name", current.name),
        kind=data.get("kind", current.kind),
        custom_role=data.get("custom_role", current.custom_role),
        description=data.get("description", current.description),
    )
    return _committee_out(actor, _visible_committee(actor, committee_id))


@router.delete(
    "/{slug}/committees/{committee_id}",
    response={204: None, ERRORS: ErrorOut},
    operation_id="delete_committee",
    tags=["committees"],
)
def delete_committee(request, slug: Slug, committee_id: PathId):
    services.delete_committee(api_actor(request, slug), committee_id)
    return Status(204, None)


@router.put(
    "/{slug}/committees/{committee_id}/seats/{membership_id}",
    response={200: SeatOut, ERRORS: ErrorOut},
    operation_id="seat_member",
    tags=["committees"],
)
def seat_member(request, slug: Slug, committee_id: PathId, membership_id: PathId, payload: SeatIn):
    actor = api_actor(request, slug)
    seat = services.seat_member(actor, committee_id, membership_id=membership_id, **payload.dict())
    return _seat_out(actor, seat)


@router.delete(
    "/{slug}/committees/{committee_id}/seats/{membership_id}",
    response={204: None, ERRORS: ErrorOut},
    operation_id="unseat_member",
    tags=["committees"],
)
def unseat_member(request, slug: Slug, committee_id: PathId, membership_id: PathId):
    services.unseat_member(api_actor(request, slug), committee_id, membership_id=membership_id)
    return Status(204, None)


# --- diversity and staff ------------------------------------------------------------


class ShareOut(Schema):
    code: str
    label: str
    count: int


class DiversityOut(Schema):
    organisations: int
    actor_types: list[ShareOut]
    missing_actor_types: list[ShareOut]
    countries: list[ShareOut]
    focus_areas: list[ShareOut]
    missing_focus_areas: list[ShareOut]


class StaffIn(Body):
    email: Text(254)
    role: Text(20)


class StaffOut(Schema):
    id: int
    email: str
    role: str


@router.get(
    "/{slug}/diversity",
    response={200: DiversityOut, ERRORS: ErrorOut},
    operation_id="get_diversity",
    tags=["diversity"],
)
def get_diversity(request, slug: Slug):
    actor = api_actor(request, slug)
    policy.require(actor, "diversity.view")
    found = selectors.diversity(actor)
    return {
        key: (value if isinstance(value, int) else [_plain(s) for s in value])
        for key, value in found.items()
    }


@router.post(
    "/{slug}/staff",
    response={201: StaffOut, ERRORS: ErrorOut},
    operation_id="grant_staff_role",
    tags=["staff"],
)
def grant_staff_role(request, slug: Slug, payload: StaffIn):
    staff = services.grant_staff_role(api_actor(request, slug), **payload.dict())
    return Status(201, {"id": staff.id, "email": staff.user.email, "role": staff.role})


# --- importing and exporting members (roster) ----------------------------------------
# Kept together here; the same service (``roster``) as the pages and the command line.

from typing import Literal  # noqa: E402

from django.http import HttpResponse  # noqa: E402
from django.utils.translation import gettext as _  # noqa: E402
from ninja import File  # noqa: E402
from ninja.files import UploadedFile  # noqa: E402

from coalesce.coalitions import member_file, roster  # noqa: E402
from coalesce.core.errors import DomainError  # noqa: E402


class ImportProblemOut(Schema):
    column: str
    message: str


class ImportRowOut(Schema):
    row: int = Field(description="The spreadsheet's row number (the header is row 1).")
    name: str
    kind: str
    result: str = Field(description="new, existing (already registered) or error.")
    joins_registered: bool = Field(
        description="An organisation registered without a membership becomes the member."
    )
    problems: list[ImportProblemOut]


class ImportOut(Schema):
    dry_run: bool
    new: int
    existing: int
    errors: int
    imported: int = Field(description="Memberships created (0 on a dry run).")
    new_focus_areas: list[str]
    rows: list[ImportRowOut]


class ImportErrorOut(ErrorOut):
    row: int | None = Field(None, description="The first row with a problem.")
    rows: list[ImportRowOut] = Field(default_factory=list)


class MemberRecordOut(Schema):
    name: str
    kind: str
    actor_type: str
    country: str
    focus_areas: list[str]
    website: str
    visibility: str
    alias: str
    contact_email: str
    contact_phone: str
    contact_address: str


class MemberExportQuery(Schema):
    format: Literal["json", "csv"] = "json"
    contacts: bool = Field(
        False,
        description=(
            "Fill the contact columns of the members whose contacts the caller may see "
            "(custodians; a member its own); each read is recorded in the audit log."
        ),
    )


def _import_out(preview, *, dry_run: bool) -> dict:
    return {
        "dry_run": dry_run,
        "new": preview.new,
        "existing": preview.existing,
        "errors": preview.errors,
        "imported": preview.imported,
        "new_focus_areas": list(preview.new_focus_areas),
        "rows": [_import_row_out(row) for row in preview.rows],
    }


def _import_row_out(row) -> dict:
    return {
        "row": row.number,
        "name": row.name,
        "kind": row.kind,
        "result": row.status,
        "joins_registered": row.joins_registered,
        "problems": [{"column": p.column, "message": p.message} for p in row.problems],
    }


@router.post(
    "/{slug}/members/import",
    response={200: ImportOut, 400: ImportErrorOut, ERRORS - {400}: ErrorOut},
    operation_id="import_members",
    tags=["memberships"],
    description=(
        "Policy action `members.import`. A CSV or XLSX file (multipart field `file`, at "
        f"most {member_file.MAX_IMPORT_BYTES // (1024 * 1024)} MB and "
        f"{member_file.MAX_IMPORT_ROWS} rows) with the columns "
        f"{', '.join(member_file.COLUMNS)}. With `dry_run` (the default) nothing is "
        "written: the answer says what each row would do. Without it, every new row "
        "becomes an active member in one transaction, or nothing is written: 400 naming "
        "the first row and column with a problem (and every row's result); 413 for a "
        "file over the limit."
    ),
)
def import_members(request, slug: Slug, file: File[UploadedFile] = None, dry_run: bool = True):
    # The file is checked after the policy, so a refusal does not depend on the upload.
    actor = api_actor(request, slug)
    policy.require(actor, "members.import")
    if file is None:
        raise DomainError(_("Attach the member file (multipart field “file”)."), "file")
    if file.size is not None and file.size > member_file.MAX_IMPORT_BYTES:
        raise member_file.too_big()
    data = file.read(member_file.MAX_IMPORT_BYTES + 1)
    name = file.name or ""
    if dry_run:
        preview = roster.preview_import(actor, data=data, filename=name)
        return _import_out(preview, dry_run=True)
    try:
        done = roster.import_members(actor, data=data, filename=name)
    except roster.ImportRefused as error:
        return Status(
            400,
            {
                "detail": error.message,
                "field": error.field,
                "row": error.row,
                "rows": [_import_row_out(r) for r in error.preview.rows],
            },
        )
    return _import_out(done, dry_run=False)


@router.get(
    "/{slug}/members/export",
    response={200: list[MemberRecordOut], ERRORS: ErrorOut},
    operation_id="export_members",
    tags=["memberships"],
    description=(
        "Policy action `members.export`. The members the caller may list, in the import's "
        "columns: hidden identities as their alias, without actor type, country, focus "
        "areas or website. `format=csv` answers `text/csv` (the file the import reads)."
    ),
    openapi_extra={
        "responses": {
            200: {
                "description": "OK",
                "content": {"text/csv": {"schema": {"type": "string"}}},
            }
        }
    },
)
def export_members(request, slug: Slug, query: Query[MemberExportQuery]):
    actor = api_actor(request, slug)
    policy.require(actor, "members.export")
    services.record_member_export(actor)
    records = roster.export_records(actor, contacts=query.contacts)
    if query.format == "csv":
        response = HttpResponse(member_file.write_csv(records), content_type="text/csv")
        response["Content-Disposition"] = f'attachment; filename="{slug}-members.csv"'
        return response
    return [{**r.as_dict(), "focus_areas": list(r.focus_areas)} for r in records]
