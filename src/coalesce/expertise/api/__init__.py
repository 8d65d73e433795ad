"""JSON operations for expertise, mounted under /coalitions (paths /{slug}/expertise…).

The same reads and writes as the pages, through the same selectors and services: who
offers, asks or answers is a member as ``coalitions.selectors.member_row`` shows it to
the caller (an alias where the caller may not see the identity); members the caller may
not see listed are neither shown nor counted. Choice fields are plain strings, so that
an unknown value reaches the service and is answered 400 with the field.
"""

from datetime import datetime

from ninja import Field, Query, Schema, Status

from coalesce.accounts.api_auth import operations
from coalesce.coalitions.access import api_actor
from coalesce.core.api import Body, Id, Limit, Offset, Page, PathId, Slug, Text, page_of
from coalesce.expertise import selectors, services
from coalesce.expertise.limits import (
    MAX_ENTRY_TEXT,
    MAX_LANGUAGE,
    MAX_QUERY,
    MAX_REQUEST_TEXT,
    MAX_RESPONSE,
)

ops = operations("expertise")
router = ops.router


class WhoOut(Schema):
    id: int = Field(description="The membership.")
    name: str = Field(description="The real name, or the alias when the identity is hidden.")
    is_alias: bool
    is_own: bool


class EntryOut(Schema):
    id: int
    side: str = Field(description="offer or need")
    kind: str = Field(description="skill, experience, language or service")
    topic: str
    language: str = Field(description="A language code, or empty.")
    text: str
    created_at: datetime


class ListedEntryOut(EntryOut):
    member: WhoOut


class ExpertiseOut(Schema):
    member: WhoOut | None = Field(description="The member the caller acts for, if any.")
    offers: list[EntryOut]
    needs: list[EntryOut]
    reaching: int = Field(description="Open requests for a kind of help the member offers.")


class DirectoryPage(Page):
    items: list[ListedEntryOut]


class DirectoryFilters(Schema):
    q: Text(MAX_QUERY) = ""
    side: Text(10) = Field("offer", description="offer, need, or empty for both")
    topic: Text(20) = ""
    kind: Text(12) = ""
    language: Text(MAX_LANGUAGE) = ""
    offset: Offset = 0
    limit: Limit = 50


class EntryIn(Body):
    side: Text(10)
    kind: Text(12)
    topic: Text(20)
    text: Text(MAX_ENTRY_TEXT)
    language: Text(MAX_LANGUAGE) = ""
    membership_id: Id | None = Field(
        None, description="Another member's list (steering committee); default: your own."
    )


class RequestOut(Schema):
    id: int
    topic: str
    language: str
    text: str
    status: str = Field(description="open or closed")
    created_at: datetime
    closed_at: datetime | None = None
    member: WhoOut


class RequestsOut(Schema):
    for_me: list[RequestOut] = Field(description="Open requests for a kind of help you offer.")
    open: list[RequestOut]
    own: list[RequestOut] = Field(description="Your organisation's requests.")


class ResponseOut(Schema):
    id: int
    message: str
    created_at: datetime
    member: WhoOut


class RequestDetail(RequestOut):
    responses: list[ResponseOut] = Field(
        description="All answers for the member that asked and the steering committee; "
        "otherwise your own organisation's."
    )
    may_respond: bool
    may_close: bool


class RequestIn(Body):
    topic: Text(20)
    text: Text(MAX_REQUEST_TEXT)
    language: Text(MAX_LANGUAGE) = ""


class ResponseIn(Body):
    message: Text(MAX_RESPONSE)


def _who(actor, membership) -> dict:
    return _row(selectors.member_row(actor, membership))


def _plain(obj) -> dict:
    """A row's own fields (ids of what it points at as they are)."""
    return {f.name: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


def _row(who) -> dict:
    return {"id": who.id, "name": who.name, "is_alias": who.is_alias, "is_own": who.is_own}


def _listed(row) -> dict:
    """A selector's ``Listed``: the item's fields and its member as the caller sees it."""
    return {**_plain(row.item), "member": _row(row.member)}


@ops.get(
    "/{slug}/expertise",
    ExpertiseOut,
    description="Policy action `expertise.view`: your organisation's offers and needs, and "
    "how many open requests reach it.",
)
def get_own_expertise(request, slug: Slug):
    actor = api_actor(request, slug)
    own = selectors.own_expertise(actor)
    return {
        "member": _who(actor, own.membership) if own.membership else None,
        "offers": own.offers,
        "needs": own.needs,
        "reaching": own.reaching,
    }


@ops.post(
    "/{slug}/expertise/entries",
    EntryOut,
    status=201,
    description="Policy action `expertise.edit`: list an offer or a need for your "
    "organisation (or, steering committee, for the member `membership_id`).",
)
def add_expertise_entry(request, slug: Slug, payload: EntryIn):
    entry = services.add_entry(api_actor(request, slug), **payload.dict())
    return Status(201, entry)


@ops.delete(
    "/{slug}/expertise/entries/{entry_id}",
    description="Policy action `expertise.edit` on the entry's member.",
)
def remove_expertise_entry(request, slug: Slug, entry_id: PathId):
    services.remove_entry(api_actor(request, slug), entry_id)
    return Status(204, None)


@ops.get(
    "/{slug}/expertise/directory",
    DirectoryPage,
    description="Policy action `expertise.view`: the directory of expertise, searched by "
    "text, side, kind of help, kind and language; members you may not see are not in it.",
)
def search_expertise(request, slug: Slug, filters: Query[DirectoryFilters]):
    rows, total = selectors.directory(
        api_actor(request, slug),
        query=filters.q,
        side=filters.side,
        topic=filters.topic,
        kind=filters.kind,
        language=filters.language,
        offset=filters.offset,
        limit=filters.limit,
    )
    return page_of(rows, total, filters, _listed)


@ops.get(
    "/{slug}/expertise/requests",
    RequestsOut,
    description="Policy action `expertise.view`: requests for your kind of help, every "
    "open request, and your organisation's own.",
)
def list_help_requests(request, slug: Slug):
    lists = selectors.request_lists(api_actor(request, slug))
    return {name: [_listed(row) for row in rows] for name, rows in lists.items()}


@ops.post(
    "/{slug}/expertise/requests",
    RequestOut,
    status=201,
    description="Policy action `expertise.request` (active members): ask for help for "
    "your organisation.",
)
def create_help_request(request, slug: Slug, payload: RequestIn):
    actor = api_actor(request, slug)
    posted = services.post_request(actor, **payload.dict())
    return Status(201, {**_plain(posted), "member": _who(actor, posted.membership)})


def _detail(actor, request_id) -> dict:
    view = selectors.help_request(actor, request_id)
    return {
        **_plain(view.request),
        "member": _who(actor, view.request.membership),
        "responses": [_listed(row) for row in view.responses],
        "may_respond": view.may_respond,
        "may_close": view.may_close,
    }


@ops.get(
    "/{slug}/expertise/requests/{request_id}",
    RequestDetail,
    description="Policy action `expertise.view`: one request and the answers you may read.",
)
def get_help_request(request, slug: Slug, request_id: PathId):
    return _detail(api_actor(request, slug), request_id)


@ops.post(
    "/{slug}/expertise/requests/{request_id}/responses",
    ResponseOut,
    status=201,
    description="Policy action `expertise.respond`: answer another member's open request "
    "(once per member; 409 when it is closed or answered already).",
)
def respond_to_help_request(request, slug: Slug, request_id: PathId, payload: ResponseIn):
    actor = api_actor(request, slug)
    response = services.respond(actor, request_id, message=payload.message)
    return Status(201, {**_plain(response), "member": _who(actor, response.membership)})


@ops.post(
    "/{slug}/expertise/requests/{request_id}/close",
    RequestDetail,
    description="Policy action `expertise.close`: the member that asked, or the steering "
    "committee (409 when closed already).",
)
def close_help_request(request, slug: Slug, request_id: PathId):
    actor = api_actor(request, slug)
    services.close_request(actor, request_id)
    return _detail(actor, request_id)
