"""Proposals: drafting, editing and opening one for decision with its electorate."""

from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from coalesce.coalitions.models import (
    Committee,
    CommitteeKind,
    CommitteeSeat,
    Membership,
    MembershipStatus,
    Person,
)
from coalesce.core.errors import Conflict as ConflictError
from coalesce.core.errors import DomainError, NotFound
from coalesce.core.unchanged import UNCHANGED
from coalesce.core.validation import clean_text
from coalesce.decisions import policy
from coalesce.decisions.models import (
    Category,
    Conflict,
    Elector,
    Electorate,
    Proposal,
    ProposalStatus,
    Rule,
    VoteUnit,
)
from coalesce.decisions.services.notifications import notify_electorate
from coalesce.decisions.services.rules import category_of, clean_rule_terms, current_rule

# The terms of a rule a proposal may carry as its ``rule_change``.
RULE_TERM_KEYS = frozenset(
    {
        "method",
        "electorate",
        "committee_id",
        "vote_unit",
        "threshold_numerator",
        "threshold_denominator",
        "quorum_percent",
        "window_hours",
        "abstentions_count_for_quorum",
        "secret",
    }
)


@transaction.atomic
def create_proposal(
    actor,
    *,
    category_id,
    title,
    body,
    conflict_id=None,
    rule_change_category_id=None,
    rule_change=None,
):
    policy.require(actor, "proposal.create")
    category = category_of(actor, category_id)
    fields = dict(
        title=clean_text(title, "title", max_length=200),
        body=clean_text(body, "body", max_length=20000),
    )
    if conflict_id:
        fields["conflict"] = _linked_conflict(actor, conflict_id)
    if rule_change_category_id or rule_change:
        fields.update(_rule_change(actor, category, rule_change_category_id, rule_change))
    return Proposal.objects.create(
        coalition=actor.coalition, category=category, author=actor.user, **fields
    )


def _linked_conflict(actor, conflict_id) -> Conflict:
    conflict = Conflict.objects.filter(coalition=actor.coalition, pk=conflict_id).first()
    if conflict is None or not policy.allows(actor, "conflict.view", conflict):
        raise NotFound(_("No such issue in the conflict register."), "conflict_id")
    return conflict


def _rule_change(actor, category, target_id, terms) -> dict:
    """The fields of a proposal that would change ``target_id``'s rule to ``terms``."""
    if category.slug != Category.CHARTER_SLUG:
        raise DomainError(_("Rule changes are decided in the charter category."), "category_id")
    target = category_of(actor, target_id)
    clean_rule_terms(actor.coalition, terms or {})
    plain = {key: value for key, value in terms.items() if key in RULE_TERM_KEYS}
    return {"rule_change_category": target, "rule_change": plain}


def proposal_for_update(actor, proposal_id) -> Proposal:
    proposal = (
        Proposal.objects.select_for_update()
        .filter(coalition=actor.coalition, pk=proposal_id)
        .first()
    )
    if proposal is None or not policy.allows(actor, "proposal.view", proposal):
        raise NotFound()
    return proposal


@transaction.atomic
def update_proposal(actor, proposal_id, *, title=UNCHANGED, body=UNCHANGED):
    """Change a draft's title and/or text; a field left ``UNCHANGED`` keeps its value."""
    proposal = proposal_for_update(actor, proposal_id)
    policy.require(actor, "proposal.edit", proposal)
    if title is not UNCHANGED:
        proposal.title = clean_text(title, "title", max_length=200)
    if body is not UNCHANGED:
        proposal.body = clean_text(body, "body", max_length=20000)
    proposal.save(update_fields=["title", "body"])
    return proposal


def electorate_memberships(coalition, rule: Rule):
    memberships = Membership.objects.filter(coalition=coalition, status=MembershipStatus.ACTIVE)
    if rule.electorate == Electorate.ALL_MEMBERS:
        return memberships
    if rule.electorate == Electorate.STEERING:
        committee = Committee.objects.filter(
            coalition=coalition, kind=CommitteeKind.STEERING
        ).first()
    else:
        committee = rule.committee
    seated = CommitteeSeat.objects.filter(committee=committee).values("membership_id")
    return memberships.filter(pk__in=seated)


def build_electors(proposal: Proposal, rule: Rule) -> list[Elector]:
    memberships = electorate_memberships(proposal.coalition, rule)
    if rule.vote_unit == VoteUnit.MEMBER:
        return [
            Elector(proposal=proposal, key=f"m{m_id}", membership_id=m_id)
            for m_id in memberships.values_list("id", flat=True)
        ]
    people = Person.objects.filter(user__isnull=False).filter(
        Q(own_membership__in=memberships) | Q(organisation__membership__in=memberships)
    )
    return [
        Elector(
            proposal=proposal,
            key=f"p{person_id}",
            person_id=person_id,
            membership_id=own_id or org_membership_id,
        )
        for person_id, own_id, org_membership_id in people.values_list(
            "id", "own_membership__id", "organisation__membership__id"
        )
    ]


@transaction.atomic
def open_proposal(actor, proposal_id):
    """Open a draft for decision under the rule in force now, fixing the electorate."""
    proposal = proposal_for_update(actor, proposal_id)
    policy.require(actor, "proposal.open", proposal)
    rule = current_rule(proposal.category)
    if rule is None:
        raise ConflictError(_("This category has no decision rule yet."), "category_id")
    now = timezone.now()
    proposal.rule = rule
    proposal.status = ProposalStatus.OPEN
    proposal.opened_at = now
    proposal.closes_at = now + timedelta(hours=rule.window_hours)
    proposal.save(update_fields=["rule", "status", "opened_at", "closes_at"])
    electors = build_electors(proposal, rule)
    if not electors:
        raise ConflictError(
            _("No one is in the electorate of this category's rule: check its committee."),
            "category_id",
        )
    Elector.objects.bulk_create(electors, batch_size=1000)
    notify_electorate(proposal)
    return proposal
