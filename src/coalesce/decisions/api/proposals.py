"""Proposals: the list, one proposal with its positions, counts and outcome, and the
changes of state (draft, open, closed).

Who holds which position appears only through ``selectors.open_positions`` (names
already masked by the coalition policy); the author only as an "is it me" flag.
"""

from datetime import datetime

from ninja import Field, Query, Schema, Status

from coalesce.coalitions.access import api_actor
from coalesce.core.api import Body, Id, Limit, Offset, Page, PathId, Slug, Text
from coalesce.core.validation import clean_choice
from coalesce.decisions import policy, selectors, services, tally
from coalesce.decisions.api.categories import RuleIn, RuleOut
from coalesce.decisions.api.common import ops, reader
from coalesce.decisions.models import Ballot, ProposalStatus


class ProposalSummary(Schema):
    id: int
    title: str
    status: str
    category_id: int
    category_name: str
    secret: bool | None = Field(description="Whether the ballot is secret (null for a draft).")
    created_at: datetime
    opened_at: datetime | None = None
    closes_at: datetime | None = None
    closed_at: datetime | None = None
    outcome: str
    took_part: int
    electorate: int
    is_mine: bool = Field(description="The caller wrote this proposal.")

    @staticmethod
    def resolve_category_name(proposal) -> str:
        return proposal.category.name

    @staticmethod
    def resolve_secret(proposal) -> bool | None:
        return proposal.rule.secret if proposal.rule_id else None

    @staticmethod
    def resolve_took_part(proposal) -> int:
        return selectors.participation(proposal)[0]

    @staticmethod
    def resolve_electorate(proposal) -> int:
        return selectors.participation(proposal)[1]

    @staticmethod
    def resolve_is_mine(proposal, context) -> bool:
        return selectors.is_me(reader(context), proposal.author_id)


class ProposalPage(Page):
    items: list[ProposalSummary]


class ProposalFilters(Schema):
    status: Text(10) = ""
    offset: Offset = 0
    limit: Limit = 50


class MyPositionOut(Schema):
    in_electorate: bool
    has_voted: bool
    position: str | None = Field(None, description="Always null for a secret ballot.")
    reason: str = ""


class PositionOut(Schema):
    name: str = Field(description="The member's shown name or alias; '—' if hidden from you.")
    position: str
    reason: str


class ResultOut(Schema):
    electorate: int
    participants: int
    counts: dict[str, int]
    quorum_needed: int
    quorum_met: bool
    explanation: str


class ObjectionOut(Schema):
    position: str
    reason: str


def _my_position(actor, proposal) -> dict:
    elector = selectors.my_elector(actor, proposal) if proposal.rule_id else None
    if elector is None:
        return {"in_electorate": False, "has_voted": False, "position": None, "reason": ""}
    if proposal.rule.secret:
        return {"in_electorate": True, "has_voted": elector.has_voted, "position": None}
    try:
        ballot = elector.ballot
    except Ballot.DoesNotExist:
        return {"in_electorate": True, "has_voted": False, "position": None, "reason": ""}
    return {
        "in_electorate": True,
        "has_voted": True,
        "position": ballot.position,
        "reason": ballot.reason,
    }


def _counts(proposal) -> dict[str, int] | None:
    if not selectors.results_visible(proposal):
        return None
    found = selectors.count_positions(proposal)
    return {str(p): int(found.get(p, 0)) for p in tally.POSITIONS_BY_METHOD[proposal.rule.method]}


class ProposalOut(ProposalSummary):
    body: str
    rule: RuleOut | None = None
    conflict_id: int | None = None
    rule_change_category_id: int | None = None
    rule_change: dict
    my_position: MyPositionOut
    positions: list[PositionOut] = Field(description="Open ballots only.")
    counts: dict[str, int] | None = Field(
        None, description="Counts per position; null for a secret ballot until it closes."
    )
    result: ResultOut | None = None
    objections: list[ObjectionOut] = Field(
        description="A closed secret ballot's blocks and objections with their reasons, "
        "unattributed."
    )

    @staticmethod
    def resolve_conflict_id(proposal, context) -> int | None:
        conflict = proposal.conflict
        if conflict is None or not policy.allows(reader(context), "conflict.view", conflict):
            return None
        return conflict.id

    @staticmethod
    def resolve_rule_change(proposal) -> dict:
        return proposal.rule_change or {}

    @staticmethod
    def resolve_my_position(proposal, context) -> dict:
        return _my_position(reader(context), proposal)

    @staticmethod
    def resolve_positions(proposal, context) -> list:
        return selectors.open_positions(reader(context), proposal)

    @staticmethod
    def resolve_counts(proposal) -> dict[str, int] | None:
        return _counts(proposal)

    @staticmethod
    def resolve_result(proposal) -> dict | None:
        return proposal.result if proposal.status == ProposalStatus.CLOSED else None

    @staticmethod
    def resolve_objections(proposal) -> list[dict]:
        return [
            {"position": position, "reason": reason}
            for position, reason in selectors.secret_objections(proposal)
        ]


class ProposalIn(Body):
    category_id: Id
    title: Text(200)
    body: Text(20000)
    conflict_id: Id | None = None
    rule_change_category_id: Id | None = None
    rule_change: RuleIn | None = None


class ProposalPatch(Body):
    title: Text(200) | None = None
    body: Text(20000) | None = None


def _proposal(actor, proposal_id):
    return selectors.proposal(actor, proposal_id, with_counts=True)


@ops.get(
    "/{slug}/proposals",
    ProposalPage,
    description="Policy action `decisions.list`; newest first, optionally by status.",
)
def list_proposals(request, slug: Slug, filters: Query[ProposalFilters]):
    actor = api_actor(request, slug, "decisions.list")
    if filters.status:
        clean_choice(filters.status, ProposalStatus, "status")
    found = selectors.proposals(actor, status=filters.status)
    page = selectors.with_participation(found)[filters.offset : filters.offset + filters.limit]
    return {
        "total": found.count(),
        "offset": filters.offset,
        "limit": filters.limit,
        "items": list(page),
    }


@ops.post(
    "/{slug}/proposals",
    ProposalOut,
    status=201,
    description=(
        "Policy action `proposal.create`; a draft. A proposal in the charter category may "
        "carry `rule_change_category_id` and `rule_change` (the new rule's terms)."
    ),
)
def create_proposal(request, slug: Slug, payload: ProposalIn):
    actor = api_actor(request, slug)
    data = payload.dict()
    data["rule_change"] = payload.rule_change.dict() if payload.rule_change else None
    proposal = services.create_proposal(actor, **data)
    return Status(201, _proposal(actor, proposal.id))


@ops.get(
    "/{slug}/proposals/{proposal_id}",
    ProposalOut,
    description=(
        "Policy action `proposal.view`. Positions of an open ballot by shown name or alias; "
        "counts of a secret ballot only once closed. A proposal past its window is closed "
        "by the task worker within a minute; until then it reads as still open."
    ),
)
def get_proposal(request, slug: Slug, proposal_id: PathId):
    actor = api_actor(request, slug)
    return _proposal(actor, proposal_id)


@ops.patch(
    "/{slug}/proposals/{proposal_id}",
    ProposalOut,
    description="Policy action `proposal.edit` (a draft, by its author or the steering "
    "committee). Omitted fields keep their value.",
)
def update_proposal(request, slug: Slug, proposal_id: PathId, payload: ProposalPatch):
    actor = api_actor(request, slug)
    services.update_proposal(actor, proposal_id, **payload.dict(exclude_none=True))
    return _proposal(actor, proposal_id)


@ops.post(
    "/{slug}/proposals/{proposal_id}/open",
    ProposalOut,
    description="Policy action `proposal.open`: opens a draft under the rule in force now "
    "and fixes its electorate; 409 if the category has no rule.",
)
def open_proposal(request, slug: Slug, proposal_id: PathId):
    actor = api_actor(request, slug)
    services.open_proposal(actor, proposal_id)
    return _proposal(actor, proposal_id)


@ops.post(
    "/{slug}/proposals/{proposal_id}/close",
    ProposalOut,
    description="Policy action `proposal.close`: after the window, or early once everyone "
    "has voted; 409 otherwise.",
)
def close_proposal(request, slug: Slug, proposal_id: PathId):
    actor = api_actor(request, slug)
    services.close_proposal(proposal_id, actor=actor)
    return _proposal(actor, proposal_id)
