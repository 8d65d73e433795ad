"""Taking part: recording a position (with a receipt for a secret ballot), and the
published receipts of a secret ballot."""

from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coalesce.coalitions.web.pages import coalition_page, page
from coalesce.core.forms import submit
from coalesce.decisions import mix, selectors, services
from coalesce.decisions.models import Method
from coalesce.decisions.web.common import GET_POST, decisions_url, proposal_to_change
from coalesce.decisions.web.forms import ReceiptCheckForm, VoteForm
from coalesce.decisions.web.proposal_page import proposal_page


@require_POST
@coalition_page("proposal.vote")
def proposal_vote(request, actor, proposal_id):
    proposal = proposal_to_change(actor, proposal_id)
    method = proposal.rule.method if proposal.rule is not None else Method.SIMPLE_MAJORITY
    form = VoteForm(request.POST, method=method)
    submission = submit(
        request,
        form,
        lambda data: services.cast(actor, proposal.id, **data),
        success=_("Your position is recorded."),
    )
    receipt = submission.result
    if submission.status is None and not receipt:
        return redirect(decisions_url(actor, "proposal", proposal_id=proposal.id))
    if submission.status is None:
        # A secret ballot's receipt is shown in this response only: it is never stored
        # (not in the session, not in a message), so nothing links it to the voter.
        voted = selectors.proposal(actor, proposal.id, with_counts=True)
        return proposal_page(request, actor, voted, receipt=receipt)
    return proposal_page(request, actor, proposal, vote_form=form, status=submission.status)


@GET_POST
@coalition_page("proposal.view")
def proposal_receipts(request, actor, proposal_id):
    """The published receipts; a code is checked by POST so it never lands in a URL log."""
    proposal = selectors.proposal(actor, proposal_id, with_counts=True)
    secret = proposal.rule is not None and proposal.rule.secret
    form = ReceiptCheckForm(request.POST if request.method == "POST" else None)
    found = None  # not checked; then "listed", "sealed" or "" (not found)
    if secret and form.is_bound and form.is_valid():
        found = selectors.receipt_status(proposal, form.cleaned_data["code"]) or ""
    return page(
        request,
        actor,
        "decisions/receipts.html",
        proposal=proposal,
        secret=secret,
        receipts=selectors.receipts(proposal) if secret else [],
        sealed=selectors.sealed_ballots(proposal) if secret else 0,
        batch=mix.BATCH,
        form=form,
        found=found,
        status=200 if form.is_valid() or not form.is_bound else 400,
    )
