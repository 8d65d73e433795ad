"""Eligibility requirements and applications to join."""

from datetime import datetime

from ninja import Field, Schema, Status

from coalesce.coalitions import selectors, services
from coalesce.coalitions.access import api_actor
from coalesce.coalitions.api._ops import ops
from coalesce.coalitions.limits import MAX_ORGANISATION_NAME
from coalesce.core.api import Body, Flag, PathId, Slug, Text, text_keys


class RequirementOut(Schema):
    id: int
    text: str
    position: int


class RequirementIn(Body):
    text: Text(500)


@ops.get("/{slug}/requirements", list[RequirementOut], tags=["requirements"])
def list_requirements(request, slug: Slug):
    actor = api_actor(request, slug, "requirements.view")
    return list(selectors.active_requirements(actor))


@ops.post("/{slug}/requirements", RequirementOut, status=201, tags=["requirements"])
def add_requirement(request, slug: Slug, payload: RequirementIn):
    return Status(201, services.add_requirement(api_actor(request, slug), text=payload.text))


@ops.delete("/{slug}/requirements/{requirement_id}", tags=["requirements"])
def retire_requirement(request, slug: Slug, requirement_id: PathId):
    services.retire_requirement(api_actor(request, slug), requirement_id)
    return Status(204, None)


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

    @staticmethod
    def resolve_display_name(view) -> str:
        return view.name


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
        json_schema_extra=text_keys,
    )


class DecisionIn(Body):
    approve: Flag
    reason: Text(1000) = ""


def _application_out(actor, application_id):
    """The application as the page shows it to ``actor`` (``selectors.application_view``:
    masked like the membership it became)."""
    return selectors.application_view(actor, selectors.application(actor, application_id))


@ops.get(
    "/{slug}/applications",
    list[ApplicationSummary],
    tags=["applications"],
    description="Pending applications (policy action `applications.list`).",
)
def list_applications(request, slug: Slug):
    actor = api_actor(request, slug, "applications.list")
    return list(selectors.pending_applications(actor))


@ops.post("/{slug}/applications", ApplicationOut, status=201, tags=["applications"])
def submit_application(request, slug: Slug, payload: ApplicationIn):
    actor = api_actor(request, slug)
    application = services.submit_application(actor, **payload.dict())
    return Status(201, _application_out(actor, application.id))


@ops.get("/{slug}/applications/{application_id}", ApplicationOut, tags=["applications"])
def get_application(request, slug: Slug, application_id: PathId):
    return _application_out(api_actor(request, slug), application_id)


@ops.post("/{slug}/applications/{application_id}/decision", ApplicationOut, tags=["applications"])
def decide_application(request, slug: Slug, application_id: PathId, payload: DecisionIn):
    actor = api_actor(request, slug)
    services.decide_application(
        actor, application_id, **payload.dict(), link_for=request.build_absolute_uri
    )
    return _application_out(actor, application_id)


@ops.post("/{slug}/applications/{application_id}/withdraw", ApplicationOut, tags=["applications"])
def withdraw_application(request, slug: Slug, application_id: PathId):
    actor = api_actor(request, slug)
    services.withdraw_application(actor, application_id)
    return _application_out(actor, application_id)
