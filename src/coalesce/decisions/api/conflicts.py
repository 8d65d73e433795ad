"""The conflict register, under its own tag. Raisers and owners appear only as "is it
me" flags, never by name."""

from datetime import datetime

from ninja import Field, Schema, Status

from coalesce.coalitions.access import api_actor
from coalesce.core.api import Body, Flag, PathId, Slug, Text
from coalesce.decisions import selectors, services
from coalesce.decisions.api.common import ops, reader

TAGS = ["conflicts"]


class ConflictOut(Schema):
    id: int
    title: str
    description: str
    status: str
    outcome: str
    mediator: str
    anonymous: bool = Field(description="Raised anonymously: who raised it is not stored.")
    raised_by_me: bool
    has_owner: bool
    owner_is_me: bool
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_anonymous(conflict) -> bool:
        return conflict.raised_by_id is None

    @staticmethod
    def resolve_raised_by_me(conflict, context) -> bool:
        return selectors.is_me(reader(context), conflict.raised_by_id)

    @staticmethod
    def resolve_has_owner(conflict) -> bool:
        return conflict.owner_id is not None

    @staticmethod
    def resolve_owner_is_me(conflict, context) -> bool:
        return selectors.is_me(reader(context), conflict.owner_id)


class ConflictIn(Body):
    title: Text(200)
    description: Text(10000)
    anonymous: Flag = False


class ConflictPatch(Body):
    status: Text(20) | None = None
    outcome: Text(10000) | None = None
    owner_email: Text(254) | None = Field(
        None, description="Assign an owner by e-mail (steering only); empty to unassign."
    )
    mediator: Text(200) | None = Field(None, description="Steering only.")


@ops.get(
    "/{slug}/conflicts",
    list[ConflictOut],
    tags=TAGS,
    description="Policy action `conflicts.list`: all of them for the steering committee, "
    "otherwise those you raised (openly) or own.",
)
def list_conflicts(request, slug: Slug):
    actor = api_actor(request, slug)
    return list(selectors.conflicts(actor))


@ops.post(
    "/{slug}/conflicts",
    ConflictOut,
    tags=TAGS,
    status=201,
    description="Policy action `conflicts.create`. Raised anonymously, nothing records who "
    "raised it, so you will not find it in your list afterwards.",
)
def raise_conflict(request, slug: Slug, payload: ConflictIn):
    actor = api_actor(request, slug)
    return Status(201, services.raise_conflict(actor, **payload.dict()))


@ops.get(
    "/{slug}/conflicts/{conflict_id}",
    ConflictOut,
    tags=TAGS,
    description="Policy action `conflict.view` (404 when refused).",
)
def get_conflict(request, slug: Slug, conflict_id: PathId):
    actor = api_actor(request, slug)
    return selectors.conflict(actor, conflict_id)


@ops.patch(
    "/{slug}/conflicts/{conflict_id}",
    ConflictOut,
    tags=TAGS,
    description="Policy action `conflict.update`; `owner_email` and `mediator` also need "
    "`conflict.assign`. Omitted fields keep their value.",
)
def update_conflict(request, slug: Slug, conflict_id: PathId, payload: ConflictPatch):
    actor = api_actor(request, slug)
    return services.update_conflict(actor, conflict_id, **payload.dict())
