"""Members as the actor may see them: the directory, one member, its organisation."""

from dataclasses import dataclass
from functools import lru_cache

from django.db.models import (
    BooleanField,
    ExpressionWrapper,
)
from django.utils.translation import get_language
from django_countries import countries

from coalesce.coalitions import policy
from coalesce.coalitions.models import (
    ActorType,
    CommitteeSeat,
    Membership,
    MembershipStatus,
    Organisation,
)
from coalesce.core.crypto import normalise
from coalesce.core.errors import NotFound


@dataclass(frozen=True)
class MemberRow:
    id: int
    name: str
    is_alias: bool
    kind: str  # "organisation" or "person"
    actor_type: str  # label, empty when hidden
    actor_type_code: str
    country: str  # name, empty when hidden
    country_code: str
    status: str
    status_label: str
    visibility: str
    is_own: bool


def member_queryset(actor):
    return (
        Membership.objects.filter(coalition=actor.coalition)
        .filter(policy.listed_memberships_filter(actor))
        .select_related("organisation", "person")
    )


# Labels looked up once per language, not once per row: the member export writes 1,700
# rows, and translating a country's or a status's name each time was most of its cost.
@lru_cache(maxsize=1024)
def _country_name(code: str, language) -> str:
    return countries.name(code)


@lru_cache(maxsize=64)
def _status_label(status: str, language) -> str:
    """What ``Membership.get_status_display()`` gives."""
    return str(MembershipStatus(status).label) if status in MembershipStatus.values else status


def member_row(actor, membership) -> MemberRow:
    shown = policy.sees_identity(actor, membership)
    organisation = membership.organisation
    actor_type = organisation.actor_type if (shown and organisation) else ""
    country = organisation.country.code if (shown and organisation) else ""
    return MemberRow(
        id=membership.id,
        name=membership.real_name if shown else membership.alias,
        is_alias=not shown,
        kind="organisation" if membership.organisation_id else "person",
        actor_type=ActorType(actor_type).label if actor_type else "",
        actor_type_code=actor_type,
        country=_country_name(country, get_language()) if country else "",
        country_code=country,
        status=membership.status,
        status_label=_status_label(membership.status, get_language()),
        visibility=membership.visibility,
        is_own=membership.id in actor.own_membership_ids,
    )


def listed_members(actor, *, query="", actor_type="", country="", status=""):
    """Memberships the actor may see listed, filtered like the directory. Searching and
    filtering only ever look at identities the actor may see, so a search for a hidden
    name finds nothing rather than an alias."""
    members = member_queryset(actor)
    if status:
        members = members.filter(status=status)
    identity = policy.identity_memberships_filter(actor)
    if actor_type:
        members = members.filter(identity, organisation__actor_type=actor_type)
    if country:
        members = members.filter(identity, organisation__country=country.upper())
    query = normalise((query or "").strip()[:100])
    if query:
        members = members.filter(id__in=matching_member_ids(actor, members, query))
    return members


def matching_member_ids(actor, members, query) -> list[int]:
    """Ids (ascending) of ``members`` whose name as the actor sees it (the real one, or
    else the alias) contains ``query``, case and spacing aside. Names are encrypted, so
    SQL cannot search them: they are read (one query, within one coalition) and compared
    here."""
    query = normalise(query)
    rows = (
        members.annotate(
            identity_shown=ExpressionWrapper(
                policy.identity_memberships_filter(actor), output_field=BooleanField()
            )
        )
        .order_by("id")
        .values_list("id", "identity_shown", "alias", "organisation__name", "person__full_name")
    )
    return [
        pk
        for pk, shown, alias, organisation_name, person_name in rows
        if query in normalise((organisation_name or person_name) if shown else alias)
    ]


def member_directory(
    actor, *, query="", actor_type="", country="", status="", offset=0, limit=100
) -> tuple[list[MemberRow], int]:
    """The member list a person may see, filtered, with the number of matches."""
    members = listed_members(actor, actor_type=actor_type, country=country, status=status)
    query = (query or "").strip()[:100]
    if query:
        # The search has the matching ids already: count and page them here.
        ids = matching_member_ids(actor, members, query)
        total = len(ids)
        page = members.filter(id__in=ids[offset : offset + limit]).order_by("id")
    else:
        total = members.count()
        page = members.order_by("id")[offset : offset + limit]
    rows = sorted((member_row(actor, m) for m in page), key=lambda r: r.name.lower())
    return rows, total


def visible_membership(actor, membership_id) -> Membership:
    """One membership the actor may see listed, or NotFound (never 'exists but hidden')."""
    membership = member_queryset(actor).filter(pk=membership_id).first()
    if membership is None:
        raise NotFound()
    return membership


def representatives(actor, membership) -> list[str]:
    """Names of the people who represent a membership, if its identity is visible."""
    if not policy.sees_identity(actor, membership):
        return []
    if membership.person_id:
        return [membership.person.full_name]
    # Sorted here: the names are encrypted.
    return sorted(
        membership.organisation.people.values_list("full_name", flat=True), key=str.casefold
    )


def member_seats(actor, membership) -> list[CommitteeSeat]:
    """The committee seats of a membership the caller has already found listed."""
    return list(
        CommitteeSeat.objects.filter(membership=membership, committee__coalition=actor.coalition)
        .select_related("committee")
        .order_by("committee__name")
    )


def by_name(organisations) -> list[Organisation]:
    """Organisations sorted by name (in Python: names are encrypted)."""
    return sorted(organisations, key=lambda o: (o.name.casefold(), o.id))


def prospective_organisations(actor, *, prefetch=()) -> list[Organisation]:
    """Organisations registered without a membership (steering committee only), by name."""
    return by_name(
        Organisation.objects.filter(
            coalition=actor.coalition, membership__isnull=True
        ).prefetch_related(*prefetch)
    )


def member_organisations(actor) -> list[Organisation]:
    """Organisations of listed memberships whose identity the actor may see, by name."""
    return by_name(
        Organisation.objects.filter(coalition=actor.coalition, membership__isnull=False)
        .filter(policy.identity_memberships_filter(actor, "membership__"))
        .select_related("membership")
        .prefetch_related("focus_areas")
    )
