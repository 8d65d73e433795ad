"""JSON operations for credit, mounted under /coalitions (paths /{slug}/credit…)."""

from coalesce.accounts.api_auth import operations

ops = operations("credit")
router = ops.router
