"""JSON operations for participation, mounted under /coalitions (paths
/{slug}/participation/...): the same selectors and services as the pages."""

from datetime import date, datetime

from ninja import Field, Schema, Status

from coalesce.accounts.api_auth import operations
from coalesce.coalitions.access import api_actor
from coalesce.core.api import Body, PathId, Slug, Text
from coalesce.participation import policy, selectors, services
from coalesce.participation.limits import (
    MAX_NOTE,
    MAX_PERIOD_MONTHS,
    MAX_SHARE,
    MIN_PERIOD_MONTHS,
)

ops = operations("participation")
router = ops.router


class ParticipationExpectationsIO(Body):
    min_vote_share: int = Field(
        ge=0, le=MAX_SHARE, description="Per cent of the votes it could take part in; 0: none."
    )
    min_attendance_share: int = Field(
        ge=0, le=MAX_SHARE, description="Per cent of the meetings it was invited to; 0: none."
    )
    period_months: int = Field(
        ge=MIN_PERIOD_MONTHS,
        le=MAX_PERIOD_MONTHS,
        description="The period the shares are read over.",
    )


class ParticipationAssessmentOut(Schema):
    standing: str = Field(description="met, below or not_applicable")
    reason: str


class ParticipationMemberOut(Schema):
    membership_id: int
    name: str = Field(description="As you may see it: an alias where you may not know who.")
    is_alias: bool
    votes_taken: int
    votes_eligible: int
    meetings_attended: int
    meetings_invited: int
    seats: int
    tasks_done: int
    contributions: int
    votes: ParticipationAssessmentOut
    meetings: ParticipationAssessmentOut
    standing: str = Field(description="met, below or not_applicable")
    took_no_part: bool


class ParticipationListOut(Schema):
    start: date
    end: date
    members: list[ParticipationMemberOut]


class ParticipationMonthOut(Schema):
    month: date
    votes_taken: int
    votes_eligible: int
    meetings_attended: int
    meetings_invited: int
    tasks_done: int
    contributions: int


class ParticipationReviewOut(Schema):
    id: int
    membership_id: int
    outcome: str = Field(description="no_action, reminder, plan or referred")
    note: str = Field(description="Markdown.")
    recorded_at: datetime
    recorded_by: str


class ParticipationRecordOut(Schema):
    start: date
    end: date
    member: ParticipationMemberOut
    months: list[ParticipationMonthOut]
    reviews: list[ParticipationReviewOut]


class ParticipationReviewIn(Body):
    outcome: Text(12) = Field(description="no_action, reminder, plan or referred")
    note: Text(MAX_NOTE) = Field(description="Markdown; the member reads it too.")


def _assessment(found) -> dict:
    return {"standing": str(found.standing), "reason": found.reason}


def _counts(counts) -> dict:
    return {name: getattr(counts, name) for name in selectors.Counts.__dataclass_fields__}


def _member(part) -> dict:
    return {
        "membership_id": part.member.id,
        "name": part.member.name,
        "is_alias": part.member.is_alias,
        **_counts(part.counts),
        "seats": part.seats,
        "votes": _assessment(part.votes),
        "meetings": _assessment(part.meetings),
        "standing": str(part.standing),
        "took_no_part": part.took_no_part,
    }


def _review(row) -> dict:
    return {
        "id": row.id,
        "membership_id": row.membership_id,
        "outcome": row.outcome,
        "note": row.note,
        "recorded_at": row.recorded_at,
        "recorded_by": str(getattr(row, "recorded_by_label", "")),
    }


def _expectations(found) -> dict:
    return {f: getattr(found, f) for f in ParticipationExpectationsIO.model_fields}


@ops.get(
    "/{slug}/participation/expectations",
    ParticipationExpectationsIO,
    description="Policy action `participation.expectations`: what the coalition expects "
    "of each member (shown on the charter beside the code of conduct).",
)
def get_participation_expectations(request, slug: Slug):
    actor = api_actor(request, slug)
    policy.require(actor, "participation.expectations")
    return _expectations(selectors.expectations(actor.coalition))


@ops.put(
    "/{slug}/participation/expectations",
    ParticipationExpectationsIO,
    description="Policy action `participation.set_expectations` (the steering committee): "
    "shares from 0 to 100, a period of 1 to 24 months.",
)
def set_participation_expectations(request, slug: Slug, payload: ParticipationExpectationsIO):
    actor = api_actor(request, slug)
    return _expectations(services.set_expectations(actor, **payload.dict()))


@ops.get(
    "/{slug}/participation/members",
    ParticipationListOut,
    description="Policy action `participation.list` (steering committee, admins): every "
    "active member you may see listed, its counts over the period (`start`, `end`, "
    "YYYY-MM-DD; by default the expectations' period ending today); `not_taken_part` "
    "keeps those with no part at all or below the expectations.",
)
def list_participation(
    request, slug: Slug, start: str = "", end: str = "", not_taken_part: bool = False
):
    actor = api_actor(request, slug)
    found = selectors.listing(actor, start=start, end=end, not_taken_part=not_taken_part)
    return {
        "start": found.period.start,
        "end": found.period.end,
        "members": [_member(row) for row in found.rows],
    }


@ops.get(
    "/{slug}/participation/members/{membership_id}",
    ParticipationRecordOut,
    description="Policy action `participation.member` (steering committee, admins, the "
    "member itself): its part over the period, month by month, and its conduct reviews.",
)
def get_member_participation(
    request, slug: Slug, membership_id: PathId, start: str = "", end: str = ""
):
    actor = api_actor(request, slug)
    view = selectors.member(actor, membership_id, start=start, end=end)
    return {
        "start": view.period.start,
        "end": view.period.end,
        "member": _member(view.part),
        "months": [{"month": m.month, **_counts(m.counts)} for m in view.months],
        "reviews": [_review(r) for r in view.reviews],
    }


@ops.get(
    "/{slug}/participation/members/{membership_id}/reviews",
    list[ParticipationReviewOut],
    description="Policy action `participation.member`: the member's conduct reviews, newest first.",
)
def list_conduct_reviews(request, slug: Slug, membership_id: PathId):
    actor = api_actor(request, slug)
    found = selectors.membership(actor, membership_id)
    return [_review(r) for r in selectors.reviews(actor, found)]


@ops.post(
    "/{slug}/participation/members/{membership_id}/reviews",
    ParticipationReviewOut,
    status=201,
    description="Policy action `participation.review` (the steering committee): record a "
    "conduct review (never edited afterwards).",
)
def record_conduct_review(
    request, slug: Slug, membership_id: PathId, payload: ParticipationReviewIn
):
    actor = api_actor(request, slug)
    review = services.record_review(actor, membership_id, **payload.dict())
    return Status(201, _review(selectors.label_reviews(actor, [review])[0]))
