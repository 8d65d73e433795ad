"""JSON operations for meetings, mounted under /coalitions (paths /{slug}/meetings/...)."""

from coalesce.accounts.api_auth import operations

ops = operations("meetings")
router = ops.router
