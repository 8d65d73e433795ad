"""Committees and their seats."""

from ninja import Field, Query, Schema, Status

from coalesce.coalitions import selectors, services
from coalesce.coalitions.access import api_actor
from coalesce.coalitions.api._ops import ops, plain
from coalesce.coalitions.api.members import MemberOut
from coalesce.core.api import Body, Id, Limit, Offset, PathId, Slug, Text
from coalesce.core.errors import NotFound


class SeatOut(Schema):
    membership_id: int
    label: str = Field(description="Alias for a hidden member; '<person> (<member>)' if shown.")
    role: str
    role_title: str


class CommitteeOut(Schema):
    id: int
    name: str
    kind: str
    custom_role: str
    description: str
    seats: list[SeatOut]


class CommitteePage(Schema):
    offset: Offset = 0
    limit: Limit = Field(50, description="Committees per page, with their seats.")


class CommitteeIn(Body):
    name: Text(120)
    kind: Text(20)
    custom_role: Text(120) = ""
    description: Text(4000) = ""


class CommitteePatch(Body):
    name: Text(120) | None = None
    kind: Text(20) | None = None
    custom_role: Text(120) | None = None
    description: Text(4000) | None = None


class SeatIn(Body):
    role: Text(20) = "member"
    role_title: Text(80) = ""
    person_id: Id | None = None


def _seat_out(actor, seat) -> dict:
    return {
        "membership_id": seat.membership_id,
        "label": selectors.seat_label(actor, seat),
        "role": seat.role,
        "role_title": seat.role_title,
    }


def _committee_out(actor, committee) -> dict:
    return {
        "id": committee.id,
        "name": committee.name,
        "kind": committee.kind,
        "custom_role": committee.custom_role,
        "description": committee.description,
        "seats": [_seat_out(actor, s) for s in getattr(committee, "visible_seats", [])],
    }


def _visible_committee(actor, committee_id):
    for committee in selectors.committees(actor, committee_id=committee_id):
        return committee
    raise NotFound()


@ops.get("/{slug}/committees", list[CommitteeOut], tags=["committees"])
def list_committees(request, slug: Slug, page: Query[CommitteePage]):
    actor = api_actor(request, slug, "committees.list")
    rows = selectors.committees(actor, offset=page.offset, limit=page.limit)
    return [_committee_out(actor, c) for c in rows]


@ops.post("/{slug}/committees", CommitteeOut, status=201, tags=["committees"])
def create_committee(request, slug: Slug, payload: CommitteeIn):
    actor = api_actor(request, slug)
    committee = services.create_committee(actor, **payload.dict())
    return Status(201, _committee_out(actor, _visible_committee(actor, committee.id)))


@ops.get(
    "/{slug}/committees/uncovered-members",
    list[MemberOut],
    tags=["committees"],
    description="Active members on no committee (policy action `committees.list`).",
)
def list_uncovered_members(request, slug: Slug):
    actor = api_actor(request, slug, "committees.list")
    return [plain(r) for r in selectors.members_without_committee(actor)]


@ops.get("/{slug}/committees/{committee_id}", CommitteeOut, tags=["committees"])
def get_committee(request, slug: Slug, committee_id: PathId):
    actor = api_actor(request, slug, "committee.view")
    return _committee_out(actor, _visible_committee(actor, committee_id))


@ops.patch("/{slug}/committees/{committee_id}", CommitteeOut, tags=["committees"])
def update_committee(request, slug: Slug, committee_id: PathId, payload: CommitteePatch):
    actor = api_actor(request, slug)
    # Omitted (or null) fields keep their value.
    services.update_committee(actor, committee_id, **payload.dict(exclude_none=True))
    return _committee_out(actor, _visible_committee(actor, committee_id))


@ops.delete("/{slug}/committees/{committee_id}", tags=["committees"])
def delete_committee(request, slug: Slug, committee_id: PathId):
    services.delete_committee(api_actor(request, slug), committee_id)
    return Status(204, None)


@ops.put("/{slug}/committees/{committee_id}/seats/{membership_id}", SeatOut, tags=["committees"])
def seat_member(request, slug: Slug, committee_id: PathId, membership_id: PathId, payload: SeatIn):
    actor = api_actor(request, slug)
    seat = services.seat_member(actor, committee_id, membership_id=membership_id, **payload.dict())
    return _seat_out(actor, seat)


@ops.delete("/{slug}/committees/{committee_id}/seats/{membership_id}", tags=["committees"])
def unseat_member(request, slug: Slug, committee_id: PathId, membership_id: PathId):
    services.unseat_member(api_actor(request, slug), committee_id, membership_id=membership_id)
    return Status(204, None)
