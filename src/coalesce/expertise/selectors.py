"""Reads of a coalition's expertise, filtered by what the actor may see.

Every list reads memberships through ``coalitions.policy.listed_memberships_filter``
in SQL, so an offer, request or response of a member the reader may not see listed is
neither shown nor counted; who offers, asks or answers is shown with
``coalitions.selectors.member_row`` (the alias of a pseudonymous member).

``requests_for(actor, since=None)`` is "the requests that reach me"; a digest reads the
same for a whole batch of readers at once (``requests_reaching``).
"""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q

from coalesce.coalitions import policy as coalition_policy
from coalesce.coalitions.models import Membership, MembershipStatus
from coalesce.coalitions.selectors import MemberRow, member_row
from coalesce.core.errors import NotFound
from coalesce.core.validation import clean_choice
from coalesce.expertise import policy
from coalesce.expertise.limits import DIRECTORY_PAGE, MAX_LISTED, MAX_QUERY
from coalesce.expertise.models import (
    Entry,
    HelpRequest,
    Kind,
    RequestStatus,
    Response,
    Side,
    Topic,
)
from coalesce.expertise.rules import clean_language, reaches

WHO = ("membership__organisation", "membership__person")


@dataclass(frozen=True)
class Listed:
    """An offer, need, request or response, with its member as the reader may see it."""

    item: object
    member: MemberRow


def _listed(actor, rows) -> list[Listed]:
    return [Listed(row, member_row(actor, row.membership)) for row in rows]


def acting_membership(actor) -> Membership | None:
    """The active membership the actor acts for (its organisation's, or its own)."""
    if not actor.own_membership_ids:
        return None
    return (
        Membership.objects.filter(
            coalition=actor.coalition,
            id__in=actor.own_membership_ids,
            status=MembershipStatus.ACTIVE,
        )
        .select_related("organisation", "person")
        .order_by("id")
        .first()
    )


def _active_listed(actor) -> Q:
    """Memberships the actor sees listed, and active (offers and requests of a member
    that is suspended or has left are not in the directory)."""
    return coalition_policy.listed_memberships_filter(actor, "membership__") & Q(
        membership__status=MembershipStatus.ACTIVE
    )


@dataclass(frozen=True)
class OwnExpertise:
    membership: Membership | None  # the active membership the actor acts for
    offers: list[Entry]
    needs: list[Entry]
    reaching: int  # open requests for a kind of help it offers (``requests_for``)
    may_edit: bool


def own_expertise(actor) -> OwnExpertise:
    """What the actor's organisation offers and needs, and how many requests reach it."""
    policy.require(actor, "expertise.view")
    membership = acting_membership(actor)
    entries = []
    if membership is not None:
        entries = list(Entry.objects.filter(membership=membership).order_by("topic", "id"))
    return OwnExpertise(
        membership=membership,
        offers=[entry for entry in entries if entry.side == Side.OFFER],
        needs=[entry for entry in entries if entry.side == Side.NEED],
        reaching=requests_for(actor).count(),
        may_edit=membership is not None and policy.allows(actor, "expertise.edit", membership),
    )


def directory(
    actor, *, query="", topic="", kind="", language="", side=Side.OFFER, offset=0, limit=None
) -> tuple[list[Listed], int]:
    """The directory of expertise: entries of members the actor sees listed, filtered,
    newest first, one page (``limit`` ≤ 200) with the number of matches. An unknown
    side, topic, kind or language is a ``DomainError`` on its field."""
    policy.require(actor, "expertise.view")
    for field, value, choices in (
        ("side", side, Side),
        ("topic", topic, Topic),
        ("kind", kind, Kind),
    ):
        if value:
            clean_choice(value, choices, field)
    language = clean_language(language)
    limit = min(max(int(limit or DIRECTORY_PAGE), 1), 200)
    offset = max(int(offset or 0), 0)
    rows = Entry.objects.filter(coalition=actor.coalition).filter(_active_listed(actor))
    for field, value in (("side", side), ("topic", topic), ("kind", kind), ("language", language)):
        if value:
            rows = rows.filter(**{field: value})
    query = (query or "").strip()[:MAX_QUERY]
    if query:
        rows = rows.filter(text__icontains=query)
    total = rows.count()
    page = rows.select_related(*WHO).order_by("-created_at", "-id")[offset : offset + limit]
    return _listed(actor, page), total


def visible_requests(actor):
    """Requests whose asker the actor sees listed (active members only)."""
    return HelpRequest.objects.filter(coalition=actor.coalition).filter(_active_listed(actor))


def requests_for(actor, since=None):
    """The open requests that reach the actor and that it has not answered: asked by
    another member it sees listed, for a kind of help the actor's active membership
    offers (``rules.reaches``: same topic; same language when both name one), posted
    after ``since`` when given (a digest passes the time of its last sending). Newest
    first; a queryset, so a page slices it and a digest counts it."""
    if not policy.allows(actor, "expertise.view") or not actor.own_membership_ids:
        return HelpRequest.objects.none()
    mine = actor.own_membership_ids
    offers = Entry.objects.filter(
        membership_id__in=mine,
        membership__status=MembershipStatus.ACTIVE,
        side=Side.OFFER,
        topic=OuterRef("topic"),
    )
    same_language = offers.filter(Q(language="") | Q(language=OuterRef("language")))
    answered = Response.objects.filter(request=OuterRef("pk"), membership_id__in=mine)
    rows = (
        visible_requests(actor)
        .filter(status=RequestStatus.OPEN)
        .exclude(membership_id__in=mine)
        .filter(Exists(same_language) | (Q(language="") & Exists(offers)))
        .exclude(Exists(answered))
    )
    if since is not None:
        rows = rows.filter(created_at__gt=since)
    return rows.order_by("-created_at", "-id")


def requests_reaching(actors: dict, since: dict) -> dict[object, list[Listed]]:
    """``requests_for`` of a whole batch of readers in three queries, for digests: key →
    the open requests that reach that reader, asked after ``since[key]``, newest first.
    ``actors``: key → actor (all of one coalition). The same rules as ``requests_for``:
    ``rules.reaches``, the asker listed for the reader and not the reader's own
    membership, not yet answered by it."""
    readers = {
        k: a
        for k, a in actors.items()
        if a.own_membership_ids and policy.allows(a, "expertise.view")
    }
    found: dict[object, list[Listed]] = {key: [] for key in actors}
    if not readers:
        return found
    mine = set().union(*(a.own_membership_ids for a in readers.values()))
    coalition = next(iter(readers.values())).coalition
    asked = list(
        HelpRequest.objects.filter(
            coalition=coalition,
            status=RequestStatus.OPEN,
            membership__status=MembershipStatus.ACTIVE,
            created_at__gt=min(since[key] for key in readers),
        )
        .select_related(*WHO)
        .order_by("-created_at", "-id")
    )
    offers: dict[int, list[tuple[str, str]]] = {}
    for membership_id, topic, language in Entry.objects.filter(
        membership_id__in=mine, membership__status=MembershipStatus.ACTIVE, side=Side.OFFER
    ).values_list("membership_id", "topic", "language"):
        offers.setdefault(membership_id, []).append((topic, language))
    answered = set(
        Response.objects.filter(request__in=asked, membership_id__in=mine).values_list(
            "request_id", "membership_id"
        )
    )
    for key, reader in readers.items():
        for request in asked:
            if request.created_at > since[key] and _reaches(reader, request, offers, answered):
                found[key].append(Listed(request, member_row(reader, request.membership)))
    return found


def _reaches(reader, request, offers, answered) -> bool:
    mine = reader.own_membership_ids
    if request.membership_id in mine or not coalition_policy.is_listed(reader, request.membership):
        return False
    if any((request.id, membership_id) in answered for membership_id in mine):
        return False
    return any(
        reaches(topic, language, request.topic, request.language)
        for membership_id in mine
        for topic, language in offers.get(membership_id, ())
    )


def request_lists(actor) -> dict[str, list[Listed]]:
    """The requests page: those for the actor's kind of help, every open one, and the
    actor's organisation's own (with how many answers it may see)."""
    policy.require(actor, "expertise.view")
    mine = actor.own_membership_ids
    own = (
        visible_requests(actor)
        .filter(membership_id__in=mine)
        .annotate(answers=Count("responses", filter=_responses_listed(actor, "responses__")))
    )
    return {
        "for_me": _listed(actor, requests_for(actor).select_related(*WHO)[:MAX_LISTED]),
        "open": _listed(
            actor,
            visible_requests(actor)
            .filter(status=RequestStatus.OPEN)
            .select_related(*WHO)
            .order_by("-created_at", "-id")[:MAX_LISTED],
        ),
        "own": _listed(actor, own.select_related(*WHO).order_by("-created_at", "-id")[:MAX_LISTED])
        if mine
        else [],
    }


def _responses_listed(actor, prefix="") -> Q:
    return coalition_policy.listed_memberships_filter(actor, f"{prefix}membership__")


@dataclass(frozen=True)
class RequestView:
    request: HelpRequest
    asker: MemberRow
    responses: list[Listed]  # those the actor may read
    answered: bool  # the actor's organisation has answered it
    may_respond: bool
    may_close: bool


def help_request(actor, request_id) -> RequestView:
    """One request and the responses the actor may read: all of them (those whose
    members it sees listed) for the member that asked and for the steering committee,
    admins and custodians; otherwise only its own organisation's."""
    policy.require(actor, "expertise.view")
    request = visible_requests(actor).select_related(*WHO).filter(pk=request_id).first()
    if request is None:
        raise NotFound()
    mine = actor.own_membership_ids
    responses = request.responses.filter(_responses_listed(actor))
    if request.membership_id not in mine and not actor.sees_all_statuses:
        responses = responses.filter(membership_id__in=mine)
    shown = _listed(actor, responses.select_related(*WHO).order_by("created_at", "id")[:MAX_LISTED])
    answered = any(row.item.membership_id in mine for row in shown)
    is_open = request.status == RequestStatus.OPEN
    return RequestView(
        request=request,
        asker=member_row(actor, request.membership),
        responses=shown,
        answered=answered,
        may_respond=is_open
        and not answered
        and policy.allows(actor, "expertise.respond", request)
        and policy.allows(actor, "expertise.request"),
        may_close=is_open and policy.allows(actor, "expertise.close", request),
    )
