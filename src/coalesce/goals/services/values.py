"""Shared values and goals: the steering committee's and admins' (``goals.manage``)."""

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from coalesce.coalitions.services.audit import record_by
from coalesce.core.errors import DomainError
from coalesce.core.validation import clean_choice, clean_text
from coalesce.goals import policy
from coalesce.goals.limits import MAX_DESCRIPTION, MAX_TITLE, MAX_VALUE
from coalesce.goals.models import Goal, GoalStatus, Horizon, SharedValue
from coalesce.goals.services._common import changed, committee_of, one

UP, DOWN = "up", "down"
UNSET = object()  # "leave the goal's committee as it is"


def _next_position(rows) -> int:
    return (rows.aggregate(top=Max("position"))["top"] or 0) + 1


@transaction.atomic
def add_value(actor, *, text) -> SharedValue:
    policy.require(actor, "goals.manage")
    text = clean_text(text, "text", max_length=MAX_VALUE)
    rows = SharedValue.objects.filter(coalition=actor.coalition)
    value = SharedValue.objects.create(
        coalition=actor.coalition, text=text, position=_next_position(rows)
    )
    record_by(actor, "goals.value_add", value, fields=("text",))
    return value


@transaction.atomic
def edit_value(actor, value_id, *, text=None, move=None) -> SharedValue:
    """Change a value's text and/or move it one place ``up`` or ``down``."""
    policy.require(actor, "goals.manage")
    value = one(SharedValue, actor, value_id, lock=True)
    if text is not None:
        value.text = clean_text(text, "text", max_length=MAX_VALUE)
        value.save(update_fields=["text"])
    if move is not None:
        _move(actor, value, move)
    record_by(actor, "goals.value_edit", value, fields=("text", "position"))
    return value


def _move(actor, value, move) -> None:
    if move not in (UP, DOWN):
        raise DomainError(_("Move a value “up” or “down”."), "move")
    ordered = list(
        SharedValue.objects.select_for_update().filter(coalition=actor.coalition)
    )  # in position order
    index = next(i for i, row in enumerate(ordered) if row.pk == value.pk)
    other = index - 1 if move == UP else index + 1
    if 0 <= other < len(ordered):
        ordered[index], ordered[other] = ordered[other], ordered[index]
    for position, row in enumerate(ordered, start=1):
        if row.position != position:
            row.position = position
            row.save(update_fields=["position"])
        if row.pk == value.pk:
            value.position = position


@transaction.atomic
def remove_value(actor, value_id) -> None:
    policy.require(actor, "goals.manage")
    value = one(SharedValue, actor, value_id, lock=True)
    record_by(actor, "goals.value_remove", value, fields=("text",))
    value.delete()


def _goal_fields(actor, *, title, description, horizon, status, committee_id, creating):
    fields = {
        "title": None if title is None else clean_text(title, "title", max_length=MAX_TITLE),
        "description": None
        if description is None
        else clean_text(description, "description", max_length=MAX_DESCRIPTION, required=False),
        "horizon": None if horizon is None else clean_choice(horizon, Horizon, "horizon"),
        "status": None if status is None else clean_choice(status, GoalStatus, "status"),
    }
    if creating and fields["title"] is None:
        raise DomainError(_("This field is required."), "title")
    if committee_id is not UNSET:
        fields["committee"] = committee_of(actor, committee_id, required=False)
    return fields


@transaction.atomic
def create_goal(
    actor, *, title, horizon, description="", committee_id=None, status=GoalStatus.ACTIVE
) -> Goal:
    policy.require(actor, "goals.manage")
    fields = _goal_fields(
        actor,
        title=title,
        description=description,
        horizon=horizon,
        status=status,
        committee_id=committee_id,
        creating=True,
    )
    rows = Goal.objects.filter(coalition=actor.coalition)
    goal = Goal.objects.create(
        coalition=actor.coalition,
        position=_next_position(rows),
        created_by=actor.user,
        **fields,
    )
    record_by(actor, "goals.create", goal, fields=("title", "horizon", "status"))
    return goal


@transaction.atomic
def edit_goal(
    actor, goal_id, *, title=None, description=None, horizon=None, status=None, committee_id=UNSET
) -> Goal:
    """Change what is given (None: unchanged; ``committee_id=None`` clears the committee)."""
    policy.require(actor, "goals.manage")
    goal = one(Goal, actor, goal_id, lock=True)
    fields = _goal_fields(
        actor,
        title=title,
        description=description,
        horizon=horizon,
        status=status,
        committee_id=committee_id,
        creating=False,
    )
    names = changed(goal, {k: v for k, v in fields.items() if k != "committee"})
    if "committee" in fields:
        goal.committee = fields["committee"]
        names.append("committee")
    if names:
        goal.save(update_fields=names)
    record_by(actor, "goals.edit", goal, fields=tuple(names))
    return goal
