"""Closing a decision: count, decide under its rule, store the outcome, and apply an
adopted rule change. Due decisions are closed by the task worker (``decisions.tasks``)."""

from fractions import Fraction

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coalesce.core.errors import Conflict as ConflictError
from coalesce.core.errors import NotFound
from coalesce.decisions import mix, outcomes, policy, tally
from coalesce.decisions.models import Category, Elector, Proposal, ProposalStatus, Rule
from coalesce.decisions.selectors import count_positions, everyone_voted
from coalesce.decisions.services.rules import clean_rule_terms, current_rule


def terms_of(rule: Rule) -> tally.Terms:
    return tally.Terms(
        method=rule.method,
        quorum_percent=rule.quorum_percent,
        threshold=Fraction(rule.threshold_numerator, rule.threshold_denominator),
        abstentions_count_for_quorum=rule.abstentions_count_for_quorum,
    )


def compute_result(proposal) -> tally.Result:
    electorate = Elector.objects.filter(proposal=proposal).count()
    return tally.decide(terms_of(proposal.rule), electorate, count_positions(proposal))


def stored_result(result: tally.Result) -> dict:
    """What a closed proposal keeps of its result (``Proposal.result``)."""
    return {
        "electorate": result.electorate,
        "participants": result.participants,
        "counts": result.counts,
        "quorum_needed": result.quorum_needed,
        "quorum_met": result.quorum_met,
        "explanation": result.explanation,
    }


@transaction.atomic
def close_proposal(proposal_id, *, actor=None, now=None):
    """Close an open proposal whose window has ended (or early, by the steering
    committee, once everyone has voted), compute and store its outcome."""
    now = now or timezone.now()
    # of=("self",): the rule is a nullable foreign key, so select_related("rule") is an
    # outer join, and PostgreSQL refuses FOR UPDATE on the nullable side of one.
    proposal = (
        Proposal.objects.select_for_update(of=("self",))
        .select_related("rule")
        .filter(pk=proposal_id)
        .first()
    )
    if proposal is None or (actor is not None and proposal.coalition_id != actor.coalition.id):
        raise NotFound()
    if actor is not None:
        policy.require(actor, "proposal.close", proposal)
    if proposal.status != ProposalStatus.OPEN:
        raise ConflictError(_("This decision is not open."), "status")
    if now < proposal.closes_at and not everyone_voted(proposal):
        raise ConflictError(_("The voting window has not ended yet."), "status")
    if proposal.rule.secret:
        mix.release(proposal, everything=True)
    result = compute_result(proposal)
    proposal.status = ProposalStatus.CLOSED
    proposal.closed_at = now
    proposal.outcome = result.outcome
    proposal.result = stored_result(result)
    proposal.save(update_fields=["status", "closed_at", "outcome", "result"])
    if result.outcome == "adopted" and proposal.rule_change_category_id:
        _apply_rule_change(proposal)
    outcomes.recorded(proposal)
    return proposal


def _apply_rule_change(proposal):
    category = Category.objects.select_for_update().get(pk=proposal.rule_change_category_id)
    latest = current_rule(category)
    Rule.objects.create(
        category=category,
        version=(latest.version + 1) if latest else 1,
        adopted_by=proposal,
        **clean_rule_terms(proposal.coalition, proposal.rule_change),
    )


def close_if_due(proposal_id) -> bool:
    """Close the proposal if its window has passed while it was open (before a write that
    must not act on a decision that has in fact ended); whether it closed it."""
    now = timezone.now()
    due = Proposal.objects.filter(
        pk=proposal_id, status=ProposalStatus.OPEN, closes_at__lte=now
    ).exists()
    if not due:
        return False
    try:
        close_proposal(proposal_id, now=now)
    except ConflictError:
        return False  # closed meanwhile
    return True


def close_due_proposals(now=None) -> int:
    """Close every open proposal whose window has ended; returns how many."""
    now = now or timezone.now()
    due = Proposal.objects.filter(status=ProposalStatus.OPEN, closes_at__lte=now)
    closed = 0
    for proposal_id in due.values_list("id", flat=True):
        try:
            close_proposal(proposal_id, now=now)
            closed += 1
        except ConflictError:
            pass  # closed meanwhile by another worker
    return closed
