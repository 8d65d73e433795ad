"""Reads for coalition pages and the API: each returns only what the actor may see.

Every selector filters in SQL through the policy's membership filters, so rows,
counts and breakdowns never include members hidden from the actor.
"""

from dataclasses import dataclass
from functools import lru_cache

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Prefetch,
    Q,
    When,
)
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import get_language
from django_countries import countries

from coalesce.accounts.models import Invitation
from coalesce.coalitions import policy
from coalesce.coalitions.models import (
    ActorType,
    Application,
    ApplicationStatus,
    CharterPolicy,
    Coalition,
    CoalitionStaff,
    Committee,
    CommitteeKind,
    CommitteeSeat,
    FocusArea,
    Membership,
    MembershipStatus,
    Organisation,
    Person,
    PolicyKind,
    PolicyStatus,
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


# Steering committee first, then by name.
COMMITTEE_ORDER = (Case(When(kind=CommitteeKind.STEERING, then=0), default=1), Lower("name"), "id")


def _member_queryset(actor):
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
    members = _member_queryset(actor)
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
    membership = _member_queryset(actor).filter(pk=membership_id).first()
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
        .order_by(Case(When(kind=CommitteeKind.STEERING, then=0), default=1), Lower("name"), "id")
    )
    return list(found[:limit] if limit is not None else found)


def active_member_counts(actor) -> tuple[int, int]:
    """(active members the actor may see, those of them on no committee): one query."""
    counts = (
        _member_queryset(actor)
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
        _member_queryset(actor)
        .filter(status=MembershipStatus.ACTIVE)
        .filter(~Exists(CommitteeSeat.objects.filter(membership=OuterRef("pk"))))
        .order_by("id")
    )
    return sorted((member_row(actor, m) for m in members), key=lambda r: r.name.lower())


def pending_applications(actor):
    return Application.objects.filter(
        coalition=actor.coalition, status=ApplicationStatus.PENDING
    ).order_by("created_at")


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


def member_organisations(actor) -> list[Organisation]:
    """Organisations of listed memberships whose identity the actor may see, by name."""
    return by_name(
        Organisation.objects.filter(coalition=actor.coalition, membership__isnull=False)
        .filter(policy.identity_memberships_filter(actor, "membership__"))
        .select_related("membership")
        .prefetch_related("focus_areas")
    )


def active_requirements(actor):
    from coalesce.coalitions.models import EligibilityRequirement

    return EligibilityRequirement.objects.filter(coalition=actor.coalition, is_active=True)


def application(actor, application_id) -> Application:
    """One application of this coalition (the caller checks ``application.view``)."""
    found = (
        Application.objects.filter(coalition=actor.coalition, pk=application_id)
        .select_related("membership__organisation", "membership__person")
        .prefetch_related("answers__requirement", "focus_areas")
        .first()
    )
    if found is None:
        raise NotFound()
    return found


@dataclass(frozen=True)
class Answer:
    requirement_id: int
    requirement: str
    answer: str


@dataclass(frozen=True)
class ApplicationView:
    """What one person may read of an application — the page and the API both show
    this, so neither can show what the other masks. When the applicant became a
    protected member the actor may not identify, everything that could identify them
    is empty and ``name`` is the membership's alias."""

    id: int
    kind: str
    kind_label: str
    status: str
    status_label: str
    created_at: object
    decided_at: object
    reason: str
    name: str
    identity_shown: bool
    person_name: str = ""
    organisation_name: str = ""
    actor_type: str = ""
    actor_type_label: str = ""
    country: str = ""
    country_name: str = ""
    website: str = ""
    statement: str = ""
    requested_visibility: str = ""
    requested_visibility_label: str = ""
    alias: str = ""
    focus_areas: tuple = ()
    answers: tuple = ()
    membership_id: int | None = None


def application_view(actor, found: Application) -> ApplicationView:
    """An application (read with ``application``) as ``actor`` may read it; checks
    ``application.view``."""
    policy.require(actor, "application.view", found)
    base = {
        "id": found.id,
        "kind": found.kind,
        "kind_label": found.get_kind_display(),
        "status": found.status,
        "status_label": found.get_status_display(),
        "created_at": found.created_at,
        "decided_at": found.decided_at,
        "reason": found.reason,
        "name": policy.application_name(actor, found),
        "identity_shown": policy.sees_application_identity(actor, found),
    }
    if not base["identity_shown"]:
        return ApplicationView(**base)
    answers = sorted(found.answers.all(), key=lambda a: (a.requirement.position, a.requirement_id))
    return ApplicationView(
        **base,
        person_name=found.person_name,
        organisation_name=found.organisation_name,
        actor_type=found.actor_type,
        actor_type_label=found.get_actor_type_display() if found.actor_type else "",
        country=found.country.code if found.country else "",
        country_name=found.country.name if found.country else "",
        website=found.website,
        statement=found.statement,
        requested_visibility=found.requested_visibility,
        requested_visibility_label=found.get_requested_visibility_display(),
        alias=found.alias,
        focus_areas=tuple(a.name for a in found.focus_areas.all()),
        answers=tuple(Answer(a.requirement_id, a.requirement.text, a.answer) for a in answers),
        membership_id=found.membership_id,
    )


# --- member and application pages ---------------------------------------------------


def member_seats(actor, membership) -> list[CommitteeSeat]:
    """The committee seats of a membership the caller has already found listed."""
    return list(
        CommitteeSeat.objects.filter(membership=membership, committee__coalition=actor.coalition)
        .select_related("committee")
        .order_by("committee__name")
    )


def decided_applications(actor, limit=20) -> list[Application]:
    """The most recently decided or withdrawn applications (the caller checks the policy)."""
    return list(
        Application.objects.filter(coalition=actor.coalition)
        .exclude(status=ApplicationStatus.PENDING)
        .select_related("membership__organisation", "membership__person")
        .order_by("-decided_at", "-created_at")[:limit]
    )


def own_pending_application(actor) -> Application | None:
    if actor.user is None:
        return None
    return Application.objects.filter(
        coalition=actor.coalition, applicant=actor.user, status=ApplicationStatus.PENDING
    ).first()


def staff_roles(actor):
    """Staff roles (administrators, custodians) of the actor's coalition."""
    from coalesce.coalitions.models import CoalitionStaff

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


def application_prefill(actor) -> dict:
    """Initial values of the actor's application: their name as they gave it when signing
    up, and what the invitation they accepted carries (a prospective partner's details)."""
    invitation = accepted_invitation(actor.coalition, actor.user)
    return {"person_name": actor.user.display_name, **(invitation.prefill if invitation else {})}


def accepted_invitation(coalition, user):
    """The newest invitation to ``coalition`` that ``user`` accepted, or None."""
    if user is None:
        return None
    return (
        Invitation.objects.filter(coalition=coalition, accepted_by=user)
        .order_by("-accepted_at", "-id")
        .first()
    )
