"""Drafting a proposal, editing it, opening it for decision and closing it."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coalesce.coalitions.web.pages import coalition_page, page
from coalesce.core.errors import DomainError
from coalesce.core.forms import form_page
from coalesce.decisions import policy, selectors, services
from coalesce.decisions.models import Category
from coalesce.decisions.web.common import GET_POST, decisions_url, int_param, raise_page_error
from coalesce.decisions.web.forms import RULE_FIELDS, EditProposalForm, ProposalForm
from coalesce.decisions.web.proposal_page import proposal_page


def _rule_change_initial(categories, target) -> dict:
    """A charter proposal to change ``target``'s rule, starting from its current terms."""
    charter = selectors.charter_category(categories)
    if target is None or target.slug == Category.CHARTER_SLUG or charter is None:
        return {}
    initial = {"category_id": charter.id, "rule_change_category_id": target.id}
    rule = services.current_rule(target)
    if rule is not None:
        initial.update({name: getattr(rule, name) for name in RULE_FIELDS})
    return initial


def _initial(request, categories, conflicts) -> dict:
    """What ``?category=``, ``?conflict=`` and ``?rule_change_category=`` ask for."""
    by_id = {c.id: c for c in categories}
    initial = {}
    chosen = int_param(request, "category")
    if chosen in by_id:
        initial["category_id"] = chosen
    linked = int_param(request, "conflict")
    if any(c.id == linked for c in conflicts):
        initial["conflict_id"] = linked
    target = by_id.get(int_param(request, "rule_change_category"))
    initial.update(_rule_change_initial(categories, target))
    return initial


def _proposal_form(actor, request, categories):
    conflicts = list(selectors.conflicts(actor)[:200])
    initial = _initial(request, categories, conflicts) if request.method == "GET" else {}
    return ProposalForm(
        request.POST or None,
        categories=categories,
        conflicts=conflicts,
        committees=selectors.committees(actor),
        initial=initial,
    )


def _create(actor, form):
    services.ensure_charter_category(actor.coalition)  # for rule changes, from now on
    return services.create_proposal(actor, **form.service_arguments())


@GET_POST
@coalition_page("proposal.create")
def proposal_create(request, actor):
    form = _proposal_form(actor, request, list(selectors.categories(actor)))
    return form_page(
        request,
        form,
        lambda data: _create(actor, form),
        success=_("The proposal is saved as a draft. Discuss it, then open it for decision."),
        done=lambda proposal: decisions_url(actor, "proposal", proposal_id=proposal.id),
        render=lambda status: _proposal_form_page(request, actor, form, status),
    )


def _proposal_form_page(request, actor, form, status):
    rule_change_open = bool(form["rule_change_category_id"].value()) or any(
        form.errors.get(name) for name in RULE_FIELDS
    )
    return page(
        request,
        actor,
        "decisions/proposal_form.html",
        form=form,
        main_fields=[form[name] for name in ("category_id", "title", "body", "conflict_id")],
        rule_fields=[form[name] for name in ("rule_change_category_id", *RULE_FIELDS)],
        rule_change_open=rule_change_open,
        status=status,
    )


@GET_POST
@coalition_page("proposal.view")
def proposal_edit(request, actor, proposal_id):
    proposal = selectors.proposal(actor, proposal_id)
    policy.require(actor, "proposal.edit", proposal)
    form = EditProposalForm(
        request.POST or None, initial={"title": proposal.title, "body": proposal.body}
    )
    return form_page(
        request,
        form,
        lambda data: services.update_proposal(actor, proposal.id, **data),
        success=_("The proposal is saved."),
        done=decisions_url(actor, "proposal", proposal_id=proposal.id),
        render=lambda status: page(
            request,
            actor,
            "decisions/proposal_edit.html",
            proposal=proposal,
            form=form,
            status=status,
        ),
    )


def _state_change(request, actor, proposal, change, success):
    try:
        change()
    except DomainError as error:
        raise_page_error(error)
        return proposal_page(request, actor, proposal, error=error.message, status=error.status)
    messages.success(request, success)
    return redirect(decisions_url(actor, "proposal", proposal_id=proposal.id))


@require_POST
@coalition_page("proposal.view")
def proposal_open(request, actor, proposal_id):
    proposal = selectors.proposal(actor, proposal_id)
    policy.require(actor, "proposal.open", proposal)
    return _state_change(
        request,
        actor,
        proposal,
        lambda: services.open_proposal(actor, proposal.id),
        _("The proposal is open for decision. The electorate has been notified."),
    )


@require_POST
@coalition_page("proposal.close")
def proposal_close(request, actor, proposal_id):
    proposal = selectors.proposal(actor, proposal_id, with_counts=True)
    return _state_change(
        request,
        actor,
        proposal,
        lambda: services.close_proposal(proposal.id, actor=actor),
        _("The decision is closed and its outcome recorded."),
    )
