"""JSON operations for spokespeople, mounted under /coalitions (paths /{slug}/spokespeople…)."""

from coalesce.accounts.api_auth import operations

ops = operations("spokespeople")
router = ops.router
