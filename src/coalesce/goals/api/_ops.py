"""The one ``Operations`` the goals operations are declared with."""

from coalesce.accounts.api_auth import operations

ops = operations("goals")
router = ops.router
