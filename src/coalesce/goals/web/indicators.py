"""Pages that write a goal's indicators, periods and actuals: each a POST from the
goal's page, which comes back with the error on its form when the write fails."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coalesce.coalitions.web.pages import coalition_page, coalition_url
from coalesce.core.forms import post_form
from coalesce.goals import selectors, services
from coalesce.goals.models import Indicator, IndicatorUpdate, Period
from coalesce.goals.web.forms import DecisionForm, IndicatorForm, PeriodForm, UpdateForm
from coalesce.goals.web.pages import goal_page


def _back(actor, goal_id):
    return coalition_url(actor, "goals:goal", goal_id=goal_id)


def _on_goal_page(request, actor, goal_id, form, write, success, failed):
    """Submit ``form`` through ``write``: back to the goal's page, or that page with the
    error on the form ``failed`` names (kind, key) and the service's status."""
    return post_form(
        request,
        form,
        write,
        success=success,
        done=_back(actor, goal_id),
        failed=lambda status: goal_page(
            request, actor, goal_id, status=status, failed=(*failed, form)
        ),
    )


@require_POST
@coalition_page("goals.manage")
def indicator_add(request, actor, goal_id):
    return _on_goal_page(
        request,
        actor,
        goal_id,
        IndicatorForm(request.POST),
        lambda data: services.add_indicator(actor, goal_id, **data),
        _("The indicator is added."),
        ("indicator", None),
    )


@require_POST
@coalition_page("goals.manage")
def period_add(request, actor, indicator_id):
    return _on_goal_page(
        request,
        actor,
        selectors.goal_id_of(actor, Indicator, indicator_id),
        PeriodForm(request.POST, auto_id=f"p{indicator_id}_%s"),
        lambda data: services.add_period(actor, indicator_id, **data),
        _("The period is added."),
        ("period", indicator_id),
    )


@require_POST
@coalition_page("goals.report")
def update_draft(request, actor, period_id):
    return _on_goal_page(
        request,
        actor,
        selectors.goal_id_of(actor, Period, period_id),
        UpdateForm(request.POST, auto_id=f"u{period_id}_%s"),
        lambda data: services.draft_update(actor, period_id, **data),
        _("The update is saved as a draft: submit it for approval."),
        ("update", period_id),
    )


@require_POST
@coalition_page("goals.report")
def update_submit(request, actor, report_id):
    goal_id = selectors.goal_id_of(actor, IndicatorUpdate, report_id)
    services.submit_update(actor, report_id)
    messages.success(request, _("The update is submitted for approval."))
    return redirect(_back(actor, goal_id))


@require_POST
@coalition_page("goals.approve")
def update_decide(request, actor, report_id):
    return _on_goal_page(
        request,
        actor,
        selectors.goal_id_of(actor, IndicatorUpdate, report_id),
        DecisionForm(request.POST, auto_id=f"d{report_id}_%s"),
        lambda data: services.decide_update(
            actor, report_id, approve=data["decision"] == "approve", note=data["note"]
        ),
        _("The decision is recorded."),
        ("decision", report_id),
    )
