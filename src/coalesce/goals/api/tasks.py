"""JSON operations for tasks: the coalition's list, creating and editing one."""

from typing import Literal

from ninja import Field, Status

from coalesce.coalitions.access import api_actor
from coalesce.core.api import Body, Id, PathId, Slug, Text
from coalesce.goals import selectors, services
from coalesce.goals.api._ops import ops
from coalesce.goals.api.schemas import TaskOut, task_out
from coalesce.goals.limits import MAX_ORIGIN, MAX_TITLE


class TaskIn(Body):
    title: Text(MAX_TITLE)
    committee_id: Id = Field(description="The owning committee, of this coalition.")
    due_on: Text(10) | None = Field(None, description="YYYY-MM-DD")
    goal_id: Id | None = None
    proposal_id: Id | None = Field(None, description="The decision that created it.")
    origin_label: Text(MAX_ORIGIN) = ""
    assignee_id: Id | None = Field(None, description="An active member doing it.")


class TaskEditIn(Body):
    title: Text(MAX_TITLE) | None = None
    committee_id: Id | None = None
    due_on: Text(10) | None = None
    status: Text(12) | None = Field(None, description="open, in_progress, done or dropped")
    goal_id: Id | None = None
    assignee_id: Id | Literal[""] | None = Field(
        None, description='An active member doing it; "" for nobody.'
    )


@ops.get(
    "/{slug}/goals/tasks",
    list[TaskOut],
    description="Policy action `goals.view`: tasks, overdue first, then by due date; "
    "filter by `committee_id` and `status`.",
)
def list_goal_tasks(request, slug: Slug, committee_id: int | None = None, status: str = ""):
    actor = api_actor(request, slug)
    return [task_out(t) for t in selectors.tasks(actor, committee_id=committee_id, status=status)]


@ops.post(
    "/{slug}/goals/tasks",
    TaskOut,
    status=201,
    description="Policy action `goals.manage` (steering committee, admins): a task; 400 "
    "on `committee_id` for a committee of another coalition.",
)
def create_goal_task(request, slug: Slug, payload: TaskIn):
    data = payload.dict()
    actor = api_actor(request, slug)
    task = services.create_task(
        actor,
        committee=data.pop("committee_id"),
        goal=data.pop("goal_id"),
        proposal=data.pop("proposal_id"),
        assignee=data.pop("assignee_id"),
        **data,
    )
    return Status(201, task_out(selectors.tasks(actor, task_id=task.pk)[0]))


@ops.patch(
    "/{slug}/goals/tasks/{task_id}",
    TaskOut,
    description="Policy action `goals.manage` to change anything; `goals.task_status` (a "
    "seat holder of the owning committee) to change only its status.",
)
def edit_goal_task(request, slug: Slug, task_id: PathId, payload: TaskEditIn):
    actor = api_actor(request, slug)
    task = services.edit_task(actor, task_id, **payload.dict())
    return task_out(selectors.tasks(actor, task_id=task.pk)[0])
