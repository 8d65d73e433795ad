"""JSON operations for expertise, mounted under /coalitions (paths /{slug}/expertise…)."""

from coalesce.accounts.api_auth import operations

ops = operations("expertise")
router = ops.router
