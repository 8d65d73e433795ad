"""The caller's notifications in a coalition."""

from datetime import datetime

from ninja import Field, Query, Schema

from coalesce.coalitions.access import api_actor
from coalesce.core.api import Body, Id, Slug
from coalesce.decisions import selectors, services
from coalesce.decisions.api.common import ops


class NotificationOut(Schema):
    id: int
    text: str
    proposal_id: int | None = None
    created_at: datetime
    read_at: datetime | None = None


class NotificationFilters(Schema):
    unread: bool = False


class NotificationsReadIn(Body):
    ids: list[Id] | None = Field(
        None, max_length=500, description="Which to mark read; omit to mark all read."
    )


class MarkedOut(Schema):
    marked: int


@ops.get(
    "/{slug}/notifications",
    list[NotificationOut],
    description="Policy action `decisions.list`: your latest 100 notifications here.",
)
def list_notifications(request, slug: Slug, filters: Query[NotificationFilters]):
    actor = api_actor(request, slug, "decisions.list")
    return list(selectors.notifications(actor, unread_only=filters.unread))


@ops.post(
    "/{slug}/notifications/read",
    MarkedOut,
    description="Policy action `decisions.list`: marks your notifications here as read.",
)
def mark_notifications_read(request, slug: Slug, payload: NotificationsReadIn):
    actor = api_actor(request, slug)
    return {"marked": services.mark_notifications_read(actor, payload.ids)}
