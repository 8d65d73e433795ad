"""JSON operations for training: the module catalogue, fitting, and a facilitator's plans.

Thin wrappers over the training policy, services and selectors. Every operation needs
a signed-in caller (401 otherwise); another person's plan answers 404. ``POST /fit``
fits a module without storing anything. Domain errors (a module that does not exist,
minutes out of range, a break after an unknown item, a module that cannot fit) are
400 with the field at fault; schema errors are 422.
"""

from datetime import datetime
from typing import Annotated

from ninja import Field, Path, Schema, Status
from pydantic import StringConstraints

from coalesce.accounts.api_auth import operations, user_of
from coalesce.core.api import MAX_ID, Body, Text
from coalesce.core.localisation import MAX_LANGUAGE, MAX_TIME_ZONE
from coalesce.training import policy, selectors, services
from coalesce.training.agenda import fit, shortest_minutes
from coalesce.training.catalogue import module_languages
from coalesce.training.limits import (
    MAX_AVAILABLE,
    MAX_BREAK_LABEL,
    MAX_BREAK_MINUTES,
    MAX_ITEM_MINUTES,
    MAX_NOTE,
    MAX_TITLE,
    MAX_VIDEO,
)

ops = operations("training")
router = ops.router

PlanId = Annotated[int, Path(ge=1, le=MAX_ID)]
ModuleId = Annotated[str, Path(max_length=60)]
Available = Annotated[
    int,
    Field(
        ge=1,
        le=MAX_AVAILABLE,
        description="Minutes; at least the module's shortest_minutes for the agenda to fit.",
    ),
]
ItemMinutes = Annotated[int, Field(ge=1, le=MAX_ITEM_MINUTES)]
BreakMinutes = Annotated[int, Field(ge=1, le=MAX_BREAK_MINUTES)]
ItemId = Annotated[str, StringConstraints(max_length=60)]


# --- schemas ------------------------------------------------------------------------


class ItemOut(Schema):
    id: str
    number: str
    title: str
    kind: str
    minutes: int


class SectionOut(Schema):
    id: str
    number: str
    title: str
    items: list[ItemOut]


class AdaptationOut(Schema):
    id: str
    kind: str
    item: str
    minutes: int
    summary: str
    instructions: list[str] = []


class ModuleSummary(Schema):
    id: str
    language: str = Field(description="The language of these texts (the caller's, if given).")
    languages: list[str] = Field(description="The languages the module can be given in.")
    title: str
    source: str = Field(description="The citation to show with the module's content.")
    total_minutes: int
    shortest_minutes: int = Field(description="With every 'less time' adaptation applied.")
    longest_minutes: int = Field(description="With every 'more time' adaptation applied.")
    objectives: list[str]

    @staticmethod
    def resolve_languages(module) -> list[str]:
        return module_languages(module.id)

    @staticmethod
    def resolve_shortest_minutes(module) -> int:
        return shortest_minutes(module)

    @staticmethod
    def resolve_longest_minutes(module) -> int:
        more = sum(a.minutes for a in module.adaptations if a.kind == "more")
        return module.total_minutes + more


class ModuleOut(ModuleSummary):
    licence_note: str
    sections: list[SectionOut]
    adaptations: list[AdaptationOut]


class BreakIn(Body):
    after_item: ItemId
    minutes: BreakMinutes
    label: Text(MAX_BREAK_LABEL) = "Break"


class BreakOut(Schema):
    after_item: str
    minutes: int
    label: str


class OverrideIn(Body):
    minutes: ItemMinutes | None = None
    note: Text(MAX_NOTE) = ""
    video: Text(MAX_VIDEO) = ""


class OverrideOut(Schema):
    minutes: int | None = None
    note: str = ""
    video: str = ""


class SlotOut(Schema):
    section_id: str
    section_title: str
    item_id: str
    number: str
    title: str
    kind: str
    written_minutes: int = Field(description="The item's minutes in the module.")
    base_minutes: int = Field(description="After a local minutes override, if any.")
    minutes: int = Field(description="After adaptations: the time it gets.")
    adaptations: list[str]
    start: datetime | None = None
    end: datetime | None = None
    note: str = ""
    video: str = ""
    break_after: BreakOut | None = None
    break_end: datetime | None = None

    @staticmethod
    def resolve_section_id(slot) -> str:
        return slot.section.id

    @staticmethod
    def resolve_section_title(slot) -> str:
        return slot.section.title

    @staticmethod
    def resolve_item_id(slot) -> str:
        return slot.item.id

    @staticmethod
    def resolve_number(slot) -> str:
        return slot.item.number

    @staticmethod
    def resolve_title(slot) -> str:
        return slot.item.title

    @staticmethod
    def resolve_kind(slot) -> str:
        return slot.item.kind

    @staticmethod
    def resolve_written_minutes(slot) -> int:
        return slot.item.minutes

    @staticmethod
    def resolve_adaptations(slot) -> list[str]:
        return [a.id for a in slot.adaptations]


class AgendaOut(Schema):
    module_id: str
    source: str
    available_minutes: int
    base_minutes: int
    total_minutes: int = Field(description="Teaching time plus breaks.")
    break_minutes: int
    spare_minutes: int
    start: datetime | None = None
    end: datetime | None = None
    applied: list[AdaptationOut]
    slots: list[SlotOut]
    notes: list[str]

    @staticmethod
    def resolve_module_id(agenda) -> str:
        return agenda.module.id

    @staticmethod
    def resolve_source(agenda) -> str:
        return agenda.module.source


class FitIn(Body):
    module_id: ItemId
    available_minutes: Available
    start: datetime | None = None
    breaks: list[BreakIn] = Field(default_factory=list, max_length=20)
    overrides: dict[ItemId, OverrideIn] = Field(default_factory=dict, max_length=200)


class PlanIn(Body):
    module_id: ItemId
    title: Text(MAX_TITLE)
    available_minutes: Available
    start: datetime | None = Field(None, description="Without an offset: in time_zone.")
    time_zone: Text(MAX_TIME_ZONE) | None = Field(
        None, description="The room's IANA zone; default: the caller's, else UTC."
    )
    language: Text(MAX_LANGUAGE) = Field(
        "", description="One of the module's `languages`; empty: the one it is written in."
    )
    breaks: list[BreakIn] = Field(default_factory=list, max_length=20)
    overrides: dict[ItemId, OverrideIn] = Field(default_factory=dict, max_length=200)


class PlanPatch(Body):
    title: Text(MAX_TITLE) | None = None
    available_minutes: Available | None = None
    start: datetime | None = Field(None, description="Send null to clear the start.")
    time_zone: Text(MAX_TIME_ZONE) | None = None
    language: Text(MAX_LANGUAGE) | None = None
    breaks: list[BreakIn] | None = Field(None, max_length=20)
    overrides: dict[ItemId, OverrideIn] | None = Field(None, max_length=200)


class PlanOut(Schema):
    id: int
    module_id: str
    title: str
    available_minutes: int
    start: datetime | None = None
    time_zone: str
    language: str = Field(description="The module's language in this plan (empty: its own).")
    breaks: list[BreakOut]
    overrides: dict[str, OverrideOut]
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_breaks(plan) -> list[dict]:
        """Stored breaks, the label defaulting to "" for those stored without one."""
        return [
            {"after_item": b["after_item"], "minutes": b["minutes"], "label": b.get("label", "")}
            for b in plan.breaks or []
        ]

    @staticmethod
    def resolve_overrides(plan) -> dict:
        return plan.overrides or {}


# --- conversions --------------------------------------------------------------------


def _breaks(value) -> list[dict] | None:
    return None if value is None else [b.dict() for b in value]


def _overrides(value) -> dict | None:
    return None if value is None else {k: v.dict() for k, v in value.items()}


# --- operations ---------------------------------------------------------------------


@ops.get(
    "/modules",
    list[ModuleSummary],
)
def list_training_modules(request):
    return selectors.modules(user_of(request))


@ops.get(
    "/modules/{module_id}",
    ModuleOut,
)
def get_training_module(request, module_id: ModuleId):
    return selectors.module(user_of(request), module_id)


@ops.post(
    "/fit",
    AgendaOut,
    description="Fit a module to the time available and lay it out; nothing is stored.",
)
def fit_training_module(request, payload: FitIn):
    user = user_of(request)
    policy.require(user, "fit")
    module = services.known_module(payload.module_id)
    agenda = fit(
        module,
        payload.available_minutes,
        start=payload.start,
        breaks=_breaks(payload.breaks),
        overrides=_overrides(payload.overrides),
    )
    return agenda


@ops.get(
    "/plans",
    list[PlanOut],
)
def list_training_plans(request):
    return selectors.plans(user_of(request))[:500]


@ops.post(
    "/plans",
    PlanOut,
    status=201,
)
def create_training_plan(request, payload: PlanIn):
    plan = services.create_plan(
        user_of(request),
        module_id=payload.module_id,
        title=payload.title,
        available_minutes=payload.available_minutes,
        start=payload.start,
        time_zone=payload.time_zone,
        language=payload.language,
        breaks=_breaks(payload.breaks),
        overrides=_overrides(payload.overrides),
    )
    return Status(201, plan)


@ops.get(
    "/plans/{plan_id}",
    PlanOut,
)
def get_training_plan(request, plan_id: PlanId):
    return selectors.plan(user_of(request), plan_id)


@ops.patch(
    "/plans/{plan_id}",
    PlanOut,
    description="Omitted fields keep their value; `start: null` clears the start.",
)
def update_training_plan(request, plan_id: PlanId, payload: PlanPatch):
    sent = payload.model_fields_set
    changes = {}
    for name in ("title", "available_minutes", "time_zone", "language", "breaks", "overrides"):
        value = getattr(payload, name)
        if name in sent and value is not None:
            changes[name] = value
    if "breaks" in changes:
        changes["breaks"] = _breaks(changes["breaks"])
    if "overrides" in changes:
        changes["overrides"] = _overrides(changes["overrides"])
    if "start" in sent:
        changes["start"] = payload.start
    plan = services.update_plan(user_of(request), plan_id, **changes)
    return plan


@ops.delete(
    "/plans/{plan_id}",
)
def delete_training_plan(request, plan_id: PlanId):
    services.delete_plan(user_of(request), plan_id)
    return Status(204, None)


@ops.get(
    "/plans/{plan_id}/agenda",
    AgendaOut,
    description="The plan fitted to its time; 400 with the reason when it cannot fit.",
)
def get_training_plan_agenda(request, plan_id: PlanId):
    plan = selectors.plan(user_of(request), plan_id)
    return selectors.agenda(plan)
