"""Committees, their seats, and the members on none."""

from django.db.models import (
    Case,
    Count,
    Exists,
    OuterRef,
    Prefetch,
    When,
)
from django.db.models.functions import Lower

from coalesce.coalitions import policy
from coalesce.coalitions.models import (
    Committee,
    CommitteeKind,
    CommitteeSeat,
    Membership,
    MembershipStatus,
)
from coalesce.coalitions.selectors.members import MemberRow, member_queryset, member_row

# Steering committee first, then by name.
COMMITTEE_ORDER = (Case(When(kind=CommitteeKind.STEERING, then=0), default=1), Lower("name"), "id")


def committees(actor, committee_id=None, *, offset=0, limit=None) -> list[Committee]:
    """Committees, steering first then by name, each with ``visible_seats`` masked by
    the policy; only the one with ``committee_id`` when given (a committee's page need
    not load every seat of every committee), or the page ``offset``/``limit``."""
    seats = (
        CommitteeSeat.objects.filter(policy.listed_memberships_filter(actor, "membership__"))
        .select_related("membership__organisation", "membership__person", "person")
        # Seats never show contact details: do not read (and decrypt) them.
        .defer(*(f"membership__{name}" for name in Membership.CONTACT_FIELDS))
    )
    found = Committee.objects.filter(coalition=actor.coalition).order_by(*COMMITTEE_ORDER)
    if committee_id is not None:
        found = found.filter(pk=committee_id)
    if limit is not None:
        found = found[offset : offset + limit]
    return list(found.prefetch_related(Prefetch("seats", queryset=seats, to_attr="visible_seats")))


def committee_summaries(actor, limit: int | None = None) -> list[Committee]:
    """Committees, steering first then by name, each with ``seat_count``: the seats the
    actor may see listed, counted in SQL (one query, however many committees and seats).
    ``limit`` keeps the first ones only (the dashboard)."""
    listed = policy.listed_memberships_filter(actor, "seats__membership__")
    found = (
        Committee.objects.filter(coalition=actor.coalition)
        .annotate(seat_count=Count("seats", filter=listed))
        .order_by(*COMMITTEE_ORDER)
    )
    return list(found[:limit] if limit is not None else found)


def active_member_counts(actor) -> tuple[int, int]:
    """(active members the actor may see, those of them on no committee): one query."""
    counts = (
        member_queryset(actor)
        .filter(status=MembershipStatus.ACTIVE)
        .aggregate(
            total=Count("id"),
            uncovered=Count(
                "id", filter=~Exists(CommitteeSeat.objects.filter(membership=OuterRef("pk")))
            ),
        )
    )
    return counts["total"], counts["uncovered"]


def seat_label(actor, seat) -> str:
    name = policy.display_name(actor, seat.membership)
    if seat.person_id and policy.sees_identity(actor, seat.membership):
        return f"{seat.person.full_name} ({name})"
    return name


def members_without_committee(actor) -> list[MemberRow]:
    """Active members the actor can see who sit on no committee (the Annex's rule)."""
    members = (
        member_queryset(actor)
        .filter(status=MembershipStatus.ACTIVE)
        .filter(~Exists(CommitteeSeat.objects.filter(membership=OuterRef("pk"))))
        .order_by("id")
    )
    return sorted((member_row(actor, m) for m in members), key=lambda r: r.name.lower())
