"""Actor types, countries and focus areas among the members."""

from dataclasses import dataclass

from django.db.models import (
    Count,
    Q,
)
from django_countries import countries

from coalesce.coalitions import policy
from coalesce.coalitions.models import (
    ActorType,
    FocusArea,
    Membership,
    MembershipStatus,
)


@dataclass(frozen=True)
class Share:
    code: str
    label: str
    count: int


def diversity(actor) -> dict:
    """Actor types, countries and focus areas among active members whose identity the
    actor may see: present ones with counts, and the missing ones."""
    members = Membership.objects.filter(
        policy.identity_memberships_filter(actor),
        coalition=actor.coalition,
        status=MembershipStatus.ACTIVE,
        organisation__isnull=False,
    )
    by_type = dict(
        members.values_list("organisation__actor_type").annotate(n=Count("id")).order_by()
    )
    by_country = dict(
        members.values_list("organisation__country").annotate(n=Count("id")).order_by()
    )
    areas = (
        FocusArea.objects.filter(coalition=actor.coalition)
        .annotate(n=Count("organisations", filter=Q(organisations__membership__in=members)))
        .order_by("name")
    )
    types = [Share(code, label, by_type.get(code, 0)) for code, label in ActorType.choices]
    return {
        "actor_types": [s for s in types if s.count],
        "missing_actor_types": [s for s in types if not s.count],
        "countries": sorted(
            (Share(code, countries.name(code), n) for code, n in by_country.items()),
            key=lambda s: (-s.count, s.label),
        ),
        "focus_areas": [Share(str(a.id), a.name, a.n) for a in areas if a.n],
        "missing_focus_areas": [Share(str(a.id), a.name, 0) for a in areas if not a.n],
        "organisations": sum(by_type.values()),
    }
