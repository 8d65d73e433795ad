"""Coalitions, their charter, focus areas, staff and next steps."""

from dataclasses import dataclass

from django.utils import timezone

from coalesce.coalitions.models import (
    ApplicationStatus,
    CharterPolicy,
    Coalition,
    CoalitionStaff,
    CommitteeKind,
    CommitteeSeat,
    FocusArea,
    MembershipStatus,
    Person,
    PolicyKind,
    PolicyStatus,
)


def charter(coalition):
    """The charter's policies in the Annex's order, with completeness counts."""
    items = {p.kind: p for p in CharterPolicy.objects.filter(coalition=coalition)}
    ordered = [items[kind] for kind in PolicyKind.values if kind in items]
    counts = {status: 0 for status in PolicyStatus.values}
    for item in ordered:
        counts[item.status] += 1
    total = len(ordered) or 1
    return {
        "policies": ordered,
        "counts": counts,
        "percent_agreed": round(100 * counts[PolicyStatus.AGREED] / total),
    }


def focus_areas(actor) -> list[FocusArea]:
    """The coalition's focus areas, by name (the caller checks ``requirements.view``)."""
    return list(FocusArea.objects.filter(coalition=actor.coalition).order_by("name"))


def coalitions_for(user):
    """(coalitions the user is tied to, other coalitions with a public page), by name."""
    if user is not None and user.is_authenticated:
        ids = set(Person.objects.filter(user=user).values_list("coalition_id", flat=True))
        ids |= set(CoalitionStaff.objects.filter(user=user).values_list("coalition_id", flat=True))
        mine = Coalition.objects.filter(id__in=ids).order_by("name")
    else:
        mine = Coalition.objects.none()
    public = Coalition.objects.filter(has_public_page=True).exclude(id__in=mine.values("id"))
    return mine, public.order_by("name")


def staff_roles(actor):
    """Staff roles (administrators, custodians) of the actor's coalition."""
    return (
        CoalitionStaff.objects.filter(coalition=actor.coalition)
        .select_related("user")
        .order_by("role", "user__email")
    )


@dataclass(frozen=True)
class NextSteps:
    """Where a new coalition stands on the way to working: for its "next steps" page."""

    policies_agreed: int
    policies_total: int
    active_members: int
    open_invitations: int
    steering_seats: int
    join_mode: str
    pending_applications: int

    @property
    def has_other_members(self) -> bool:
        return self.active_members > 1


def next_steps(actor) -> NextSteps:
    coalition = actor.coalition
    counts = charter(coalition)["counts"]
    return NextSteps(
        policies_agreed=counts.get(PolicyStatus.AGREED, 0),
        policies_total=sum(counts.values()),
        active_members=coalition.memberships.filter(status=MembershipStatus.ACTIVE).count(),
        open_invitations=coalition.invitations.filter(
            accepted_at__isnull=True, expires_at__gt=timezone.now(), invited_by__isnull=False
        ).count(),
        steering_seats=CommitteeSeat.objects.filter(
            committee__coalition=coalition,
            committee__kind=CommitteeKind.STEERING,
            membership__status=MembershipStatus.ACTIVE,
        ).count(),
        join_mode=coalition.join_mode,
        pending_applications=coalition.applications.filter(
            status=ApplicationStatus.PENDING
        ).count(),
    )
