"""Reads of the credit ledger, masked by the visibility rules (C11).

A page and an operation showing the same thing call the same function here. Names are
never read from the ledger: each comes from ``coalitions.selectors.member_row`` for the
reader at hand, so a pseudonymous member appears under its alias (or, to a reader who
may not see it listed, not at all) and a hidden member is counted, never named.

``acknowledgement_line(reader, output)`` is the line as ``reader`` may see it;
``public_line(output)`` is the line an anonymous visitor may see — the one to print.
"""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from coalesce.coalitions import policy as coalition_policy
from coalesce.coalitions.models import ActorType, Membership, MembershipStatus
from coalesce.coalitions.selectors import member_row
from coalesce.core.errors import NotFound
from coalesce.credit import policy, rules
from coalesce.credit.limits import FLAG_CONTRIBUTIONS, GAP_RATIO, MAX_ROWS
from coalesce.credit.models import Consent, Contribution, CreditPolicy, Output


def credit_policy(coalition) -> CreditPolicy:
    """The coalition's credit policy, or the defaults when none was set (not saved)."""
    found = CreditPolicy.objects.filter(coalition=coalition).first()
    return found or CreditPolicy(coalition=coalition)


def rules_of(found: CreditPolicy) -> rules.Rules:
    return rules.Rules(
        roles=frozenset(found.roles),
        order=found.name_order,
        count_unnamed=found.count_unnamed,
        minimum_degree=found.minimum_degree,
    )


def charter_section(actor) -> dict:
    """The charter page's part about credit (``coalitions.charter_sections``)."""
    if not policy.allows(actor, "credit.view"):
        return {}
    return {"credit_policy": credit_policy(actor.coalition)}


def outputs(actor, *, offset=0, limit=MAX_ROWS) -> list[Output]:
    """The coalition's outputs, newest first, each with ``contributors``: how many of its
    members' contributions the actor may see listed."""
    policy.require(actor, "credit.view")
    listed = coalition_policy.listed_memberships_filter(actor, "contributions__membership__")
    return list(
        Output.objects.filter(coalition=actor.coalition)
        .annotate(contributors=Count("contributions__membership", distinct=True, filter=listed))
        .order_by("-date", "-id")[offset : offset + limit]
    )


def output(actor, output_id) -> Output:
    policy.require(actor, "credit.view")
    found = Output.objects.filter(coalition=actor.coalition, pk=output_id).first()
    if found is None:
        raise NotFound()
    return found


def _contributions(output_obj) -> list[Contribution]:
    return list(
        output_obj.contributions.select_related(
            "membership__organisation", "membership__person"
        ).order_by("id")
    )


def _entries(reader, contributions) -> list[rules.Entry]:
    return [
        rules.Entry(
            member=c.membership_id,
            name=(
                member_row(reader, c.membership).name
                if coalition_policy.is_listed(reader, c.membership)
                else None
            ),
            is_organisation=c.membership.organisation_id is not None,
            role=c.role,
            degree=c.degree,
            consent=c.consent,
            joined=c.membership.joined_at,
        )
        for c in contributions
    ]


def _line(reader, contributions, found_policy) -> rules.Line:
    return rules.acknowledgement(_entries(reader, contributions), rules_of(found_policy))


def acknowledgement_line(reader, output_obj) -> rules.Line:
    """The line as ``reader`` (an actor of the output's coalition) may see it."""
    return _line(reader, _contributions(output_obj), credit_policy(output_obj.coalition))


def public_actor(coalition):
    """Whoever reads a public line: an anonymous visitor, as the public page decides."""
    return coalition_policy.actor_for(None, coalition)


def public_line(output_obj) -> rules.Line:
    return acknowledgement_line(public_actor(output_obj.coalition), output_obj)


@dataclass(frozen=True)
class ContributionRow:
    contribution: Contribution
    member: object  # coalitions.selectors.MemberRow
    consent_shown: bool  # the member's own choice, shown to it and to custodians


@dataclass(frozen=True)
class OutputView:
    output: Output
    rows: list[ContributionRow]
    hidden: int  # contributions by members the actor may not see listed
    line: rules.Line  # the public line of a public output, else the line as the actor sees it
    line_is_public: bool


def output_view(actor, output_id) -> OutputView:
    found = output(actor, output_id)
    contributions = _contributions(found)
    rows = [
        ContributionRow(
            c, member_row(actor, c.membership), policy.allows(actor, "credit.consent", c.membership)
        )
        for c in contributions
        if coalition_policy.is_listed(actor, c.membership)
    ]
    reader = public_actor(actor.coalition) if found.is_public else actor
    line = _line(reader, contributions, credit_policy(actor.coalition))
    return OutputView(found, rows, len(contributions) - len(rows), line, found.is_public)


def contributor_choices(actor) -> list:
    """(membership id, name) of the active members the actor may credit, by name."""
    members = (
        Membership.objects.filter(coalition=actor.coalition, status=MembershipStatus.ACTIVE)
        .filter(coalition_policy.listed_memberships_filter(actor))
        .select_related("organisation", "person")
    )
    if not policy.allows(actor, "credit.record_output"):
        members = members.filter(id__in=actor.own_membership_ids)
    rows = [member_row(actor, m) for m in members]
    return sorted(((r.id, r.name) for r in rows), key=lambda pair: pair[1].casefold())


# --- the equity view ----------------------------------------------------------------------


@dataclass(frozen=True)
class EquityRow:
    member: object  # MemberRow
    contributed: int  # outputs it contributed to (declined credit aside)
    credited: int  # of those, outputs that credit it, named or privately
    private: int | None  # credited privately: shown to the member itself and custodians
    declined: int  # outputs it asked no credit for

    @property
    def ratio(self) -> float | None:
        return self.credited / self.contributed if self.contributed else None

    @property
    def flagged(self) -> bool:
        return self.contributed >= FLAG_CONTRIBUTIONS and self.credited == 0


@dataclass(frozen=True)
class Gap:
    group: str  # an actor type's code, "hidden" (type not shown) or "person"
    label: str
    contributed: int
    credited: int
    ratio: float | None  # P(credited | contributed) here ÷ the same for everyone else

    @property
    def rate(self) -> float | None:
        return self.credited / self.contributed if self.contributed else None

    @property
    def is_gap(self) -> bool:
        return self.ratio is not None and self.ratio < GAP_RATIO


@dataclass(frozen=True)
class Equity:
    rows: list[EquityRow]
    gaps: list[Gap]  # empty unless the actor sees every row
    every_row: bool


def _annotated(actor, found_policy):
    """Listed memberships with their counts, in one query (SQL aggregation)."""
    prefix = "contributions__"
    declined = Q(**{f"{prefix}consent": Consent.NONE})
    wants_credit = Q(**{f"{prefix}consent__in": [Consent.PUBLIC, Consent.PRIVATE]})
    earns = wants_credit & Q(
        **{
            f"{prefix}role__in": list(found_policy.roles),
            f"{prefix}degree__in": list(rules.degrees_meeting(found_policy.minimum_degree)),
        }
    )
    kept_private = earns & Q(**{f"{prefix}consent": Consent.PRIVATE})
    outputs_counted = f"{prefix}output"
    members = (
        Membership.objects.filter(coalition=actor.coalition)
        .filter(coalition_policy.listed_memberships_filter(actor))
        .select_related("organisation", "person")
        .annotate(
            contributed=Count(outputs_counted, distinct=True, filter=wants_credit),
            credited=Count(outputs_counted, distinct=True, filter=earns),
            private=Count(outputs_counted, distinct=True, filter=kept_private),
            declined=Count(outputs_counted, distinct=True, filter=declined),
        )
        .filter(Q(contributed__gt=0) | Q(declined__gt=0))
    )
    if not policy.sees_every_row(actor):
        members = members.filter(id__in=actor.own_membership_ids)
    return members


def equity(actor) -> Equity:
    """Per member: contributions, credits and their ratio, flagged where it contributed
    ``FLAG_CONTRIBUTIONS`` times or more and was never credited; and, for whoever sees
    every row, the attribution gap by actor type."""
    policy.require(actor, "credit.equity")
    rows = []
    for m in _annotated(actor, credit_policy(actor.coalition)):
        shows_private = policy.allows(actor, "credit.consent", m)
        rows.append(
            EquityRow(
                member_row(actor, m),
                m.contributed,
                m.credited,
                m.private if shows_private else None,
                m.declined,
            )
        )
    rows.sort(key=lambda r: (not r.flagged, r.ratio if r.ratio is not None else 2, r.member.name))
    every_row = policy.sees_every_row(actor)
    return Equity(rows, gaps_by_actor_type(rows) if every_row else [], every_row)


def _group(row) -> tuple[str, str]:
    if row.member.kind == "person":
        return "person", str(_("Individual members"))
    if not row.member.actor_type_code:
        return "hidden", str(_("Type not shown"))
    return row.member.actor_type_code, str(ActorType(row.member.actor_type_code).label)


def gaps_by_actor_type(rows) -> list[Gap]:
    """P(credited | contributed) of each group beside everyone else's (Ross et al. 2022):
    a ratio under ``GAP_RATIO`` is a gap. A member whose type the reader may not see is
    in "type not shown", never under its type."""
    totals: dict[tuple[str, str], list[int]] = {}
    for row in rows:
        counts = totals.setdefault(_group(row), [0, 0])
        counts[0] += row.contributed
        counts[1] += row.credited
    all_c = sum(c for c, _k in totals.values())
    all_k = sum(k for _c, k in totals.values())
    gaps = []
    for (code, label), (c, k) in sorted(totals.items(), key=lambda item: item[0][1]):
        rest_c, rest_k = all_c - c, all_k - k
        ratio = None
        if c and rest_c and rest_k:
            ratio = (k / c) / (rest_k / rest_c)
        gaps.append(Gap(code, label, c, k, ratio))
    return gaps
