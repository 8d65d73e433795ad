"""JSON operations for updates, mounted under /coalitions (paths /{slug}/updates…)."""

from coalesce.accounts.api_auth import operations

ops = operations("updates")
router = ops.router
