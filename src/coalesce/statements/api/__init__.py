"""JSON operations for statements, mounted under /coalitions (paths /{slug}/statements…)."""

from coalesce.accounts.api_auth import operations

ops = operations("statements")
router = ops.router
