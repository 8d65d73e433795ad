"""The ledger: entries of a year with their payees masked for the reader, the balance of
every account, the CSV of the same rows, and the forms that record (steering committee
and admins). Views parse, let ``coalition_page`` authorise, and call a selector or a
service; bad input re-renders the form with its error and the service's status."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from coalesce.coalitions.web.pages import coalition_page, page
from coalesce.core.forms import download, form_page, post_form
from coalesce.finance import policy, selectors
from coalesce.finance import services as finance
from coalesce.finance.export import ledger_csv
from coalesce.finance.web.forms import AccountForm, EntryForm, EntryLinesForm


def ledger_url(actor, year=None) -> str:
    url = reverse("finance:ledger", kwargs={"slug": actor.coalition.slug})
    return f"{url}?year={year}" if year else url


def _ledger(request, actor, *, status=200, account_form=None):
    year = selectors.chosen_year(request.GET.get("year"))
    debits, credits = selectors.totals(actor, year=year)
    recorder = policy.allows(actor, "finance.record")
    return page(
        request,
        actor,
        "finance/ledger.html",
        status=status,
        year=year,
        rows=selectors.entries(actor, year=year),
        balances=selectors.balances(actor, year=year),
        debits=debits,
        credits=credits,
        rule=selectors.rule(actor),
        recorder=recorder,
        account_form=(account_form or AccountForm(auto_id="account_%s")) if recorder else None,
    )


@require_GET
@coalition_page("finance.view")
def ledger(request, actor):
    return _ledger(request, actor)


@require_POST
@coalition_page("finance.record")
def account_add(request, actor):
    form = AccountForm(request.POST, auto_id="account_%s")
    return post_form(
        request,
        form,
        lambda data: finance.add_account(actor, **data),
        success=_("The account is added."),
        done=ledger_url(actor),
        failed=lambda status: _ledger(request, actor, status=status, account_form=form),
    )


def _entry_page(request, actor, form_class, entry_of, aliases=None):
    """The form that records an entry; ``entry_of(form)`` is what the service takes."""
    form = form_class(
        request.POST or None,
        accounts=selectors.accounts(actor),
        lines=selectors.budget_lines(actor),
        members=selectors.payee_members(actor),
    )

    def render(status):
        return page(
            request,
            actor,
            "finance/entry_new.html",
            status=status,
            form=form,
            with_lines=form_class is EntryLinesForm,
        )

    return form_page(
        request,
        form,
        lambda _data: finance.record_entry(actor, **entry_of(form)),
        success=_("The entry is recorded."),
        done=lambda entry: ledger_url(actor, entry.date.year),
        render=render,
        aliases=aliases,
    )


@require_http_methods(["GET", "POST"])
@coalition_page("finance.record")
def entry_new(request, actor):
    return _entry_page(request, actor, EntryForm, lambda form: form.cleaned_data)


@require_http_methods(["GET", "POST"])
@coalition_page("finance.record")
def entry_lines(request, actor):
    return _entry_page(
        request, actor, EntryLinesForm, lambda form: form.entry(), EntryLinesForm.aliases()
    )


@require_GET
@coalition_page("finance.export")
def export(request, actor):
    year = selectors.chosen_year(request.GET.get("year"))
    return download(
        f"{actor.coalition.slug}-ledger-{year}.csv",
        "text/csv; charset=utf-8",
        ledger_csv(actor, year),
    )
