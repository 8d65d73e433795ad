"""The decisions list: open decisions, drafts and closed ones, a page of each."""

from django.views.decorators.http import require_GET

from coalesce.coalitions.web.pages import coalition_page, page
from coalesce.decisions import policy, selectors
from coalesce.decisions.models import ProposalStatus
from coalesce.decisions.web.common import Section, section


def _took_part(proposal) -> int:
    if proposal.rule is not None and proposal.rule.secret:
        return proposal.n_voted_secret
    return proposal.n_ballots


def _proposals_page(request, name, rows) -> Section:
    found = section(request, name, rows)
    for proposal in found.rows:
        proposal.took_part = _took_part(proposal)
        proposal.voting_ended = selectors.due_now(proposal)
    return found


def _listed(actor, status, *order):
    found = selectors.proposals(actor, status=status)
    return selectors.with_participation(found).order_by(*order, "-id")


@require_GET
@coalition_page("decisions.list")
def decision_list(request, actor):
    return page(
        request,
        actor,
        "decisions/list.html",
        open=_proposals_page(
            request,
            "open",
            selectors.with_my_part(_listed(actor, ProposalStatus.OPEN, "closes_at"), actor),
        ),
        drafts=_proposals_page(
            request, "drafts", _listed(actor, ProposalStatus.DRAFT, "-created_at")
        ),
        closed=_proposals_page(
            request, "closed", _listed(actor, ProposalStatus.CLOSED, "-closed_at")
        ),
        may_create=policy.allows(actor, "proposal.create"),
        unread=selectors.notifications(actor, unread_only=True).count(),
    )
