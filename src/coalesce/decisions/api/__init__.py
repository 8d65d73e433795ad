"""JSON operations for decisions and the conflict register: thin wrappers over the same
policy, services and selectors as the pages, one module per subject.

Mounted under ``/coalitions`` next to the coalitions router, with the same conventions
(``coalesce.coalitions.api``): the coalition is loaded and the actor worked out once
(``coalitions.access.api_actor``); writes go to a service (which checks the policy
itself), reads have ``api_actor`` check their action or go through a selector that does. Schemas
read the objects; their resolvers compute or mask what the reader may see.

Every module declares its operations on ``common.ops`` (the conflict register's
tagged "conflicts"): importing a module declares them, so every one is imported here,
before ``router`` is mounted.

Choice fields (``method``, ``position``, ``status``…) are plain strings so that an
unknown value reaches the service and is answered 400 with the field.
"""

from coalesce.decisions.api import (  # noqa: F401 — each declares its operations
    categories,
    comments,
    conflicts,
    notifications,
    proposals,
    voting,
)
from coalesce.decisions.api.common import router

__all__ = ["router"]
