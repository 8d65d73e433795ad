"""JSON operations for health checks, mounted under /coalitions (paths /{slug}/health/...)."""

from coalesce.accounts.api_auth import operations

ops = operations("health")
router = ops.router
