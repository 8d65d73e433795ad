"""What awaits the viewer on the dashboard, gathered from every app without coalitions
importing them, in one query.

An app registers a provider (``register(kind, rows, url)``, from its ``AppConfig.ready``):
``rows(actor)`` is a queryset of that app's things waiting for the actor — a decision
waiting for their vote, a meeting poll they have not answered, an update asking them to
acknowledge it — shaped by ``waiting_rows`` (or None when the actor has none of that kind);
``url(actor, pk)`` is the page where it is done. ``awaiting_for(actor)`` reads every
provider's rows in a single UNION query and lists them, the nearest deadline first.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.db.models import CharField, DateTimeField, F, IntegerField, Value

PER_PROVIDER = 5  # the rest are on each app's own list, which the dashboard links to
COLUMNS = ("awaiting_kind", "pk", "awaiting_title", "awaiting_due", "awaiting_count")


@dataclass(frozen=True)
class Awaiting:
    """One thing that waits for the viewer: what to do, where, and by when (if ever)."""

    kind: str  # "vote", "poll", "acknowledge", "applications": for the page's wording
    title: str
    url: str
    due: datetime | None = None
    count: int = 1  # several of a kind behind one link (applications to review)


@dataclass(frozen=True)
class Provider:
    kind: str
    rows: Callable  # (actor) -> queryset of COLUMNS, or None
    url: Callable  # (actor, pk) -> str


_providers: dict[str, Provider] = {}


def register(kind: str, rows: Callable, url: Callable) -> None:
    _providers[kind] = Provider(kind, rows, url)


def waiting_rows(queryset, kind, *, order, due=None, title="title", count=None):
    """The first ``PER_PROVIDER`` rows of ``queryset`` (by ``order``) as a provider gives
    them: kind, pk, title, due (a field name, or None) and count (an expression, or 1)."""
    first = queryset.order_by(*order).values("pk")[:PER_PROVIDER]
    return (
        queryset.model.objects.filter(pk__in=first)
        .order_by()  # no ORDER BY inside a UNION
        .annotate(
            awaiting_kind=Value(kind, output_field=CharField()),
            awaiting_title=F(title) if title else Value("", output_field=CharField()),
            awaiting_due=F(due) if due else Value(None, output_field=DateTimeField()),
            awaiting_count=count if count is not None else Value(1, output_field=IntegerField()),
        )
        .values_list(*COLUMNS)
    )


def awaiting_for(actor) -> list[Awaiting]:
    parts = [rows for p in _providers.values() if (rows := p.rows(actor)) is not None]
    if not parts:
        return []
    found = [
        Awaiting(kind, title, _providers[kind].url(actor, pk), due, count)
        for kind, pk, title, due, count in parts[0].union(*parts[1:], all=True)
    ]
    return sorted(found, key=lambda item: (item.due is None, item.due or datetime.min))
