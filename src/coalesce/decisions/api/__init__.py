"""JSON operations for decisions and the conflict register: thin wrappers over the same
policy, services and selectors as the pages, one module per subject.

Mounted under ``/coalitions`` next to the coalitions router, with the same conventions
(``coalesce.coalitions.api``): the coalition is loaded and the actor worked out once
(``coalitions.access.api_actor``); writes go to a service (which checks the policy itself), reads
check their action with ``policy.require`` or go through a selector that does. Schemas
read the objects; their resolvers compute or mask what the reader may see.

Choice fields (``method``, ``position``, ``status``…) are plain strings so that an
unknown value reaches the service and is answered 400 with the field.
"""

from ninja import Router

from coalesce.decisions.api import (
    categories,
    comments,
    conflicts,
    notifications,
    proposals,
    voting,
)

router = Router()
for subject in (categories, proposals, comments, voting, conflicts, notifications):
    router.add_router("", subject.router)
