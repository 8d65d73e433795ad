"""What the goals operations send and answer. Measures are sent as decimal strings
("12", "12.50") and read by the service: a value the indicator's kind does not take (a
value for a percentage, a numerator for a number), a denominator of 0, a numerator over
the denominator or more than two decimal places is a 400 naming the field."""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from ninja import Field, Schema

from coalesce.core.api import Text
from coalesce.goals.limits import MAX_NUMBER_TEXT, MAX_WEIGHT
from coalesce.goals.services.measures import of

Number = Annotated[
    Text(MAX_NUMBER_TEXT) | None,
    Field(None, description='A decimal as a string, at most two places: "12" or "12.50".'),
]
Weight = Annotated[int, Field(ge=1, le=MAX_WEIGHT)]


class RollupOut(Schema):
    value: str | None = Field(description='The exact fraction ("7/12"), null: nothing to roll up.')
    percent: str = Field(description='Rounded half up to one place ("58.3 %").')
    formula: str = Field(description="The formula with the actual numbers, as the page shows it.")


class MeasureOut(Schema):
    value: Decimal | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None


class PeriodOut(Schema):
    id: int
    starts_on: date
    ends_on: date
    target: MeasureOut | None
    actual: MeasureOut | None = Field(description="From the approved updates only.")
    progress: str | None = Field(description="actual ÷ target as an exact fraction.")


class IndicatorOut(Schema):
    id: int
    name: str
    kind: str = Field(description="number or percentage")
    unit: str
    weight: int
    baseline: MeasureOut | None
    periods: list[PeriodOut]
    progress: RollupOut


class GoalOut(Schema):
    id: int
    title: str
    description: str = Field(description="Markdown.")
    horizon: str = Field(description="short or long")
    status: str = Field(description="active, achieved or dropped")
    committee_id: int | None
    committee: str | None
    position: int
    progress: RollupOut = Field(description="Σ wᵢ·min(progressᵢ, 1) / Σ wᵢ.")


class IndicatorUpdateOut(Schema):
    id: int
    indicator_id: int
    period_id: int
    value: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    note: str
    status: str = Field(description="draft, pending, approved or returned")
    author: str = Field(description="The author's name, or alias, as the caller may see it.")
    drafted_at: datetime
    submitted_at: datetime | None
    decided_by: str | None = Field(description="Who approved or returned it, as shown.")
    decided_at: datetime | None
    decision_note: str


class TaskOut(Schema):
    id: int
    title: str
    committee_id: int
    committee: str
    due_on: date | None
    status: str = Field(description="open, in_progress, done or dropped")
    is_overdue: bool
    goal_id: int | None
    proposal_id: int | None
    origin_note: str
    created_at: datetime
    assignee_id: int | None = Field(description="Null: nobody, or a member you may not see.")
    assignee: str | None = Field(description="Its name, or its alias where you may not know who.")
    done_at: datetime | None


class LinkedOut(Schema):
    kind: str
    id: int
    label: str
    detail: str
    status: str


class GoalDetailOut(GoalOut):
    indicators: list[IndicatorOut]
    updates: list[IndicatorUpdateOut]
    tasks: list[TaskOut]
    linked: list[LinkedOut] = Field(description="Challenges of the register linked to it.")


def rollup(found) -> dict:
    return {
        "value": None if found.value is None else str(found.value),
        "percent": found.percent,
        "formula": found.formula,
    }


def measure_out(found):
    return None if found is None else found.__dict__


def goal_out(row) -> dict:
    goal = row.goal
    return {
        **{f: getattr(goal, f) for f in ("id", "title", "description", "horizon", "status")},
        "committee_id": goal.committee_id,
        "committee": goal.committee.name if goal.committee else None,
        "position": goal.position,
        "progress": rollup(row.progress),
    }


def indicator_out(view) -> dict:
    ind = view.indicator
    return {
        **{f: getattr(ind, f) for f in ("id", "name", "kind", "unit", "weight")},
        "baseline": measure_out(of(ind, "baseline_")),
        "periods": [
            {
                "id": p.period.id,
                "starts_on": p.period.starts_on,
                "ends_on": p.period.ends_on,
                "target": measure_out(p.target),
                "actual": measure_out(p.actual),
                "progress": None if p.progress is None else str(p.progress),
            }
            for p in view.periods
        ],
        "progress": rollup(view.progress),
    }


def update_out(row) -> dict:
    u = row.update
    return {
        "id": u.id,
        "indicator_id": row.indicator.id,
        "period_id": u.period_id,
        **{f: getattr(u, f) for f in ("value", "numerator", "denominator", "note", "status")},
        "author": row.author,
        "drafted_at": u.drafted_at,
        "submitted_at": u.submitted_at,
        "decided_by": row.decider or None,
        "decided_at": u.decided_at,
        "decision_note": u.decision_note,
    }


def task_out(task) -> dict:
    row = getattr(task, "assignee_row", None)  # set by selectors.tasks
    return {
        **{f: getattr(task, f) for f in ("id", "title", "committee_id", "due_on", "status")},
        "committee": task.committee.name,
        "is_overdue": getattr(task, "is_overdue", False),
        "goal_id": task.goal_id,
        "proposal_id": task.proposal_id,
        "origin_note": task.origin_note,
        "created_at": task.created_at,
        "assignee_id": row.id if row else None,
        "assignee": row.name if row else None,
        "done_at": task.done_at,
    }
