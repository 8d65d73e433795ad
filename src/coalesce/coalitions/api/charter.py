"""The charter's policies and the focus areas."""

from datetime import date, datetime
from typing import Annotated

from ninja import Path, Schema, Status

from coalesce.coalitions import selectors, services
from coalesce.coalitions.access import api_actor
from coalesce.coalitions.api._ops import ops
from coalesce.coalitions.models import PolicyKind
from coalesce.core.api import Body, Slug, Text


class PolicyOut(Schema):
    kind: str
    kind_label: str
    status: str
    text: str
    agreed_on: date | None = None
    updated_at: datetime | None = None

    @staticmethod
    def resolve_kind_label(item) -> str:
        return str(PolicyKind(item.kind).label)


class CharterOut(Schema):
    policies: list[PolicyOut]
    counts: dict[str, int]
    percent_agreed: int


class PolicyIn(Body):
    status: Text(20)
    text: Text(20000) = ""
    agreed_on: date | None = None


@ops.get("/{slug}/charter", CharterOut, tags=["charter"])
def get_charter(request, slug: Slug):
    actor = api_actor(request, slug, "charter.view")
    return selectors.charter(actor.coalition)


@ops.put("/{slug}/charter/{kind}", PolicyOut, tags=["charter"])
def update_charter_policy(
    request, slug: Slug, kind: Annotated[str, Path(max_length=40)], payload: PolicyIn
):
    actor = api_actor(request, slug)
    return services.update_policy(actor, kind=kind, **payload.dict())


class FocusAreaOut(Schema):
    id: int
    name: str


class FocusAreaIn(Body):
    name: Text(80)


@ops.get(
    "/{slug}/focus-areas",
    list[FocusAreaOut],
    tags=["charter"],
    description="Policy action `requirements.view`: applicants need the names to apply.",
)
def list_focus_areas(request, slug: Slug):
    actor = api_actor(request, slug, "requirements.view")
    return selectors.focus_areas(actor)


@ops.post("/{slug}/focus-areas", FocusAreaOut, status=201, tags=["charter"])
def add_focus_area(request, slug: Slug, payload: FocusAreaIn):
    return Status(201, services.add_focus_area(api_actor(request, slug), name=payload.name))
