"""The one ``Operations`` the credit operations are declared with."""

from coalesce.accounts.api_auth import operations

ops = operations("credit")
router = ops.router
