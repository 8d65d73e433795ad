"""The discussion of a proposal."""

from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coalesce.coalitions.web.pages import coalition_page
from coalesce.core.forms import post_form
from coalesce.decisions import policy, services
from coalesce.decisions.web.common import decisions_url, proposal_to_change
from coalesce.decisions.web.forms import CommentForm
from coalesce.decisions.web.proposal_page import proposal_page


@require_POST
@coalition_page("proposal.view")
def proposal_comment(request, actor, proposal_id):
    proposal = proposal_to_change(actor, proposal_id)
    policy.require(actor, "proposal.comment", proposal)
    form = CommentForm(request.POST)
    return post_form(
        request,
        form,
        lambda data: services.add_comment(actor, proposal.id, body=data["body"]),
        success=_("Your comment is added."),
        done=decisions_url(actor, "proposal", proposal_id=proposal.id) + "#comments",
        failed=lambda status: proposal_page(
            request, actor, proposal, comment_form=form, status=status
        ),
    )
