"""Comments on a proposal while it is discussed or open."""

from django.db import transaction

from coalesce.core.validation import clean_text
from coalesce.decisions import policy
from coalesce.decisions.models import Comment
from coalesce.decisions.services.proposals import proposal_for_update


@transaction.atomic
def add_comment(actor, proposal_id, *, body):
    """No signature is stored: readers see one worked out from the author's membership
    as it is when they read (``selectors.comments``)."""
    proposal = proposal_for_update(actor, proposal_id)
    policy.require(actor, "proposal.comment", proposal)
    return Comment.objects.create(
        proposal=proposal,
        author=actor.user,
        body=clean_text(body, "body", max_length=10000),
    )
