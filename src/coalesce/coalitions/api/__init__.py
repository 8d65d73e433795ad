"""JSON operations for coalitions: thin wrappers over the same policy, services and selectors
as the pages, one module per subject.

Every operation under ``/coalitions/{slug}`` loads the coalition (404 if missing) and
works out the actor once with ``access.api_actor``, then either calls a service (which
checks the policy itself) or has ``api_actor`` check the read's action (or
``policy.require`` one that needs the object) before calling a selector.

Choice fields (``actor_type``, ``kind``, ``status``, ``visibility``…) are plain strings
here so that an unknown value reaches the service and is answered 400 with the field.

Importing a module declares its operations on ``router`` (``_ops``): every module is
imported here, before ``router`` is mounted.
"""

from coalesce.coalitions.api import (  # noqa: F401 — each declares its operations
    applications,
    charter,
    coalitions,
    committees,
    diversity,
    members,
    organisations,
    roster,
    staff,
)
from coalesce.coalitions.api._ops import router

__all__ = ["router"]
