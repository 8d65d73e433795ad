"""The budget (lines per year against what was posted on each, with a chart), the
approvals queue, and the coalition's rule for expenses."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from coalesce.coalitions.web.pages import coalition_page, page
from coalesce.core import charts
from coalesce.core.errors import DomainError, NotFound
from coalesce.core.forms import form_page, post_form
from coalesce.finance import policy, selectors
from coalesce.finance import services as finance
from coalesce.finance.web.forms import BudgetLineForm, SettingsForm


def _url(actor, name, year=None) -> str:
    url = reverse(f"finance:{name}", kwargs={"slug": actor.coalition.slug})
    return f"{url}?year={year}" if year else url


def _budget(request, actor, *, status=200, form=None):
    year = selectors.chosen_year(request.GET.get("year") or request.POST.get("year"))
    rows = selectors.budget(actor, year)
    chart = charts.grouped_bars(
        [(row.name, [row.planned, row.actual]) for row in rows],
        [_("Planned"), _("Actual")],
        title=_("Budget against actual, %(year)d") % {"year": year},
        chart_id="budget-chart",
    )
    recorder = policy.allows(actor, "finance.record")
    if recorder and form is None:
        form = BudgetLineForm(initial={"year": year}, auto_id="line_%s")
    return page(
        request,
        actor,
        "finance/budget.html",
        status=status,
        year=year,
        rows=rows,
        chart=chart,
        rule=selectors.rule(actor),
        form=form if recorder else None,
    )


@require_GET
@coalition_page("finance.view")
def budget(request, actor):
    return _budget(request, actor)


@require_POST
@coalition_page("finance.record")
def budget_line_add(request, actor):
    form = BudgetLineForm(request.POST, auto_id="line_%s")
    return post_form(
        request,
        form,
        lambda data: finance.add_budget_line(actor, **data),
        success=_("The budget line is added."),
        done=lambda line: _url(actor, "budget", line.year),
        failed=lambda status: _budget(request, actor, status=status, form=form),
    )


def _approvals(request, actor, status=200):
    return page(
        request,
        actor,
        "finance/approvals.html",
        status=status,
        rows=selectors.entries(actor, status="pending"),
        rule=selectors.rule(actor),
    )


@require_GET
@coalition_page("finance.approve")
def approvals(request, actor):
    return _approvals(request, actor)


def _decide(request, actor, write, message):
    """Approve or reject: back to the queue, or the queue with the reason it did not
    work (already decided: 409; your own entry: 403) and that status."""
    try:
        write()
    except DomainError as error:
        if isinstance(error, NotFound):
            raise
        messages.error(request, error.message)
        return _approvals(request, actor, status=error.status)
    messages.success(request, message)
    return redirect(_url(actor, "approvals"))


@require_POST
@coalition_page("finance.approve")
def entry_approve(request, actor, entry_id):
    return _decide(
        request,
        actor,
        lambda: finance.approve_entry(actor, entry_id),
        _("Your approval is recorded."),
    )


@require_POST
@coalition_page("finance.approve")
def entry_reject(request, actor, entry_id):
    return _decide(
        request, actor, lambda: finance.reject_entry(actor, entry_id), _("The entry is rejected.")
    )


@require_http_methods(["GET", "POST"])
@coalition_page("finance.settings")
def settings(request, actor):
    rule = selectors.rule(actor)
    initial = {
        "currency": rule.currency,
        "approval_threshold": f"{rule.approval_threshold:.2f}",
        "approvals_required": rule.approvals_required,
    }
    form = SettingsForm(request.POST or None, initial=initial)

    def render(status):
        return page(request, actor, "finance/settings.html", status=status, form=form)

    return form_page(
        request,
        form,
        lambda data: finance.update_settings(actor, **data),
        success=_("The coalition's rule for expenses is saved."),
        done=_url(actor, "ledger"),
        render=render,
    )
