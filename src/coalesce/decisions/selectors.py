"""Reads for decision pages and the API, filtered by the policies.

Who someone is shown as (a proposal's author, a conflict's raiser or owner, a voter, a
comment's author) is worked out here only, so a page and the API show the same label.
"""

import hashlib
from dataclasses import dataclass

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coalesce.coalitions import policy as coalition_policy
from coalesce.coalitions.awaiting import waiting_rows
from coalesce.coalitions.models import Committee, MembershipStatus, Person, Visibility
from coalesce.core.errors import NotFound
from coalesce.decisions import mix, policy
from coalesce.decisions.models import (
    Ballot,
    Category,
    Conflict,
    Elector,
    Notification,
    Outcome,
    Proposal,
    ProposalStatus,
    Rule,
    SecretBallot,
)


def receipt_hash(code: str) -> str:
    return hashlib.sha256(code.strip().upper().encode()).hexdigest()


def elector_keys(actor) -> list[str]:
    """The keys of the elector rows that may be the actor's (``Elector.key``)."""
    return [f"m{m}" for m in actor.own_membership_ids] + [f"p{p}" for p in actor.person_ids]


def count_positions(proposal) -> dict[str, int]:
    """Counts per position, in SQL, from the right table for the ballot kind (for a
    secret ballot still open, with the ballots still sealed in the mix)."""
    source = SecretBallot if proposal.rule.secret else Ballot
    rows = source.objects.filter(proposal=proposal).values_list("position").annotate(n=Count("pk"))
    counts = dict(rows.order_by())
    if proposal.rule.secret and proposal.status == ProposalStatus.OPEN:
        for position, n in mix.sealed_counts(proposal).items():
            counts[position] = counts.get(position, 0) + n
    return counts


def categories(actor):
    return (
        Category.objects.filter(coalition=actor.coalition)
        .prefetch_related("rules")
        .order_by("name")
    )


def categories_with_rules(actor) -> list[Category]:
    """The categories with every rule version, newest first, with their committee and
    the proposal that adopted them."""
    versions = Rule.objects.select_related("committee", "adopted_by").order_by("-version")
    return list(
        Category.objects.filter(coalition=actor.coalition)
        .prefetch_related(Prefetch("rules", queryset=versions))
        .order_by("name")
    )


def categories_without_rule(actor) -> list[Category]:
    return list(
        Category.objects.filter(coalition=actor.coalition, rules__isnull=True).order_by("name")
    )


def charter_category(categories) -> Category | None:
    return next((c for c in categories if c.slug == Category.CHARTER_SLUG), None)


def committees(actor) -> list[Committee]:
    return list(Committee.objects.filter(coalition=actor.coalition).order_by("name"))


def proposals(actor, *, status=""):
    policy.require(actor, "decisions.list")
    found = Proposal.objects.filter(coalition=actor.coalition).select_related("category", "rule")
    if status:
        found = found.filter(status=status)
    return found.order_by("-created_at")


def proposal(actor, proposal_id, *, with_counts=False) -> Proposal:
    """One proposal the actor may see; ``with_counts`` annotates the counts
    ``participation`` needs in the same query (see ``with_participation``)."""
    found = Proposal.objects.filter(coalition=actor.coalition, pk=proposal_id).select_related(
        "category", "rule", "rule__committee", "conflict"
    )
    if with_counts:
        found = with_participation(found)
    found = found.first()
    if found is None or not policy.allows(actor, "proposal.view", found):
        raise NotFound()
    return found


@dataclass(frozen=True)
class Voice:
    """A position as others see it: by a member's shown name, or its alias."""

    name: str
    position: str
    reason: str


@dataclass(frozen=True)
class _Listed:
    """What the membership policy (``is_listed``, ``sees_identity``, ``display_name``)
    reads of a membership, from a plain row."""

    id: int
    status: str
    visibility: str
    alias: str
    real_name: str


def open_positions(actor, proposal) -> list[Voice]:
    """Who holds which position, for an open ballot: names masked by the coalition policy."""
    return [voice(actor, row) for row in open_position_rows(proposal)]


def open_position_rows(proposal) -> list[tuple]:
    """Every open ballot as a plain row ``(position, reason, …)`` in a stable order, for
    pages that count all of them but name only a page of them (see ``voice``)."""
    if proposal.rule is None or proposal.rule.secret:
        return []
    # Plain rows, not model instances: a decision of all 1,500 member organisations has
    # 1,500 ballots, and five model instances per ballot cost more than the query.
    return list(
        Ballot.objects.filter(proposal=proposal)
        .order_by("elector__key")
        .values_list(
            "position",
            "reason",
            "elector__membership_id",
            "elector__membership__status",
            "elector__membership__visibility",
            "elector__membership__alias",
            "elector__membership__organisation__name",
            "elector__membership__person__full_name",
            "elector__person__full_name",
        )
    )


def voice(actor, row) -> Voice:
    """One row of ``open_position_rows`` as ``actor`` may see it."""
    position, reason, m_id, status, visibility, alias, org_name, own_name, person = row
    membership = _Listed(
        m_id, status, visibility, alias, own_name if org_name is None else org_name
    )
    if not coalition_policy.is_listed(actor, membership):
        name = "—"  # a member hidden from this reader: the count still includes it
    else:
        name = coalition_policy.display_name(actor, membership)
        if person is not None and coalition_policy.sees_identity(actor, membership):
            name = f"{person} ({name})"
    return Voice(name=name, position=position, reason=reason)


def my_elector(actor, proposal) -> Elector | None:
    keys = elector_keys(actor)
    return (
        Elector.objects.filter(proposal=proposal, key__in=keys).select_related("ballot").first()
        if keys
        else None
    )


def participation(proposal) -> tuple[int, int]:
    """(electors who took part, electorate size), from the annotations of
    ``with_participation`` when the proposal was loaded with them."""
    secret = proposal.rule is not None and proposal.rule.secret
    if hasattr(proposal, "n_electors"):
        return (proposal.n_voted_secret if secret else proposal.n_ballots), proposal.n_electors
    electors = Elector.objects.filter(proposal=proposal)
    if proposal.rule is not None and proposal.rule.secret:
        took_part = electors.filter(has_voted=True).count()
    else:
        took_part = Ballot.objects.filter(proposal=proposal).count()
    return took_part, electors.count()


def results_visible(proposal) -> bool:
    """Secret ballots show their counts only once closed."""
    return proposal.rule is not None and (
        proposal.status == ProposalStatus.CLOSED or not proposal.rule.secret
    )


def receipts(proposal) -> list[str]:
    """The published list of a secret ballot's released ballots: receipt hashes only, no
    choices. Ballots still sealed in the mix are listed once released (all of them by the
    close); listing them earlier would show each one as its voter casts it."""
    return list(
        SecretBallot.objects.filter(proposal=proposal)
        .order_by("receipt_hash")
        .values_list("receipt_hash", flat=True)
    )


def sealed_ballots(proposal) -> int:
    """How many ballots are recorded but still sealed in the mix (0 once closed)."""
    return mix.waiting(proposal)


class Receipt:
    LISTED = "listed"  # released from the mix: in the published list
    SEALED = "sealed"  # recorded, still sealed in the mix: listed by the close


def receipt_status(proposal, code: str) -> str | None:
    """Where the ballot cast with this receipt code is (a ``Receipt`` value), or None
    when no ballot of this decision has it."""
    digest = receipt_hash(code)
    if SecretBallot.objects.filter(proposal=proposal, receipt_hash=digest).exists():
        return Receipt.LISTED
    if digest in mix.sealed_receipts(proposal):
        return Receipt.SEALED
    return None


def receipt_is_counted(proposal, code: str) -> bool:
    """Whether a ballot with this code is recorded: listed, or sealed and to be counted."""
    return receipt_status(proposal, code) is not None


def due_now(proposal) -> bool:
    """Open, but its window has passed: voting has ended and the task worker is about to
    close it and count (``decisions.tasks``). Pages show it as being counted."""
    return proposal.status == ProposalStatus.OPEN and proposal.closes_at <= timezone.now()


def _membership_of(person):
    """The membership a person belongs to: their own, or their organisation's."""
    try:
        return person.own_membership
    except ObjectDoesNotExist:
        pass
    try:
        return person.organisation.membership if person.organisation_id else None
    except ObjectDoesNotExist:
        return None


def user_label(actor, user_id) -> str:
    """A user as this actor may see them (a proposal's author, a conflict's raiser or
    owner): their membership's shown name or alias, "you", or a dash when that
    membership is hidden from the actor (or there is none)."""
    if user_id is None:
        return "—"
    if actor.user is not None and user_id == actor.user.id:
        return _("you")
    person = (
        Person.objects.filter(coalition=actor.coalition, user_id=user_id)
        .select_related(
            "own_membership__person", "organisation__membership__organisation", "organisation"
        )
        .first()
    )
    membership = _membership_of(person) if person is not None else None
    if membership is None or not coalition_policy.is_listed(actor, membership):
        return "—"
    return coalition_policy.display_name(actor, membership)


def is_me(actor, user_id) -> bool:
    """Whether ``user_id`` is the actor: what the API says of authors and raisers."""
    return actor.user is not None and user_id is not None and user_id == actor.user.id


def conflicts(actor):
    policy.require(actor, "conflicts.list")
    found = Conflict.objects.filter(coalition=actor.coalition)
    if not actor.has(coalition_policy.Role.STEERING):
        user_id = actor.user.id if actor.user else None
        found = found.filter(Q(raised_by_id=user_id) | Q(owner_id=user_id))
    return found.order_by("-created_at")


def conflict(actor, conflict_id) -> Conflict:
    found = Conflict.objects.filter(coalition=actor.coalition, pk=conflict_id).first()
    if found is None or not policy.allows(actor, "conflict.view", found):
        raise NotFound()
    return found


# --- additions for the JSON API -----------------------------------------------------


def with_participation(queryset):
    """Annotate proposals with ``n_electors`` and ``n_took_part`` in the same query
    (subqueries, so a list costs one query whatever its length)."""

    def counted(model, **filters):
        rows = (
            model.objects.filter(proposal=OuterRef("pk"), **filters)
            .order_by()
            .values("proposal")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return Coalesce(Subquery(rows, output_field=IntegerField()), 0)

    return queryset.annotate(
        n_electors=counted(Elector),
        n_voted_secret=counted(Elector, has_voted=True),
        n_ballots=counted(Ballot),
    )


def with_my_part(queryset, actor):
    """Annotate proposals with the actor's part: ``in_my_electorate`` (an elector row is
    theirs) and ``i_voted`` (that row has voted: a secret ballot's mark, or an open
    ballot's position), in the same query."""
    mine = Elector.objects.filter(proposal=OuterRef("pk"), key__in=elector_keys(actor))
    return queryset.annotate(
        in_my_electorate=Exists(mine),
        i_voted=Exists(mine.filter(Q(has_voted=True) | Q(ballot__isnull=False))),
    )


def everyone_voted(proposal) -> bool:
    took_part, electorate = participation(proposal)
    return took_part >= electorate


def closable(proposal, now=None) -> bool:
    """An open decision closes once its window has ended, or early once everyone in its
    electorate has voted (``services.close_proposal`` holds to the same rule)."""
    now = now or timezone.now()
    return proposal.status == ProposalStatus.OPEN and (
        now >= proposal.closes_at or everyone_voted(proposal)
    )


def awaiting_my_vote(actor):
    """Open decisions, window still running, where the actor is in the electorate and
    has not voted: the dashboard's "what needs you" (``coalitions.awaiting``)."""
    if not policy.allows(actor, "decisions.list") or not policy.allows(actor, "proposal.vote"):
        return None
    found = with_my_part(
        Proposal.objects.filter(
            coalition=actor.coalition, status=ProposalStatus.OPEN, closes_at__gt=timezone.now()
        ),
        actor,
    ).filter(in_my_electorate=True, i_voted=False)
    return waiting_rows(found, "vote", order=("closes_at", "id"), due="closes_at")


def proposal_url(actor, pk) -> str:
    return reverse("decisions:proposal", args=[actor.coalition.slug, pk])


def comments(proposal):
    """The proposal's comments, each ``author_label`` worked out now from its author's
    membership (so a member who became pseudonymous is protected on everything they
    wrote before): the alias of a pseudonymous member, "A member" for a steering-only
    one, otherwise the person and their organisation."""
    return label_comments(proposal.coalition_id, proposal.comments.order_by("created_at", "id"))


def label_comments(coalition_id, comments) -> list:
    """Set each comment's ``author_label`` from its author's membership as it is now."""
    comments = list(comments)
    labels = comment_authors(coalition_id, {c.author_id for c in comments if c.author_id})
    for comment in comments:
        comment.author_label = labels.get(comment.author_id) or _("A member")
    return comments


_SIGNING = (("own_membership", False), ("organisation__membership", True))


def comment_authors(coalition_id, user_ids) -> dict[int, str]:
    """How each of ``user_ids`` signs in this coalition, in one query: through their
    first active membership, with only what every member may see."""
    rows = Person.objects.filter(coalition_id=coalition_id, user_id__in=user_ids).values(
        "user_id",
        "full_name",
        "organisation__name",
        *(f"{m}__{f}" for m, _org in _SIGNING for f in ("id", "status", "visibility", "alias")),
    )
    best: dict[int, tuple[int, str]] = {}
    for row in rows:
        for prefix, for_organisation in _SIGNING:
            membership_id = row[f"{prefix}__id"]
            if not membership_id or row[f"{prefix}__status"] != MembershipStatus.ACTIVE:
                continue
            visibility = row[f"{prefix}__visibility"]
            if visibility == Visibility.PSEUDONYMOUS:
                label = row[f"{prefix}__alias"]
            elif visibility not in (Visibility.PUBLIC, Visibility.MEMBERS):
                label = _("A member")
            elif for_organisation:
                label = f"{row['full_name']} ({row['organisation__name']})"
            else:
                label = row["full_name"]
            current = best.get(row["user_id"])
            if current is None or membership_id < current[0]:
                best[row["user_id"]] = (membership_id, label[:200])
    return {user_id: label for user_id, (_m, label) in best.items()}


def notifications(actor, *, unread_only=False, limit=100):
    if actor.user is None:
        return Notification.objects.none()
    found = Notification.objects.filter(user=actor.user, coalition=actor.coalition)
    if unread_only:
        found = found.filter(read_at__isnull=True)
    return found.order_by("-created_at", "-id")[:limit]


# --- the charter page: its history and the rules in force ----------------------------


def charter_decisions(coalition):
    """Adopted decisions in the charter category, newest first. Each carries
    ``created_rule_version``: the version of the rule it created (None when it changed
    no rule), and ``rule_change_category`` is selected. One query."""
    created = Rule.objects.filter(adopted_by=OuterRef("pk")).order_by("-version")
    return (
        Proposal.objects.filter(
            coalition=coalition,
            category__slug=Category.CHARTER_SLUG,
            status=ProposalStatus.CLOSED,
            outcome=Outcome.ADOPTED,
        )
        .select_related("rule_change_category")
        .annotate(created_rule_version=Subquery(created.values("version")[:1]))
        .order_by("-closed_at", "-id")
    )


def current_rules(coalition) -> list[Category]:
    """The coalition's categories, each with ``current_rule`` (its latest rule version,
    with its committee and ``window_days`` when the window is whole days, or None): the
    other categories by name, the charter category last. Two queries, whatever the
    number of categories or versions."""
    latest = Rule.objects.filter(category=OuterRef("pk")).order_by("-version").values("pk")[:1]
    found = list(
        Category.objects.filter(coalition=coalition)
        .annotate(current_rule_id=Subquery(latest))
        .order_by("name")
    )
    rules = Rule.objects.select_related("committee").in_bulk(
        [c.current_rule_id for c in found if c.current_rule_id]
    )
    for rule in rules.values():
        rule.window_days = rule.window_hours // 24 if rule.window_hours % 24 == 0 else None
    for category in found:
        category.current_rule = rules.get(category.current_rule_id)
    return sorted(found, key=lambda c: c.slug == Category.CHARTER_SLUG)


def secret_objections(proposal) -> list[tuple[str, str]]:
    """(position, reason) of a closed secret ballot's blocks and objections, unattributed,
    in receipt-hash order (which says nothing about who or when)."""
    if proposal.status != ProposalStatus.CLOSED:
        return []
    return list(
        SecretBallot.objects.filter(proposal=proposal, position__in=["block", "object"])
        .order_by("receipt_hash")
        .values_list("position", "reason")
    )


def charter_section(actor) -> dict:
    """The charter page's part about decisions (``coalitions.charter_sections``)."""
    coalition = actor.coalition
    return {
        "category_rules": current_rules(coalition),
        "charter_decisions": list(charter_decisions(coalition)),
    }
