"""JSON operations for goals, mounted under /coalitions (paths /{slug}/goals/...)."""

from coalesce.accounts.api_auth import operations

ops = operations("goals")
router = ops.router
