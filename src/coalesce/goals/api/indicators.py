"""JSON operations for indicators, their periods and their actuals (updates)."""

from ninja import Field, Status

from coalesce.coalitions.access import api_actor
from coalesce.core.api import Body, PathId, Slug, Text
from coalesce.goals import selectors, services
from coalesce.goals.api._ops import ops
from coalesce.goals.api.schemas import (
    IndicatorOut,
    IndicatorUpdateOut,
    Number,
    Weight,
    indicator_out,
    update_out,
)
from coalesce.goals.limits import MAX_NAME, MAX_NOTE, MAX_UNIT


class IndicatorIn(Body):
    name: Text(MAX_NAME)
    kind: Text(12) = Field(description="number or percentage")
    unit: Text(MAX_UNIT) = Field("", description='A number\'s unit ("meetings held").')
    weight: Weight = Field(1, description="Its weight in the goal's roll-up.")
    baseline_value: Number
    baseline_numerator: Number
    baseline_denominator: Number


class PeriodIn(Body):
    starts_on: Text(10) = Field(description="YYYY-MM-DD")
    ends_on: Text(10) = Field(description="YYYY-MM-DD, not before it starts")
    target_value: Number
    target_numerator: Number
    target_denominator: Number


class IndicatorUpdateIn(Body):
    value: Number
    numerator: Number
    denominator: Number
    note: Text(MAX_NOTE) = ""


class IndicatorDecisionIn(Body):
    note: Text(MAX_NOTE) = Field("", description="Why (required to return an update).")


def _indicator(actor, indicator):
    view = selectors.goal_view(actor, indicator.goal_id)
    return indicator_out(next(i for i in view.row.indicators if i.indicator.pk == indicator.pk))


def _update(actor, update):
    view = selectors.goal_view(actor, update.period.indicator.goal_id)
    row = next(r for r in view.updates if r.update.pk == update.pk)
    return update_out(row)


@ops.post(
    "/{slug}/goals/{goal_id}/indicators",
    IndicatorOut,
    status=201,
    description="Policy action `goals.manage`: a number or percentage indicator of a goal.",
)
def add_goal_indicator(request, slug: Slug, goal_id: PathId, payload: IndicatorIn):
    actor = api_actor(request, slug)
    return Status(201, _indicator(actor, services.add_indicator(actor, goal_id, **payload.dict())))


@ops.post(
    "/{slug}/goals/indicators/{indicator_id}/periods",
    IndicatorOut,
    status=201,
    description="Policy action `goals.manage`: a period with its target in the indicator's "
    "measure; 400 when it ends before it starts or the target is in the wrong measure, "
    "409 when it overlaps another period.",
)
def add_indicator_period(request, slug: Slug, indicator_id: PathId, payload: PeriodIn):
    actor = api_actor(request, slug)
    period = services.add_period(actor, indicator_id, **payload.dict())
    return Status(201, _indicator(actor, period.indicator))


@ops.post(
    "/{slug}/goals/periods/{period_id}/updates",
    IndicatorUpdateOut,
    status=201,
    description="Policy action `goals.report` (a seat holder of the goal's committee, the "
    "steering committee, admins): draft an actual for a period.",
)
def draft_indicator_update(request, slug: Slug, period_id: PathId, payload: IndicatorUpdateIn):
    actor = api_actor(request, slug)
    return Status(201, _update(actor, services.draft_update(actor, period_id, **payload.dict())))


@ops.post(
    "/{slug}/goals/updates/{report_id}/submit",
    IndicatorUpdateOut,
    description="Policy action `goals.report`: the author submits its draft for approval.",
)
def submit_indicator_update(request, slug: Slug, report_id: PathId):
    actor = api_actor(request, slug)
    return _update(actor, services.submit_update(actor, report_id))


@ops.post(
    "/{slug}/goals/updates/{report_id}/approve",
    IndicatorUpdateOut,
    description="Policy action `goals.approve` (steering committee, admins): approve a "
    "submitted update — it counts in the period's actual from now on. 403 for its own "
    "author, 409 for one that is not submitted.",
)
def approve_indicator_update(request, slug: Slug, report_id: PathId, payload: IndicatorDecisionIn):
    actor = api_actor(request, slug)
    return _update(actor, services.decide_update(actor, report_id, approve=True, note=payload.note))


@ops.post(
    "/{slug}/goals/updates/{report_id}/return",
    IndicatorUpdateOut,
    description="Policy action `goals.approve`: return a submitted update with a note "
    "(required). 403 for its own author, 409 for one that is not submitted.",
)
def return_indicator_update(request, slug: Slug, report_id: PathId, payload: IndicatorDecisionIn):
    actor = api_actor(request, slug)
    return _update(
        actor, services.decide_update(actor, report_id, approve=False, note=payload.note)
    )
