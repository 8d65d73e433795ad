"""JSON operations for decisions and the conflict register: thin wrappers over the same
policy, services and selectors as the pages.

Mounted under ``/coalitions`` next to the coalitions router, with the same conventions
(``coalesce.coalitions.api``): the coalition is loaded and the actor worked out once with
``api_actor``; writes go to a service (which checks the policy itself), reads check their
action with ``policy.require`` or go through a selector that does.

Identity protection: who holds which position appears only through
``selectors.open_positions`` (names already masked by the coalition policy); comments
are signed from their author's membership as it is when read (``selectors.comments``,
``label_comments``); authors,
raisers and owners appear only as "is it me" flags, never by name.

Choice fields (``method``, ``position``, ``status``…) are plain strings so that an
unknown value reaches the service and is answered 400 with the field.
"""

from datetime import datetime
from typing import Annotated

from ninja import Field, Query, Router, Schema, Status

from coalesce.accounts.api_auth import PROTECTED
from coalesce.coalitions.access import api_actor
from coalesce.core.api import ERRORS, MAX_ID, Body, ErrorOut, Flag, Id, PathId, Slug, Text
from coalesce.core.errors import Conflict as ConflictError
from coalesce.core.errors import NotFound
from coalesce.core.validation import clean_choice
from coalesce.decisions import policy, selectors, services, tally
from coalesce.decisions.models import Ballot, ProposalStatus

router = Router(auth=PROTECTED)

Number = Annotated[int, Field(ge=0, le=MAX_ID)]


# --- categories and rules -----------------------------------------------------------


class RuleOut(Schema):
    version: int
    method: str
    positions: list[str] = Field(description="The positions a voter may take under this rule.")
    threshold_numerator: int
    threshold_denominator: int
    electorate: str
    committee_id: int | None = None
    committee_name: str = ""
    vote_unit: str
    quorum_percent: int
    window_hours: int
    abstentions_count_for_quorum: bool
    secret: bool
    created_at: datetime
    adopted_by_proposal_id: int | None = None


class RuleIn(Body):
    method: Text(30) = Field(description="simple_majority, qualified_majority, consensus, consent")
    electorate: Text(20) = Field(description="steering, committee or all_members")
    committee_id: Id | None = None
    vote_unit: Text(10) = "member"
    threshold_numerator: Number = 1
    threshold_denominator: Number = 2
    quorum_percent: Number = 50
    window_hours: Number = 168
    abstentions_count_for_quorum: Flag = True
    secret: Flag = False


class CategoryOut(Schema):
    id: int
    slug: str
    name: str
    description: str
    version: int | None = Field(description="The version of the rule in force, if any.")
    rule: RuleOut | None = None


class CategoryIn(Body):
    name: Text(120)
    slug: Text(60) = ""
    description: Text(2000) = ""


def _rule_out(rule) -> dict | None:
    if rule is None:
        return None
    return {
        "version": rule.version,
        "method": rule.method,
        "positions": [str(p) for p in tally.POSITIONS_BY_METHOD[rule.method]],
        "threshold_numerator": rule.threshold_numerator,
        "threshold_denominator": rule.threshold_denominator,
        "electorate": rule.electorate,
        "committee_id": rule.committee_id,
        "committee_name": rule.committee.name if rule.committee_id else "",
        "vote_unit": rule.vote_unit,
        "quorum_percent": rule.quorum_percent,
        "window_hours": rule.window_hours,
        "abstentions_count_for_quorum": rule.abstentions_count_for_quorum,
        "secret": rule.secret,
        "created_at": rule.created_at,
        "adopted_by_proposal_id": rule.adopted_by_id,
    }


def _category_out(category) -> dict:
    rules = list(category.rules.all())  # prefetched, newest version first
    rule = max(rules, key=lambda r: r.version) if rules else None
    return {
        "id": category.id,
        "slug": category.slug,
        "name": category.name,
        "description": category.description,
        "version": rule.version if rule else None,
        "rule": _rule_out(rule),
    }


def _visible_category(actor, category_id):
    found = selectors.categories(actor).prefetch_related("rules__committee")
    category = found.filter(pk=category_id).first()
    if category is None:
        raise NotFound()
    return category


@router.get(
    "/{slug}/categories",
    response={200: list[CategoryOut], ERRORS: ErrorOut},
    operation_id="list_categories",
    tags=["decisions"],
    description="Policy action `decisions.list`: categories with the rule in force.",
)
def list_categories(request, slug: Slug):
    actor = api_actor(request, slug)
    policy.require(actor, "decisions.list")
    found = selectors.categories(actor).prefetch_related("rules__committee")
    return [_category_out(c) for c in found]


@router.post(
    "/{slug}/categories",
    response={201: CategoryOut, ERRORS: ErrorOut},
    operation_id="create_category",
    tags=["decisions"],
    description="Policy action `categories.manage`.",
)
def create_category(request, slug: Slug, payload: CategoryIn):
    actor = api_actor(request, slug)
    category = services.create_category(actor, **payload.dict())
    return Status(201, _category_out(_visible_category(actor, category.id)))


@router.put(
    "/{slug}/categories/{category_id}/rule",
    response={200: CategoryOut, ERRORS: ErrorOut},
    operation_id="define_rule",
    tags=["decisions"],
    description=(
        "Policy action `rules.define`: a category's first rule. 409 when it has one "
        "already: later changes are charter decisions (`rule_change` on a proposal)."
    ),
)
def define_rule(request, slug: Slug, category_id: PathId, payload: RuleIn):
    actor = api_actor(request, slug)
    services.define_rule(actor, category_id, **payload.dict())
    return _category_out(_visible_category(actor, category_id))


# --- proposals ----------------------------------------------------------------------


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


class ProposalPage(Schema):
    total: int
    offset: int
    limit: int
    items: list[ProposalSummary]


class ProposalFilters(Schema):
    status: Text(10) = ""
    offset: int = Field(0, ge=0, le=1_000_000)
    limit: int = Field(50, ge=1, le=200)


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


def _summary_out(actor, proposal, took_part: int, electorate: int) -> dict:
    return {
        "id": proposal.id,
        "title": proposal.title,
        "status": proposal.status,
        "category_id": proposal.category_id,
        "category_name": proposal.category.name,
        "secret": proposal.rule.secret if proposal.rule_id else None,
        "created_at": proposal.created_at,
        "opened_at": proposal.opened_at,
        "closes_at": proposal.closes_at,
        "closed_at": proposal.closed_at,
        "outcome": proposal.outcome,
        "took_part": took_part,
        "electorate": electorate,
        "is_mine": actor.user is not None and proposal.author_id == actor.user.id,
    }


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


def _proposal_out(actor, proposal) -> dict:
    took_part, electorate = selectors.participation(proposal)
    counts = None
    if selectors.results_visible(proposal):
        found = selectors.count_positions(proposal)
        counts = {
            str(p): int(found.get(p, 0)) for p in tally.POSITIONS_BY_METHOD[proposal.rule.method]
        }
    conflict = proposal.conflict
    return {
        **_summary_out(actor, proposal, took_part, electorate),
        "body": proposal.body,
        "rule": _rule_out(proposal.rule),
        "conflict_id": (
            conflict.id
            if conflict is not None and policy.allows(actor, "conflict.view", conflict)
            else None
        ),
        "rule_change_category_id": proposal.rule_change_category_id,
        "rule_change": proposal.rule_change or {},
        "my_position": _my_position(actor, proposal),
        "positions": [
            {"name": v.name, "position": v.position, "reason": v.reason}
            for v in selectors.open_positions(actor, proposal)
        ],
        "counts": counts,
        "result": proposal.result if proposal.status == ProposalStatus.CLOSED else None,
        "objections": [
            {"position": position, "reason": reason}
            for position, reason in selectors.secret_objections(proposal)
        ],
    }


def _current_proposal(actor, proposal_id):
    """The proposal as the caller may see it, closed first if its window has ended."""
    proposal = selectors.proposal(actor, proposal_id)
    if selectors.due_now(proposal):
        try:
            services.close_proposal(proposal.id)
        except ConflictError:
            pass  # closed meanwhile by someone else
        proposal = selectors.proposal(actor, proposal_id)
    return proposal


@router.get(
    "/{slug}/proposals",
    response={200: ProposalPage, ERRORS: ErrorOut},
    operation_id="list_proposals",
    tags=["decisions"],
    description="Policy action `decisions.list`; newest first, optionally by status.",
)
def list_proposals(request, slug: Slug, filters: Query[ProposalFilters]):
    actor = api_actor(request, slug)
    policy.require(actor, "decisions.list")
    if filters.status:
        clean_choice(filters.status, ProposalStatus, "status")
    found = selectors.proposals(actor, status=filters.status)
    total = found.count()
    page = selectors.with_participation(found)[filters.offset : filters.offset + filters.limit]
    items = []
    for p in page:
        took_part = p.n_voted_secret if p.rule_id and p.rule.secret else p.n_ballots
        items.append(_summary_out(actor, p, took_part, p.n_electors))
    return {"total": total, "offset": filters.offset, "limit": filters.limit, "items": items}


@router.post(
    "/{slug}/proposals",
    response={201: ProposalOut, ERRORS: ErrorOut},
    operation_id="create_proposal",
    tags=["decisions"],
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
    return Status(201, _proposal_out(actor, selectors.proposal(actor, proposal.id)))


@router.get(
    "/{slug}/proposals/{proposal_id}",
    response={200: ProposalOut, ERRORS: ErrorOut},
    operation_id="get_proposal",
    tags=["decisions"],
    description=(
        "Policy action `proposal.view`. Positions of an open ballot by shown name or alias; "
        "counts of a secret ballot only once closed. A proposal past its window is closed "
        "first."
    ),
)
def get_proposal(request, slug: Slug, proposal_id: PathId):
    actor = api_actor(request, slug)
    return _proposal_out(actor, _current_proposal(actor, proposal_id))


@router.patch(
    "/{slug}/proposals/{proposal_id}",
    response={200: ProposalOut, ERRORS: ErrorOut},
    operation_id="update_proposal",
    tags=["decisions"],
    description="Policy action `proposal.edit` (a draft, by its author or the steering "
    "committee). Omitted fields keep their value.",
)
def update_proposal(request, slug: Slug, proposal_id: PathId, payload: ProposalPatch):
    actor = api_actor(request, slug)
    current = selectors.proposal(actor, proposal_id)
    data = payload.dict(exclude_none=True)
    services.update_proposal(
        actor,
        proposal_id,
        title=data.get("title", current.title),
        body=data.get("body", current.body),
    )
    return _proposal_out(actor, selectors.proposal(actor, proposal_id))


@router.post(
    "/{slug}/proposals/{proposal_id}/open",
    response={200: ProposalOut, ERRORS: ErrorOut},
    operation_id="open_proposal",
    tags=["decisions"],
    description="Policy action `proposal.open`: opens a draft under the rule in force now "
    "and fixes its electorate; 409 if the category has no rule.",
)
def open_proposal(request, slug: Slug, proposal_id: PathId):
    actor = api_actor(request, slug)
    services.open_proposal(actor, proposal_id)
    return _proposal_out(actor, selectors.proposal(actor, proposal_id))


@router.post(
    "/{slug}/proposals/{proposal_id}/close",
    response={200: ProposalOut, ERRORS: ErrorOut},
    operation_id="close_proposal",
    tags=["decisions"],
    description="Policy action `proposal.close`: after the window, or early once everyone "
    "has voted; 409 otherwise.",
)
def close_proposal(request, slug: Slug, proposal_id: PathId):
    actor = api_actor(request, slug)
    services.close_proposal(proposal_id, actor=actor)
    return _proposal_out(actor, selectors.proposal(actor, proposal_id))


# --- comments -----------------------------------------------------------------------


class CommentOut(Schema):
    id: int
    author_label: str
    body: str
    created_at: datetime
    is_mine: bool


class CommentIn(Body):
    body: Text(10000)


def _comment_out(actor, comment) -> dict:
    return {
        "id": comment.id,
        "author_label": comment.author_label,
        "body": comment.body,
        "created_at": comment.created_at,
        "is_mine": actor.user is not None and comment.author_id == actor.user.id,
    }


@router.get(
    "/{slug}/proposals/{proposal_id}/comments",
    response={200: list[CommentOut], ERRORS: ErrorOut},
    operation_id="list_comments",
    tags=["decisions"],
    description="Policy action `proposal.view`.",
)
def list_comments(request, slug: Slug, proposal_id: PathId):
    actor = api_actor(request, slug)
    proposal = selectors.proposal(actor, proposal_id)
    return [_comment_out(actor, c) for c in selectors.comments(proposal)]


@router.post(
    "/{slug}/proposals/{proposal_id}/comments",
    response={201: CommentOut, ERRORS: ErrorOut},
    operation_id="add_comment",
    tags=["decisions"],
    description="Policy action `proposal.comment`. Signed with your shown name, or your "
    "alias if your membership is pseudonymous.",
)
def add_comment(request, slug: Slug, proposal_id: PathId, payload: CommentIn):
    actor = api_actor(request, slug)
    comment = services.add_comment(actor, proposal_id, body=payload.body)
    (comment,) = selectors.label_comments(actor.coalition.id, [comment])
    return Status(201, _comment_out(actor, comment))


# --- voting -------------------------------------------------------------------------


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


@router.post(
    "/{slug}/proposals/{proposal_id}/ballot",
    response={200: ReceiptOut, ERRORS: ErrorOut},
    operation_id="cast_ballot",
    tags=["decisions"],
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


@router.get(
    "/{slug}/proposals/{proposal_id}/receipts",
    response={200: ReceiptListOut, ERRORS: ErrorOut},
    operation_id="list_receipts",
    tags=["decisions"],
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


@router.post(
    "/{slug}/proposals/{proposal_id}/receipts/check",
    response={200: ReceiptCheckOut, ERRORS: ErrorOut},
    operation_id="check_receipt",
    tags=["decisions"],
    description="Policy action `proposal.view`: whether the ballot with this receipt code "
    "is recorded (it is counted when the decision closes, and listed once released from "
    "the mix). The code travels in the body, never in a URL that access logs keep.",
)
def check_receipt(request, slug: Slug, proposal_id: PathId, payload: ReceiptQuery):
    actor = api_actor(request, slug)
    proposal = selectors.proposal(actor, proposal_id)
    return {"counted": selectors.receipt_is_counted(proposal, payload.code)}


# --- conflicts ----------------------------------------------------------------------


class ConflictOut(Schema):
    id: int
    title: str
    description: str
    status: str
    outcome: str
    mediator: str
    anonymous: bool = Field(description="Raised anonymously: who raised it is not stored.")
    raised_by_me: bool
    has_owner: bool
    owner_is_me: bool
    created_at: datetime
    updated_at: datetime


class ConflictIn(Body):
    title: Text(200)
    description: Text(10000)
    anonymous: Flag = False


class ConflictPatch(Body):
    status: Text(20) | None = None
    outcome: Text(10000) | None = None
    owner_email: Text(254) | None = Field(
        None, description="Assign an owner by e-mail (steering only); empty to unassign."
    )
    mediator: Text(200) | None = Field(None, description="Steering only.")


def _conflict_out(actor, conflict) -> dict:
    user_id = actor.user.id if actor.user is not None else None
    return {
        "id": conflict.id,
        "title": conflict.title,
        "description": conflict.description,
        "status": conflict.status,
        "outcome": conflict.outcome,
        "mediator": conflict.mediator,
        "anonymous": conflict.raised_by_id is None,
        "raised_by_me": user_id is not None and conflict.raised_by_id == user_id,
        "has_owner": conflict.owner_id is not None,
        "owner_is_me": user_id is not None and conflict.owner_id == user_id,
        "created_at": conflict.created_at,
        "updated_at": conflict.updated_at,
    }


@router.get(
    "/{slug}/conflicts",
    response={200: list[ConflictOut], ERRORS: ErrorOut},
    operation_id="list_conflicts",
    tags=["conflicts"],
    description="Policy action `conflicts.list`: all of them for the steering committee, "
    "otherwise those you raised (openly) or own.",
)
def list_conflicts(request, slug: Slug):
    actor = api_actor(request, slug)
    return [_conflict_out(actor, c) for c in selectors.conflicts(actor)]


@router.post(
    "/{slug}/conflicts",
    response={201: ConflictOut, ERRORS: ErrorOut},
    operation_id="raise_conflict",
    tags=["conflicts"],
    description="Policy action `conflicts.create`. Raised anonymously, nothing records who "
    "raised it, so you will not find it in your list afterwards.",
)
def raise_conflict(request, slug: Slug, payload: ConflictIn):
    actor = api_actor(request, slug)
    conflict = services.raise_conflict(actor, **payload.dict())
    return Status(201, _conflict_out(actor, conflict))


@router.get(
    "/{slug}/conflicts/{conflict_id}",
    response={200: ConflictOut, ERRORS: ErrorOut},
    operation_id="get_conflict",
    tags=["conflicts"],
    description="Policy action `conflict.view` (404 when refused).",
)
def get_conflict(request, slug: Slug, conflict_id: PathId):
    actor = api_actor(request, slug)
    return _conflict_out(actor, selectors.conflict(actor, conflict_id))


@router.patch(
    "/{slug}/conflicts/{conflict_id}",
    response={200: ConflictOut, ERRORS: ErrorOut},
    operation_id="update_conflict",
    tags=["conflicts"],
    description="Policy action `conflict.update`; `owner_email` and `mediator` also need "
    "`conflict.assign`. Omitted fields keep their value.",
)
def update_conflict(request, slug: Slug, conflict_id: PathId, payload: ConflictPatch):
    actor = api_actor(request, slug)
    conflict = services.update_conflict(actor, conflict_id, **payload.dict())
    return _conflict_out(actor, conflict)


# --- notifications ------------------------------------------------------------------


class NotificationOut(Schema):
    id: int
    text: str
    proposal_id: int | None = None
    created_at: datetime
    read_at: datetime | None = None


class NotificationFilters(Schema):
    unread: bool = False


class NotificationsReadIn(Body):
    ids: list[Id] | None = Field(
        None, max_length=500, description="Which to mark read; omit to mark all read."
    )


class MarkedOut(Schema):
    marked: int


@router.get(
    "/{slug}/notifications",
    response={200: list[NotificationOut], ERRORS: ErrorOut},
    operation_id="list_notifications",
    tags=["decisions"],
    description="Policy action `decisions.list`: your latest 100 notifications here.",
)
def list_notifications(request, slug: Slug, filters: Query[NotificationFilters]):
    actor = api_actor(request, slug)
    policy.require(actor, "decisions.list")
    return [
        {
            "id": n.id,
            "text": n.text,
            "proposal_id": n.proposal_id,
            "created_at": n.created_at,
            "read_at": n.read_at,
        }
        for n in selectors.notifications(actor, unread_only=filters.unread)
    ]


@router.post(
    "/{slug}/notifications/read",
    response={200: MarkedOut, ERRORS: ErrorOut},
    operation_id="mark_notifications_read",
    tags=["decisions"],
    description="Policy action `decisions.list`: marks your notifications here as read.",
)
def mark_notifications_read(request, slug: Slug, payload: NotificationsReadIn):
    actor = api_actor(request, slug)
    return {"marked": services.mark_notifications_read(actor, payload.ids)}
