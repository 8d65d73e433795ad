"""JSON operations for updates, mounted under /coalitions (paths /{slug}/updates…).

The same selectors and services as the pages: an update outside the caller's audience
answers 404; bad input, or an acknowledgement refused, a 4xx with ``detail`` and
nothing changed.
"""

from datetime import datetime

from ninja import Field, Schema, Status

from coalesce.accounts.api_auth import operations
from coalesce.coalitions.access import api_actor
from coalesce.core.api import Body, Flag, Id, PathId, Slug, Text
from coalesce.updates import selectors, services
from coalesce.updates.limits import MAX_BODY, MAX_REPLY, MAX_TITLE, MAX_TOKEN

ops = operations("updates")
router = ops.router


class UpdateOut(Schema):
    id: int
    title: str
    body: str
    committee_id: int | None = Field(None, description="None: to the whole coalition.")
    author_label: str
    asks_acknowledgement: bool
    created_at: datetime
    reply_count: int
    my_opened_at: datetime | None = Field(None, description="When you marked it read.")
    my_acknowledged_at: datetime | None = None


class ReplyOut(Schema):
    id: int
    author_label: str
    body: str
    created_at: datetime


class UpdateDetailOut(UpdateOut):
    thread: list[ReplyOut] = Field(description="The replies, oldest first.")


class UpdateReceiptOut(Schema):
    update_id: int
    opened_at: datetime | None = None
    acknowledged_at: datetime | None = None


class CountsOut(Schema):
    recipients: int
    delivered: int
    opened: int
    acknowledged: int
    opened_names: list[str]
    acknowledged_names: list[str]


class UpdateIn(Body):
    title: Text(MAX_TITLE)
    body: Text(MAX_BODY)
    committee_id: Id | None = Field(None, description="Omit to post to the whole coalition.")
    asks_acknowledgement: bool = False


class ReplyIn(Body):
    body: Text(MAX_REPLY)


class LinkIn(Body):
    token: Text(MAX_TOKEN)


def _detail(actor, update):
    update.thread = selectors.replies(actor, update)
    return update


class UpdateSettingsOut(Schema):
    members_may_post: bool = Field(description="Any active member may post to everyone.")


class UpdateSettingsIn(Body):
    members_may_post: Flag


class ReaderPreferenceOut(Schema):
    counted_not_named: bool = Field(description="Counted, but never named, as a reader.")


class ReaderPreferenceIn(Body):
    counted_not_named: Flag


# Before the operations on /updates/{update_id}, whose path would take these in.
@ops.get(
    "/{slug}/updates/settings",
    UpdateSettingsOut,
    description="Policy action `updates.settings` (the steering committee).",
)
def get_update_settings(request, slug: Slug):
    return selectors.settings(api_actor(request, slug))


@ops.put(
    "/{slug}/updates/settings",
    UpdateSettingsOut,
    description="Policy action `updates.settings`: whether any active member may post "
    "an update to the whole coalition.",
)
def set_update_settings(request, slug: Slug, payload: UpdateSettingsIn):
    actor = api_actor(request, slug)
    return services.set_settings(actor, members_may_post=payload.members_may_post)


@ops.get(
    "/{slug}/updates/preference",
    ReaderPreferenceOut,
    description="Policy action `updates.preference`: your own choice.",
)
def get_reader_preference(request, slug: Slug):
    return selectors.preference(api_actor(request, slug))


@ops.put(
    "/{slug}/updates/preference",
    ReaderPreferenceOut,
    description="Policy action `updates.preference`: be counted, but never named, in who "
    "read or acknowledged an update.",
)
def set_reader_preference(request, slug: Slug, payload: ReaderPreferenceIn):
    actor = api_actor(request, slug)
    return services.set_preference(actor, counted_not_named=payload.counted_not_named)


# Before the operations on /updates/{update_id}, whose path would take it in.
@ops.post(
    "/{slug}/updates/acknowledgements",
    UpdateReceiptOut,
    anonymous=True,
    description="Policy action `update.acknowledge_link`: the token of an e-mail's "
    "single-use link; 404 when forged, 409 when already used.",
)
def acknowledge_update_by_link(request, slug: Slug, payload: LinkIn):
    return services.acknowledge_by_link(api_actor(request, slug), payload.token)


@ops.get(
    "/{slug}/updates",
    list[UpdateOut],
    description="Policy action `updates.list`: the newest 100 updates you may see.",
)
def list_updates(request, slug: Slug):
    return selectors.updates(api_actor(request, slug))


@ops.get(
    "/{slug}/updates/{update_id}",
    UpdateDetailOut,
    description="Policy action `update.view`: the update and its replies.",
)
def get_update(request, slug: Slug, update_id: PathId):
    actor = api_actor(request, slug)
    return _detail(actor, selectors.update(actor, update_id))


@ops.post(
    "/{slug}/updates",
    UpdateDetailOut,
    status=201,
    description="Policy actions `updates.post` and `update.post_to` (the audience). "
    "E-mails every recipient.",
)
def post_update(request, slug: Slug, payload: UpdateIn):
    actor = api_actor(request, slug)
    posted = services.post_update(
        actor,
        title=payload.title,
        body=payload.body,
        committee_id=payload.committee_id,
        asks_acknowledgement=payload.asks_acknowledgement,
        site_url=request.build_absolute_uri("/"),
    )
    return Status(201, _detail(actor, selectors.update(actor, posted.id)))


@ops.post(
    "/{slug}/updates/{update_id}/read",
    UpdateReceiptOut,
    description="Policy action `update.read`: you say you have read it (counted once).",
)
def mark_update_read(request, slug: Slug, update_id: PathId):
    return services.mark_read(api_actor(request, slug), update_id)


@ops.post(
    "/{slug}/updates/{update_id}/acknowledge",
    UpdateReceiptOut,
    description="Policy action `update.acknowledge`; a second acknowledgement is a 409.",
)
def acknowledge_update(request, slug: Slug, update_id: PathId):
    return services.acknowledge(api_actor(request, slug), update_id)


@ops.post(
    "/{slug}/updates/{update_id}/replies",
    ReplyOut,
    status=201,
    description="Policy action `update.reply`: signed with your shown name or alias.",
)
def reply_to_update(request, slug: Slug, update_id: PathId, payload: ReplyIn):
    actor = api_actor(request, slug)
    answer = services.reply(actor, update_id, body=payload.body)
    (answer,) = [r for r in selectors.replies(actor, answer.update) if r.id == answer.id]
    return Status(201, answer)


@ops.get(
    "/{slug}/updates/{update_id}/counts",
    CountsOut,
    description="Policy action `update.counts` (the author, the steering committee): "
    "delivered, opened in the app, acknowledged; names only of members you may see who "
    "did not choose to be counted but not named.",
)
def get_update_counts(request, slug: Slug, update_id: PathId):
    actor = api_actor(request, slug)
    return selectors.counts(actor, selectors.update(actor, update_id))
