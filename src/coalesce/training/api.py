"""JSON operations for training: the module catalogue, fitting, and a facilitator's plans.

Thin wrappers over the training policy, services and selectors. Every operation needs
a signed-in caller (401 otherwise); another person's plan answers 404. ``POST /fit``
fits a module without storing anything. Domain errors (a module that does not exist,
minutes out of range, a break after an unknown item, a module that cannot fit) are
400 with the field at fault; schema errors are 422.
"""

from datetime import datetime
from typing import Annotated

from ninja import Field, Path, Router, Schema, Status
from pydantic import StringConstraints

from coalesce.accounts.api_auth import PROTECTED, user_of
from coalesce.core.api import ERRORS, MAX_ID, Body, ErrorOut, Text
from coalesce.training import policy, selectors, services
from coalesce.training.agenda import Agenda, fit, shortest_minutes
from coalesce.training.limits import (
    MAX_AVAILABLE,
    MAX_BREAK_LABEL,
    MAX_BREAK_MINUTES,
    MAX_ITEM_MINUTES,
    MAX_NOTE,
    MAX_TITLE,
    MAX_VIDEO,
)

router = Router(auth=PROTECTED, tags=["training"])

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
    title: str
    source: str = Field(description="The citation to show with the module's content.")
    total_minutes: int
    shortest_minutes: int = Field(description="With every 'less time' adaptation applied.")
    longest_minutes: int = Field(description="With every 'more time' adaptation applied.")
    objectives: list[str]


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
    start: datetime | None = None
    breaks: list[BreakIn] = Field(default_factory=list, max_length=20)
    overrides: dict[ItemId, OverrideIn] = Field(default_factory=dict, max_length=200)


class PlanPatch(Body):
    title: Text(MAX_TITLE) | None = None
    available_minutes: Available | None = None
    start: datetime | None = Field(None, description="Send null to clear the start.")
    breaks: list[BreakIn] | None = Field(None, max_length=20)
    overrides: dict[ItemId, OverrideIn] | None = Field(None, max_length=200)


class PlanOut(Schema):
    id: int
    module_id: str
    title: str
    available_minutes: int
    start: datetime | None = None
    breaks: list[BreakOut]
    overrides: dict[str, OverrideOut]
    created_at: datetime
    updated_at: datetime


# --- conversions --------------------------------------------------------------------


def _adaptation(a) -> dict:
    return {
        "id": a.id,
        "kind": a.kind,
        "item": a.item,
        "minutes": a.minutes,
        "summary": a.summary,
        "instructions": list(a.instructions),
    }


def _module_summary(module) -> dict:
    longest = module.total_minutes + sum(a.minutes for a in module.adaptations if a.kind == "more")
    return {
        "id": module.id,
        "title": module.title,
        "source": module.source,
        "total_minutes": module.total_minutes,
        "shortest_minutes": shortest_minutes(module),
        "longest_minutes": longest,
        "objectives": list(module.objectives),
    }


def _module_out(module) -> dict:
    return {
        **_module_summary(module),
        "licence_note": module.licence_note,
        "sections": [
            {
                "id": s.id,
                "number": s.number,
                "title": s.title,
                "items": [
                    {
                        "id": i.id,
                        "number": i.number,
                        "title": i.title,
                        "kind": i.kind,
                        "minutes": i.minutes,
                    }
                    for i in s.items
                ],
            }
            for s in module.sections
        ],
        "adaptations": [_adaptation(a) for a in module.adaptations],
    }


def _break(b) -> dict | None:
    if b is None:
        return None
    return {"after_item": b.after_item, "minutes": b.minutes, "label": b.label}


def agenda_out(agenda: Agenda) -> dict:
    return {
        "module_id": agenda.module.id,
        "source": agenda.module.source,
        "available_minutes": agenda.available_minutes,
        "base_minutes": agenda.base_minutes,
        "total_minutes": agenda.total_minutes,
        "break_minutes": agenda.break_minutes,
        "spare_minutes": agenda.spare_minutes,
        "start": agenda.start,
        "end": agenda.end,
        "applied": [_adaptation(a) for a in agenda.applied],
        "slots": [
            {
                "section_id": s.section.id,
                "section_title": s.section.title,
                "item_id": s.item.id,
                "number": s.item.number,
                "title": s.item.title,
                "kind": s.item.kind,
                "written_minutes": s.item.minutes,
                "base_minutes": s.base_minutes,
                "minutes": s.minutes,
                "adaptations": [a.id for a in s.adaptations],
                "start": s.start,
                "end": s.end,
                "note": s.note,
                "video": s.video,
                "break_after": _break(s.break_after),
                "break_end": s.break_end,
            }
            for s in agenda.slots
        ],
        "notes": list(agenda.notes),
    }


def _plan_out(plan) -> dict:
    return {
        "id": plan.pk,
        "module_id": plan.module_id,
        "title": plan.title,
        "available_minutes": plan.available_minutes,
        "start": plan.start,
        "breaks": [
            {"after_item": b["after_item"], "minutes": b["minutes"], "label": b.get("label", "")}
            for b in plan.breaks or []
        ],
        "overrides": plan.overrides or {},
        "created_at": plan.created_at,
        "updated_at": plan.updated_at,
    }


def _breaks(value) -> list[dict] | None:
    return None if value is None else [b.dict() for b in value]


def _overrides(value) -> dict | None:
    return None if value is None else {k: v.dict() for k, v in value.items()}


# --- operations ---------------------------------------------------------------------


@router.get(
    "/modules",
    response={200: list[ModuleSummary], ERRORS: ErrorOut},
    operation_id="list_training_modules",
)
def list_training_modules(request):
    return [_module_summary(m) for m in selectors.modules(user_of(request))]


@router.get(
    "/modules/{module_id}",
    response={200: ModuleOut, ERRORS: ErrorOut},
    operation_id="get_training_module",
)
def get_training_module(request, module_id: ModuleId):
    return _module_out(selectors.module(user_of(request), module_id))


@router.post(
    "/fit",
    response={200: AgendaOut, ERRORS: ErrorOut},
    operation_id="fit_training_module",
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
    return agenda_out(agenda)


@router.get(
    "/plans",
    response={200: list[PlanOut], ERRORS: ErrorOut},
    operation_id="list_training_plans",
)
def list_training_plans(request):
    return [_plan_out(p) for p in selectors.plans(user_of(request))[:500]]


@router.post(
    "/plans",
    response={201: PlanOut, ERRORS: ErrorOut},
    operation_id="create_training_plan",
)
def create_training_plan(request, payload: PlanIn):
    plan = services.create_plan(
        user_of(request),
        module_id=payload.module_id,
        title=payload.title,
        available_minutes=payload.available_minutes,
        start=payload.start,
        breaks=_breaks(payload.breaks),
        overrides=_overrides(payload.overrides),
    )
    return Status(201, _plan_out(plan))


@router.get(
    "/plans/{plan_id}",
    response={200: PlanOut, ERRORS: ErrorOut},
    operation_id="get_training_plan",
)
def get_training_plan(request, plan_id: PlanId):
    return _plan_out(selectors.plan(user_of(request), plan_id))


@router.patch(
    "/plans/{plan_id}",
    response={200: PlanOut, ERRORS: ErrorOut},
    operation_id="update_training_plan",
    description="Omitted fields keep their value; `start: null` clears the start.",
)
def update_training_plan(request, plan_id: PlanId, payload: PlanPatch):
    sent = payload.model_fields_set
    changes = {}
    for name in ("title", "available_minutes", "breaks", "overrides"):
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
    return _plan_out(plan)


@router.delete(
    "/plans/{plan_id}",
    response={204: None, ERRORS: ErrorOut},
    operation_id="delete_training_plan",
)
def delete_training_plan(request, plan_id: PlanId):
    services.delete_plan(user_of(request), plan_id)
    return Status(204, None)


@router.get(
    "/plans/{plan_id}/agenda",
    response={200: AgendaOut, ERRORS: ErrorOut},
    operation_id="get_training_plan_agenda",
    description="The plan fitted to its time; 400 with the reason when it cannot fit.",
)
def get_training_plan_agenda(request, plan_id: PlanId):
    plan = selectors.plan(user_of(request), plan_id)
    return agenda_out(selectors.agenda(plan))
