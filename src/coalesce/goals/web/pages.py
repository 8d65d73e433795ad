"""The goals pages: the shared values and the goals (one page), a goal with its
indicators, actuals and tasks, and editing a goal.

Same shape as the other coalition pages: ``coalition_page`` loads the coalition and the
actor and checks the action; writes are POST-only (or a form page's POST) and go through
``goals.services``; bad input re-renders the page with the error on its field, the
service's status, and nothing saved."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from coalesce.coalitions.web.pages import coalition_page, coalition_url, page
from coalesce.core.forms import form_page, post_form
from coalesce.goals import policy, selectors, services
from coalesce.goals.web.forms import (
    DecisionForm,
    GoalForm,
    IndicatorForm,
    PeriodForm,
    UpdateForm,
    ValueForm,
)

GET_POST = require_http_methods(["GET", "POST"])


def _index(request, actor, *, status=200, value_form=None, failed=None):
    manager = policy.allows(actor, "goals.manage")
    rows = []
    for value in selectors.values(actor):
        form = None
        if manager:
            form = ValueForm(initial={"text": value.text}, auto_id=f"v{value.pk}_%s")
            if failed and failed[0] == value.pk:
                form = failed[1]
        rows.append((value, form))
    if manager:
        value_form = value_form or ValueForm()
    return page(
        request,
        actor,
        "goals/index.html",
        values=rows,
        goals=selectors.goals(actor),
        value_form=value_form,
        manager=manager,
        status=status,
    )


def _index_url(actor):
    return coalition_url(actor, "goals:index")


@require_GET
@coalition_page("goals.view")
def index(request, actor):
    return _index(request, actor)


@require_POST
@coalition_page("goals.manage")
def value_add(request, actor):
    form = ValueForm(request.POST)
    return post_form(
        request,
        form,
        lambda data: services.add_value(actor, **data),
        success=_("The value is added."),
        done=_index_url(actor),
        failed=lambda status: _index(request, actor, status=status, value_form=form),
    )


@require_POST
@coalition_page("goals.manage")
def value_edit(request, actor, value_id):
    form = ValueForm(request.POST, auto_id=f"v{value_id}_%s")
    return post_form(
        request,
        form,
        lambda data: services.edit_value(actor, value_id, **data),
        success=_("The value is saved."),
        done=_index_url(actor),
        failed=lambda status: _index(request, actor, status=status, failed=(value_id, form)),
    )


@require_POST
@coalition_page("goals.manage")
def value_move(request, actor, value_id):
    services.edit_value(actor, value_id, move=request.POST.get("move"))
    messages.success(request, _("The value is moved."))
    return redirect(_index_url(actor))


@require_POST
@coalition_page("goals.manage")
def value_remove(request, actor, value_id):
    services.remove_value(actor, value_id)
    messages.success(request, _("The value is removed."))
    return redirect(_index_url(actor))


@GET_POST
@coalition_page("goals.manage")
def goal_add(request, actor):
    form = GoalForm(request.POST or None, committees=selectors.committees(actor))
    return form_page(
        request,
        form,
        lambda data: services.create_goal(actor, **data),
        success=_("The goal is added."),
        done=lambda goal: coalition_url(actor, "goals:goal", goal_id=goal.pk),
        render=lambda status: page(
            request, actor, "goals/goal_edit.html", form=form, goal=None, status=status
        ),
    )


def goal_page(request, actor, goal_id, *, status=200, failed=None):
    """A goal's page; ``failed`` is (kind, id, form) for a form that did not save:
    "indicator", "period" (of an indicator) or "update" (of a period)."""
    view = selectors.goal_view(actor, goal_id)
    manager = policy.allows(actor, "goals.manage")
    reporter = policy.allows(actor, "goals.report", view.goal)

    def form_for(kind, key, make):
        if failed and failed[0] == kind and failed[1] == key:
            return failed[2]
        return make()

    for indicator in view.row.indicators:
        pk = indicator.indicator.pk
        if manager:
            indicator.period_form = form_for(
                "period", pk, lambda pk=pk: PeriodForm(auto_id=f"p{pk}_%s")
            )
        for period in indicator.periods if reporter else ():
            key = period.period.pk
            period.update_form = form_for(
                "update", key, lambda key=key: UpdateForm(auto_id=f"u{key}_%s")
            )
    decision_forms = {
        row.update.pk: DecisionForm(auto_id=f"d{row.update.pk}_%s")
        for row in view.updates
        if row.may_decide
    }
    for row in view.updates:
        row.decision_form = form_for("decision", row.update.pk, lambda: None) or decision_forms.get(
            row.update.pk
        )
    indicator_form = form_for("indicator", None, IndicatorForm) if manager else None
    # A decision that failed on an update no longer pending has no form to stand on.
    page_errors = list(failed[2].non_field_errors()) if failed and failed[0] == "decision" else []
    return page(
        request,
        actor,
        "goals/goal.html",
        view=view,
        manager=manager,
        reporter=reporter,
        indicator_form=indicator_form,
        page_errors=page_errors,
        status=status,
    )


@require_GET
@coalition_page("goals.view")
def goal(request, actor, goal_id):
    return goal_page(request, actor, goal_id)


@GET_POST
@coalition_page("goals.manage")
def goal_edit(request, actor, goal_id):
    found = selectors.goal(actor, goal_id)
    initial = {
        f: getattr(found, f) for f in ("title", "description", "horizon", "status", "committee_id")
    }
    form = GoalForm(request.POST or None, initial=initial, committees=selectors.committees(actor))
    return form_page(
        request,
        form,
        lambda data: services.edit_goal(actor, found.pk, **data),
        success=_("The goal is saved."),
        done=coalition_url(actor, "goals:goal", goal_id=found.pk),
        render=lambda status: page(
            request, actor, "goals/goal_edit.html", form=form, goal=found, status=status
        ),
    )
