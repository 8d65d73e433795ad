"""The one ``Operations`` every module of ``coalitions.api`` declares its operations
with, and what their answers share."""

from dataclasses import asdict

from coalesce.accounts.api_auth import operations

ops = operations("coalitions")
router = ops.router


def plain(row) -> dict:
    """A selector's dataclass as a dict, translated labels made plain strings."""
    return {k: v if isinstance(v, bool | int) else str(v) for k, v in asdict(row).items()}
