"""What the decision pages share: their URLs, paging, and how a refusal is shown."""

from dataclasses import dataclass

from django.urls import reverse
from django.views.decorators.http import require_http_methods

from coalesce.core.errors import DomainError, Forbidden, NotFound
from coalesce.decisions import selectors, services

GET_POST = require_http_methods(["GET", "POST"])
PER_PAGE = 25  # proposals per page in each part of the decisions list


def decisions_url(actor, name: str, **kwargs) -> str:
    return reverse(f"decisions:{name}", kwargs={"slug": actor.coalition.slug, **kwargs})


def raise_page_error(error: DomainError) -> None:
    """A refusal about the page itself (not the input) becomes an error page."""
    if isinstance(error, NotFound | Forbidden) and error.field is None:
        raise error


def int_param(request, name):
    try:
        return int(request.GET.get(name, ""))
    except ValueError:
        return None


@dataclass(frozen=True)
class Section:
    """One page of a part of a list (open, drafts, closed decisions; voices)."""

    name: str  # also the query parameter holding its page number
    rows: list
    number: int
    has_next: bool


def section(request, name, rows, shown=None, per_page=PER_PAGE) -> Section:
    """Page ``?<name>=N`` of ``rows`` (a queryset or list in display order); only that
    page is fetched (a queryset) and turned into what the page shows (``shown``)."""
    try:
        number = min(max(1, int(request.GET.get(name, "1"))), 100_000)
    except ValueError:
        number = 1
    start = (number - 1) * per_page
    found = list(rows[start : start + per_page + 1])
    has_next = len(found) > per_page
    found = found[:per_page]
    return Section(name, shown(found) if shown else found, number, has_next)


def proposal_to_change(actor, proposal_id):
    """The proposal, before a POST acts on it: closed first (counted, outcome stored) if
    its window has passed and the task worker has not closed it yet."""
    proposal = selectors.proposal(actor, proposal_id, with_counts=True)
    if selectors.due_now(proposal):
        services.close_if_due(proposal.id)  # or it was closed meanwhile: read it again
        proposal = selectors.proposal(actor, proposal_id, with_counts=True)
    return proposal
