"""Reads for decision pages and the API, filtered by the policies."""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from coalesce.coalitions import policy as coalition_policy
from coalesce.core.errors import NotFound
from coalesce.decisions import policy
from coalesce.decisions.models import (
    Ballot,
    Category,
    Conflict,
    Elector,
    Proposal,
    ProposalStatus,
    SecretBallot,
)


def count_positions(proposal) -> dict[str, int]:
    """Counts per position, in SQL, from the right table for the ballot kind."""
    source = SecretBallot if proposal.rule.secret else Ballot
    rows = source.objects.filter(proposal=proposal).values_list("position").annotate(n=Count("pk"))
    return dict(rows.order_by())


def categories(actor):
    return (
        Category.objects.filter(coalition=actor.coalition)
        .prefetch_related("rules")
        .order_by("name")
    )


def proposals(actor, *, status=""):
    policy.require(actor, "decisions.list")
    found = Proposal.objects.filter(coalition=actor.coalition).select_related("category", "rule")
    if status:
        found = found.filter(status=status)
    return found.order_by("-created_at")


def proposal(actor, proposal_id) -> Proposal:
    found = (
        Proposal.objects.filter(coalition=actor.coalition, pk=proposal_id)
        .select_related("category", "rule", "rule__committee", "conflict")
        .first()
    )
    if found is None or not policy.allows(actor, "proposal.view", found):
        raise NotFound()
    return found


@dataclass(frozen=True)
class Voice:
    """A position as others see it: by a member's shown name, or its alias."""

    name: str
    position: str
    reason: str


def open_positions(actor, proposal) -> list[Voice]:
    """Who holds which position, for an open ballot: names masked by the coalition policy."""
    if proposal.rule is None or proposal.rule.secret:
        return []
    ballots = (
        Ballot.objects.filter(proposal=proposal)
        .select_related(
            "elector__membership__organisation", "elector__membership__person", "elector__person"
        )
        .order_by("elector__key")
    )
    voices = []
    for ballot in ballots:
        membership = ballot.elector.membership
        if not coalition_policy.is_listed(actor, membership):
            name = "—"  # a member hidden from this reader: the count still includes it
        else:
            name = coalition_policy.display_name(actor, membership)
            person = ballot.elector.person
            if person is not None and coalition_policy.sees_identity(actor, membership):
                name = f"{person.full_name} ({name})"
        voices.append(Voice(name=name, position=ballot.position, reason=ballot.reason))
    return voices


def my_elector(actor, proposal) -> Elector | None:
    keys = [f"m{m}" for m in actor.own_membership_ids] + [f"p{p}" for p in actor.person_ids]
    return (
        Elector.objects.filter(proposal=proposal, key__in=keys).select_related("ballot").first()
        if keys
        else None
    )


def participation(proposal) -> tuple[int, int]:
    """(electors who took part, electorate size)."""
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
    """The published list of counted secret ballots: receipt hashes only, no choices."""
    return list(
        SecretBallot.objects.filter(proposal=proposal)
        .order_by("receipt_hash")
        .values_list("receipt_hash", flat=True)
    )


def receipt_is_counted(proposal, code: str) -> bool:
    from coalesce.decisions.services import receipt_hash

    return SecretBallot.objects.filter(proposal=proposal, receipt_hash=receipt_hash(code)).exists()


def due_now(proposal) -> bool:
    return proposal.status == ProposalStatus.OPEN and proposal.closes_at <= timezone.now()


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
