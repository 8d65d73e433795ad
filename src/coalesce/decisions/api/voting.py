"""Casting a ballot, and the receipts of a secret ballot."""

from ninja import Field, Schema

from coalesce.coalitions.access import api_actor
from coalesce.core.api import Body, PathId, Slug, Text
from coalesce.decisions import selectors, services
from coalesce.decisions.api.common import ops


class BallotIn(Body):
    position: Text(20) = Field(description="One of the rule's `positions`.")
    reason: Text(4000) = Field("", description="Required to block or object.")


class ReceiptOut(Schema):
    receipt: str | None = Field(
        description="For a secret ballot, the code to check your vote was counted; "
        "shown once. Null for an open ballot."
    )


class ReceiptListOut(Schema):
    count: int
    hashes: list[str] = Field(
        description="SHA-256 of each counted secret ballot's receipt: those released from "
        "the mix so far while the decision is open, all of them once it has closed."
    )
    sealed: int = Field(
        0,
        description="Ballots recorded but still sealed in the mix (0 once closed): they "
        "leave it in shuffled batches, and all by the close.",
    )


class ReceiptQuery(Body):
    code: Text(64)


class ReceiptCheckOut(Schema):
    counted: bool = Field(
        description="A ballot of this decision has this receipt code: listed, or still "
        "sealed in the mix and counted when the decision closes."
    )


@ops.post(
    "/{slug}/proposals/{proposal_id}/ballot",
    ReceiptOut,
    description=(
        "Policy action `proposal.vote`, and being in the electorate (400 otherwise). An "
        "open ballot can be changed until the window closes; a secret one is cast once "
        "(409 the second time). 409 when the decision is not open."
    ),
)
def cast_ballot(request, slug: Slug, proposal_id: PathId, payload: BallotIn):
    actor = api_actor(request, slug)
    code = services.cast(actor, proposal_id, position=payload.position, reason=payload.reason)
    return {"receipt": code}


@ops.get(
    "/{slug}/proposals/{proposal_id}/receipts",
    ReceiptListOut,
    description="Policy action `proposal.view`: the published receipt hashes of a secret "
    "ballot (empty for an open ballot); no choices, no voters.",
)
def list_receipts(request, slug: Slug, proposal_id: PathId):
    actor = api_actor(request, slug)
    proposal = selectors.proposal(actor, proposal_id)
    hashes = selectors.receipts(proposal)
    secret = proposal.rule is not None and proposal.rule.secret
    sealed = selectors.sealed_ballots(proposal) if secret else 0
    return {"count": len(hashes), "hashes": hashes, "sealed": sealed}


@ops.post(
    "/{slug}/proposals/{proposal_id}/receipts/check",
    ReceiptCheckOut,
    description="Policy action `proposal.view`: whether the ballot with this receipt code "
    "is recorded (it is counted when the decision closes, and listed once released from "
    "the mix). The code travels in the body, never in a URL that access logs keep.",
)
def check_receipt(request, slug: Slug, proposal_id: PathId, payload: ReceiptQuery):
    actor = api_actor(request, slug)
    proposal = selectors.proposal(actor, proposal_id)
    return {"counted": selectors.receipt_is_counted(proposal, payload.code)}
