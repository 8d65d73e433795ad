"""JSON operations for goals, mounted under /coalitions (paths /{slug}/goals/...).

Importing the modules declares their operations on ``router`` before it is mounted."""

from coalesce.goals.api import goals, indicators, tasks  # noqa: F401 — declares the operations
from coalesce.goals.api._ops import router

__all__ = ["router"]
