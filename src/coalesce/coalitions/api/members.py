"""Memberships: the directory, one member, its contacts, protection and status.

Names, organisations, actor types and countries appear only through
``selectors.member_row``/``representatives``, which mask them unless
``policy.sees_identity``; contact details only through the audited
``services.read_contacts``."""

from ninja import Field, Query, Schema

from coalesce.coalitions import policy, selectors, services
from coalesce.coalitions.access import api_actor
from coalesce.coalitions.api._ops import ops, plain
from coalesce.coalitions.models import ActorType, MembershipStatus
from coalesce.core.api import Body, Limit, Offset, Page, PathId, Slug, Text, page_of
from coalesce.core.validation import clean_choice, clean_country


class MemberOut(Schema):
    id: int
    name: str = Field(description="The real name, or the alias when the identity is hidden.")
    is_alias: bool
    kind: str
    actor_type: str
    actor_type_code: str
    country: str
    country_code: str
    status: str
    status_label: str
    visibility: str
    is_own: bool


class MemberDetail(MemberOut):
    representatives: list[str]


class MemberPage(Page):
    items: list[MemberOut]


class MemberFilters(Schema):
    q: Text(100) = ""
    actor_type: Text(40) = ""
    country: Text(10) = ""
    status: Text(20) = ""
    offset: Offset = 0
    limit: Limit = 50


class ContactsOut(Schema):
    contact_email: str
    contact_phone: str
    contact_address: str
    contact_notes: str


class ProtectionIn(Body):
    visibility: Text(20) | None = None
    alias: Text(80) | None = None
    contact_email: Text(254) | None = None
    contact_phone: Text(40) | None = None
    contact_address: Text(500) | None = None
    contact_notes: Text(4000) | None = None


class StatusIn(Body):
    status: Text(20)
    reason: Text(500) = ""


def _member_out(actor, membership) -> dict:
    return plain(selectors.member_row(actor, membership))


@ops.get(
    "/{slug}/memberships",
    MemberPage,
    anonymous=True,
    tags=["memberships"],
    description="Policy action `members.list`; anyone allowed `coalition.public_page` gets the "
    "public members only. Filters look only at identities the caller may see.",
)
def list_members(request, slug: Slug, filters: Query[MemberFilters]):
    actor = api_actor(request, slug)
    if not policy.allows(actor, "members.list"):
        policy.require(actor, "coalition.public_page")
    if filters.actor_type:
        clean_choice(filters.actor_type, ActorType, "actor_type")
    if filters.status:
        clean_choice(filters.status, MembershipStatus, "status")
    country = clean_country(filters.country) if filters.country else ""
    rows, total = selectors.member_directory(
        actor,
        query=filters.q,
        actor_type=filters.actor_type,
        country=country,
        status=filters.status,
        offset=filters.offset,
        limit=filters.limit,
    )
    return page_of(rows, total, filters, plain)


@ops.get("/{slug}/memberships/{membership_id}", MemberDetail, tags=["memberships"])
def get_member(request, slug: Slug, membership_id: PathId):
    actor = api_actor(request, slug)
    membership = selectors.visible_membership(actor, membership_id)
    policy.require(actor, "member.view", membership)
    return {
        **_member_out(actor, membership),
        "representatives": selectors.representatives(actor, membership),
    }


@ops.post(
    "/{slug}/memberships/{membership_id}/contacts",
    ContactsOut,
    tags=["memberships"],
    description="Policy action `member.contacts`. A POST because every read is audited.",
)
def read_member_contacts(request, slug: Slug, membership_id: PathId):
    actor = api_actor(request, slug)
    membership = selectors.visible_membership(actor, membership_id)
    return services.read_contacts(actor, membership)


@ops.patch(
    "/{slug}/memberships/{membership_id}/protection",
    MemberOut,
    tags=["memberships"],
    description="Policy action `member.edit_protection`. Omitted fields keep their value; "
    "contact details are write-only here (read them with read_member_contacts).",
)
def update_member_protection(request, slug: Slug, membership_id: PathId, payload: ProtectionIn):
    actor = api_actor(request, slug)
    selectors.visible_membership(actor, membership_id)  # a hidden one is not found
    # Omitted (or null) fields keep their value.
    changes = payload.dict(exclude_none=True)
    membership = services.update_protection(actor, membership_id, **changes)
    return _member_out(actor, membership)


@ops.post("/{slug}/memberships/{membership_id}/status", MemberOut, tags=["memberships"])
def set_member_status(request, slug: Slug, membership_id: PathId, payload: StatusIn):
    actor = api_actor(request, slug)
    membership = services.set_membership_status(actor, membership_id, **payload.dict())
    return _member_out(actor, membership)


@ops.post(
    "/{slug}/memberships/{membership_id}/acknowledge-conduct", MemberOut, tags=["memberships"]
)
def acknowledge_conduct(request, slug: Slug, membership_id: PathId):
    actor = api_actor(request, slug)
    membership = services.acknowledge_conduct(actor, membership_id)
    # The membership is active now: work the roles out again for the answer.
    return _member_out(policy.actor_for(actor.user, actor.coalition), membership)
