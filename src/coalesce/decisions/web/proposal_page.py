"""One proposal's page: its text and rule, the discussion, who holds which position (an
open ballot), the counts, the outcome, and the vote form for the reader."""

from collections import Counter
from dataclasses import dataclass

from django.core.exceptions import ObjectDoesNotExist
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from coalesce.coalitions.web.pages import coalition_page, page
from coalesce.core import charts
from coalesce.decisions import policy, selectors, services, tally
from coalesce.decisions.models import Position, ProposalStatus, Rule
from coalesce.decisions.web.common import section
from coalesce.decisions.web.forms import CommentForm, VoteForm

VOICES_PER_PAGE = 100  # positions named per page of an open ballot's outcome


@dataclass(frozen=True)
class Share:
    """One position's count, for the table and the chart."""

    value: str
    label: str
    count: int


@dataclass(frozen=True)
class VoiceRow:
    """A position as the reader may see it (the name already masked by the selector)."""

    name: str
    position: str
    position_label: str
    reason: str


def _position_label(value) -> str:
    return Position(value).label if value in Position.values else value


def _shares(rule, counts) -> list[Share]:
    return [
        Share(value=p.value, label=p.label, count=int(counts.get(p.value, 0)))
        for p in tally.POSITIONS_BY_METHOD[rule.method]
    ]


def _rule_change(proposal):
    """The proposed rule as an unsaved Rule, for the same template as a rule in force."""
    if not proposal.rule_change_category_id:
        return None
    terms = proposal.rule_change or {}
    names = {f.attname for f in Rule._meta.concrete_fields} - {"id", "category_id", "version"}
    return Rule(
        category_id=proposal.rule_change_category_id,
        **{key: value for key, value in terms.items() if key in names},
    )


def _my_ballot(elector):
    if elector is None:
        return None
    try:
        return elector.ballot
    except ObjectDoesNotExist:
        return None


def _closing(actor, proposal) -> dict:
    """ "Close" is offered only when it would succeed; one who may close it early is told
    when they will be able to."""
    allowed = proposal.status == ProposalStatus.OPEN and policy.allows(
        actor, "proposal.close", proposal
    )
    closable = allowed and selectors.closable(proposal)
    return {"may_close": closable, "close_later": allowed and not closable}


def _page_context(actor, proposal, *, comment_form, error, receipt) -> dict:
    """What every proposal page shows, whatever its state."""
    voting_ended = selectors.due_now(proposal)
    is_open = proposal.status == ProposalStatus.OPEN and not voting_ended
    context = {
        "proposal": proposal,
        "rule": proposal.rule or services.current_rule(proposal.category),
        "is_open": is_open,
        "voting_ended": voting_ended,
        "is_closed": proposal.status == ProposalStatus.CLOSED,
        "is_draft": proposal.status == ProposalStatus.DRAFT,
        "error": error,
        "receipt": receipt,
        "author": selectors.user_label(actor, proposal.author_id),
        "rule_change": _rule_change(proposal),
        "may_edit": policy.allows(actor, "proposal.edit", proposal),
        "may_open": policy.allows(actor, "proposal.open", proposal),
        **_closing(actor, proposal),
        "may_comment": policy.allows(actor, "proposal.comment", proposal),
        "comments": list(selectors.comments(proposal)),
    }
    if proposal.conflict_id and policy.allows(actor, "conflict.view", proposal.conflict):
        context["conflict"] = proposal.conflict
    if context["may_comment"]:
        context["comment_form"] = comment_form or CommentForm()
    return context


def _open_voices(request, actor, proposal) -> dict:
    """An open ballot: every position counted, a page of them named (masked)."""
    # One label per position, not one lookup per voice (there can be 1,500).
    labels = {value: _position_label(value) for value in Position.values}

    def shown(rows):
        voices = (selectors.voice(actor, row) for row in rows)
        return [VoiceRow(v.name, v.position, labels.get(v.position, v.position), v.reason)
                for v in voices]  # fmt: skip

    rows = selectors.open_position_rows(proposal)
    return {
        "position_counts": Counter(row[0] for row in rows),
        "voices": section(request, "voices", rows, shown, VOICES_PER_PAGE),
        "objections": shown(r for r in rows if r[0] in tally.REASON_REQUIRED),
    }


def _secret_objections(proposal) -> dict:
    return {
        "objections": [
            VoiceRow(_("A secret ballot"), position, _position_label(position), reason)
            for position, reason in selectors.secret_objections(proposal)
        ]
    }


def _my_part(actor, proposal, vote_form) -> dict:
    """The reader's part in an open decision: in the electorate, voted, the vote form."""
    secret = proposal.rule.secret
    mine = selectors.my_elector(actor, proposal)
    ballot = None if secret else _my_ballot(mine)
    context = {
        "in_electorate": mine is not None,
        "has_voted": mine is not None and (mine.has_voted if secret else ballot is not None),
        "my_ballot": ballot,
    }
    if (
        mine is not None
        and policy.allows(actor, "proposal.vote")
        and not (secret and mine.has_voted)
    ):
        initial = {"position": ballot.position, "reason": ballot.reason} if ballot else {}
        context["vote_form"] = vote_form or VoteForm(method=proposal.rule.method, initial=initial)
    return context


def _counts(proposal, position_counts):
    """The counts the reader may see now, or None (a secret ballot before its close)."""
    if proposal.status == ProposalStatus.CLOSED:
        return (proposal.result or {}).get("counts", {})
    if not selectors.results_visible(proposal):
        return None
    if not proposal.rule.secret:
        return position_counts
    return selectors.count_positions(proposal)


def _count_context(proposal, position_counts) -> dict:
    counts = _counts(proposal, position_counts)
    if counts is None:
        return {}
    shares = _shares(proposal.rule, counts)
    context = {"shares": shares}
    if proposal.status == ProposalStatus.CLOSED:
        context["chart"] = charts.horizontal_bars(
            shares, title=_("Positions counted"), chart_id="positions-chart"
        )
    return context


def _ballot_context(request, actor, proposal, context, vote_form) -> None:
    """Participation, positions, the reader's part and the counts of an opened proposal."""
    took_part, electorate = selectors.participation(proposal)
    context.update(took_part=took_part, electorate=electorate)
    if proposal.rule.secret:
        context.update(_secret_objections(proposal))
    else:
        context.update(_open_voices(request, actor, proposal))
    if context["is_open"]:
        context.update(_my_part(actor, proposal, vote_form))
    context.update(_count_context(proposal, context.get("position_counts")))


def proposal_page(
    request,
    actor,
    proposal,
    *,
    vote_form=None,
    comment_form=None,
    error="",
    receipt="",
    status=200,
):
    context = _page_context(
        actor, proposal, comment_form=comment_form, error=error, receipt=receipt
    )
    if proposal.rule is not None:
        _ballot_context(request, actor, proposal, context, vote_form)
    if vote_form is not None and "vote_form" not in context and not error:
        # The vote form is not shown (not open, not in the electorate): say why here.
        context["error"] = " ".join(vote_form.non_field_errors())
    return page(request, actor, "decisions/proposal.html", status=status, **context)


@require_GET
@coalition_page("proposal.view")
def proposal_view(request, actor, proposal_id):
    proposal = selectors.proposal(actor, proposal_id, with_counts=True)
    return proposal_page(request, actor, proposal)
