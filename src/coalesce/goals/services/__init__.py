"""Every write of goals: values, goals, indicators and their actuals, tasks.

Each is keyword-only, validates (``core.validation``, ``measures``), checks
``goals.policy``, runs in one transaction and leaves an audit record."""

from coalesce.goals.services.indicators import (
    add_indicator,
    add_period,
    decide_update,
    draft_update,
    submit_update,
)
from coalesce.goals.services.tasks import create_task, edit_task
from coalesce.goals.services.values import (
    UNSET,
    add_value,
    create_goal,
    edit_goal,
    edit_value,
    remove_value,
)

__all__ = [
    "UNSET",
    "add_indicator",
    "add_period",
    "add_value",
    "create_goal",
    "create_task",
    "decide_update",
    "draft_update",
    "edit_goal",
    "edit_task",
    "edit_value",
    "remove_value",
    "submit_update",
]
