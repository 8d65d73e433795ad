"""Categories of decisions and their rules."""

from datetime import datetime
from typing import Annotated

from ninja import Field, Schema, Status

from coalesce.coalitions.access import api_actor
from coalesce.core.api import MAX_ID, Body, Flag, Id, PathId, Slug, Text
from coalesce.core.errors import NotFound
from coalesce.decisions import selectors, services, tally
from coalesce.decisions.api.common import ops

Number = Annotated[int, Field(ge=0, le=MAX_ID)]


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

    @staticmethod
    def resolve_positions(rule) -> list[str]:
        return [str(p) for p in tally.POSITIONS_BY_METHOD[rule.method]]

    @staticmethod
    def resolve_committee_name(rule) -> str:
        return rule.committee.name if rule.committee_id else ""

    @staticmethod
    def resolve_adopted_by_proposal_id(rule) -> int | None:
        return rule.adopted_by_id


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


def _rule_in_force(category):
    rules = list(category.rules.all())  # prefetched
    return max(rules, key=lambda r: r.version) if rules else None


class CategoryOut(Schema):
    id: int
    slug: str
    name: str
    description: str
    version: int | None = Field(description="The version of the rule in force, if any.")
    rule: RuleOut | None = None

    @staticmethod
    def resolve_version(category) -> int | None:
        rule = _rule_in_force(category)
        return rule.version if rule else None

    @staticmethod
    def resolve_rule(category):
        return _rule_in_force(category)


class CategoryIn(Body):
    name: Text(120)
    slug: Text(60) = ""
    description: Text(2000) = ""


def _visible_categories(actor):
    return selectors.categories(actor).prefetch_related("rules__committee")


def _visible_category(actor, category_id):
    category = _visible_categories(actor).filter(pk=category_id).first()
    if category is None:
        raise NotFound()
    return category


@ops.get(
    "/{slug}/categories",
    list[CategoryOut],
    description="Policy action `decisions.list`: categories with the rule in force.",
)
def list_categories(request, slug: Slug):
    actor = api_actor(request, slug, "decisions.list")
    return list(_visible_categories(actor))


@ops.post(
    "/{slug}/categories",
    CategoryOut,
    status=201,
    description="Policy action `categories.manage`.",
)
def create_category(request, slug: Slug, payload: CategoryIn):
    actor = api_actor(request, slug)
    category = services.create_category(actor, **payload.dict())
    return Status(201, _visible_category(actor, category.id))


@ops.put(
    "/{slug}/categories/{category_id}/rule",
    CategoryOut,
    description=(
        "Policy action `rules.define`: a category's first rule. 409 when it has one "
        "already: later changes are charter decisions (`rule_change` on a proposal)."
    ),
)
def define_rule(request, slug: Slug, category_id: PathId, payload: RuleIn):
    actor = api_actor(request, slug)
    services.define_rule(actor, category_id, **payload.dict())
    return _visible_category(actor, category_id)
