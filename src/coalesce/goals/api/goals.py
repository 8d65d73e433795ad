"""JSON operations for a coalition's shared values and goals (the goal's page as JSON:
indicators with their roll-ups and formulas, updates, tasks, linked challenges)."""

from ninja import Field, Schema, Status

from coalesce.coalitions.access import api_actor
from coalesce.core.api import Body, Id, PathId, Slug, Text
from coalesce.goals import selectors, services

# /goals/tasks and /goals/values are declared before /goals/{goal_id}, which would
# take "tasks" for a goal's id.
from coalesce.goals.api import tasks as _tasks  # noqa: F401
from coalesce.goals.api._ops import ops
from coalesce.goals.api.schemas import (
    GoalDetailOut,
    GoalOut,
    goal_out,
    indicator_out,
    task_out,
    update_out,
)
from coalesce.goals.limits import MAX_DESCRIPTION, MAX_TITLE, MAX_VALUE


class ValueOut(Schema):
    id: int
    text: str
    position: int


class ValueIn(Body):
    text: Text(MAX_VALUE)


class ValueEditIn(Body):
    text: Text(MAX_VALUE) | None = None
    move: Text(4) | None = Field(None, description="up or down: one place in the list.")


class GoalIn(Body):
    title: Text(MAX_TITLE)
    description: Text(MAX_DESCRIPTION) = Field("", description="Markdown.")
    horizon: Text(10) = Field(description="short or long")
    committee_id: Id | None = Field(None, description="The committee that owns it (optional).")
    status: Text(10) = Field("active", description="active, achieved or dropped")


class GoalEditIn(Body):
    title: Text(MAX_TITLE) | None = None
    description: Text(MAX_DESCRIPTION) | None = None
    horizon: Text(10) | None = None
    committee_id: Id | None = Field(None, description="null clears it; absent: unchanged.")
    status: Text(10) | None = None


@ops.get(
    "/{slug}/goals/values",
    list[ValueOut],
    description="Policy action `goals.view`: the coalition's shared values, in order.",
)
def list_shared_values(request, slug: Slug):
    return selectors.values(api_actor(request, slug))


@ops.post(
    "/{slug}/goals/values",
    ValueOut,
    status=201,
    description="Policy action `goals.manage` (steering committee, admins): add a value "
    "at the end of the list.",
)
def add_shared_value(request, slug: Slug, payload: ValueIn):
    return Status(201, services.add_value(api_actor(request, slug), text=payload.text))


@ops.patch(
    "/{slug}/goals/values/{value_id}",
    ValueOut,
    description="Policy action `goals.manage`: change a value's text and/or move it one "
    "place up or down.",
)
def edit_shared_value(request, slug: Slug, value_id: PathId, payload: ValueEditIn):
    return services.edit_value(api_actor(request, slug), value_id, **payload.dict())


@ops.delete(
    "/{slug}/goals/values/{value_id}",
    description="Policy action `goals.manage`: remove a value (nothing refers to one).",
)
def remove_shared_value(request, slug: Slug, value_id: PathId):
    services.remove_value(api_actor(request, slug), value_id)
    return Status(204, None)


@ops.get(
    "/{slug}/goals",
    list[GoalOut],
    description="Policy action `goals.view`: goals with their roll-up and its formula.",
)
def list_goals(request, slug: Slug):
    return [goal_out(row) for row in selectors.goals(api_actor(request, slug))]


def _detail(actor, goal_id) -> dict:
    view = selectors.goal_view(actor, goal_id)
    return {
        **goal_out(view.row),
        "indicators": [indicator_out(i) for i in view.row.indicators],
        "updates": [update_out(u) for u in view.updates],
        "tasks": [task_out(t) for t in view.tasks],
        "linked": [link.__dict__ for link in view.linked],
    }


@ops.post(
    "/{slug}/goals",
    GoalDetailOut,
    status=201,
    description="Policy action `goals.manage` (steering committee, admins): a goal. "
    "400 on `committee_id` for a committee of another coalition.",
)
def create_goal(request, slug: Slug, payload: GoalIn):
    actor = api_actor(request, slug)
    goal = services.create_goal(actor, **payload.dict())
    return Status(201, _detail(actor, goal.pk))


@ops.get(
    "/{slug}/goals/{goal_id}",
    GoalDetailOut,
    description="Policy action `goals.view`: a goal, its indicators with their periods, "
    "actuals (approved updates only) and roll-ups with formulas, its updates (authors "
    "named as the caller may see them), tasks and linked challenges.",
)
def get_goal(request, slug: Slug, goal_id: PathId):
    return _detail(api_actor(request, slug), goal_id)


@ops.patch(
    "/{slug}/goals/{goal_id}",
    GoalDetailOut,
    description="Policy action `goals.manage`: change what is given.",
)
def edit_goal(request, slug: Slug, goal_id: PathId, payload: GoalEditIn):
    actor = api_actor(request, slug)
    services.edit_goal(actor, goal_id, **payload.dict(exclude_unset=True))
    return _detail(actor, goal_id)
