"""JSON operations for finance, mounted under /coalitions (paths /{slug}/finance…)."""

from coalesce.accounts.api_auth import operations

ops = operations("finance")
router = ops.router
