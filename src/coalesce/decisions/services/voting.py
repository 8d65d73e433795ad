"""Casting a ballot: an open one (changeable until the close) or a secret one (cast
once, sealed in the mix, answered with a receipt code)."""

import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coalesce.core.errors import Conflict as ConflictError
from coalesce.core.errors import DomainError, NotFound
from coalesce.core.validation import clean_text
from coalesce.decisions import mix, policy, tally
from coalesce.decisions.models import (
    Ballot,
    Elector,
    Proposal,
    ProposalStatus,
    Rule,
    SecretBallot,
)
from coalesce.decisions.selectors import elector_keys, receipt_hash


def clean_position(rule: Rule, position, reason):
    allowed = tally.POSITIONS_BY_METHOD[rule.method]
    if position not in allowed:
        raise DomainError(
            _("Choose one of: %(options)s.") % {"options": ", ".join(allowed)}, "position"
        )
    reason = clean_text(
        reason, "reason", max_length=4000, required=position in tally.REASON_REQUIRED
    )
    return position, reason


@transaction.atomic
def cast(actor, proposal_id, *, position, reason="") -> str | None:
    """Record the actor's position; returns a receipt code for a secret ballot.

    Open ballots can be changed until the window closes (the new position replaces
    the old); a secret ballot is cast once.
    """
    policy.require(actor, "proposal.vote")
    elector = _locked_elector(actor, proposal_id)
    proposal = elector.proposal if elector is not None else _proposal_alone(actor, proposal_id)
    if proposal is None:
        raise NotFound()
    if proposal.status != ProposalStatus.OPEN or timezone.now() >= proposal.closes_at:
        raise ConflictError(_("This decision is not open for voting."), "proposal")
    position, reason = clean_position(proposal.rule, position, reason)
    if elector is None:
        raise DomainError(_("You are not in the electorate of this decision."), "proposal")
    if not proposal.rule.secret:
        _record_open_ballot(proposal, elector, position, reason)
        return None
    return _seal_secret_ballot(proposal, elector, position, reason)


def _locked_elector(actor, proposal_id) -> Elector | None:
    """The usual case in one query: the actor's elector row with its proposal and rule,
    locked (two ballots of one elector queue)."""
    keys = elector_keys(actor)
    if not keys:
        return None
    return (
        Elector.objects.filter(
            proposal_id=proposal_id, proposal__coalition=actor.coalition, key__in=keys
        )
        .select_related("proposal__rule")
        .select_for_update(of=("self",))
        .first()
    )


def _proposal_alone(actor, proposal_id) -> Proposal | None:
    """Read only when the actor is not in the electorate, to say why."""
    return (
        Proposal.objects.filter(coalition=actor.coalition, pk=proposal_id)
        .select_related("rule")
        .first()
    )


def _record_open_ballot(proposal, elector, position, reason) -> None:
    # One statement, insert or replace (INSERT … ON CONFLICT DO UPDATE), rather than a
    # savepoint, a read and a write.
    Ballot.objects.bulk_create(
        [Ballot(proposal=proposal, elector=elector, position=position, reason=reason)],
        update_conflicts=True,
        unique_fields=["elector"],
        update_fields=["proposal", "position", "reason", "updated_at"],
    )


def _seal_secret_ballot(proposal, elector, position, reason) -> str:
    if position not in tally.REASON_REQUIRED:
        reason = ""  # only a block's or objection's reason is kept, unattributed
    # The proposal's row lock: the pool fills and releases one ballot at a time, and a
    # close (which takes it too) cannot count between this check and the commit.
    locked = (
        Proposal.objects.select_for_update(no_key=True)
        .filter(pk=proposal.pk, status=ProposalStatus.OPEN, closes_at__gt=timezone.now())
        .values_list("pk", flat=True)
        .first()
    )
    if locked is None:
        raise ConflictError(_("This decision is not open for voting."), "proposal")
    claimed = Elector.objects.filter(pk=elector.pk, has_voted=False).update(has_voted=True)
    if not claimed:
        raise ConflictError(_("You have already voted in this secret ballot."), "proposal")
    code = _new_receipt_code(proposal)
    # Sealed, with the mark: durable before the receipt is shown, and unreadable until
    # the mix releases it among at least mix.BATCH others.
    mix.add(proposal, position=position, reason=reason, receipt_hash=receipt_hash(code))
    return code


def _new_receipt_code(proposal) -> str:
    sealed = mix.sealed_receipts(proposal)
    code = secrets.token_hex(6).upper()
    while (
        receipt_hash(code) in sealed
        or SecretBallot.objects.filter(proposal=proposal, receipt_hash=receipt_hash(code)).exists()
    ):  # a receipt already given for this decision: vanishingly rare, draw again
        code = secrets.token_hex(6).upper()
    return code
