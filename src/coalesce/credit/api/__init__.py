"""JSON operations for credit, mounted under /coalitions (paths /{slug}/credit…).

Importing ``ledger`` declares its operations on ``router`` before it is mounted."""

from coalesce.credit.api import ledger  # noqa: F401 — declares the operations
from coalesce.credit.api._ops import router

__all__ = ["router"]
