"""The finance pages, under /c/<slug>/finance/."""

from django.urls import path

from coalesce.finance.web import budget, ledger

app_name = "finance"

urlpatterns = [
    path("", ledger.ledger, name="ledger"),
    path("accounts/", ledger.account_add, name="account_add"),
    path("entries/new/", ledger.entry_new, name="entry_new"),
    path("entries/new/lines/", ledger.entry_lines, name="entry_lines"),
    path("ledger.csv", ledger.export, name="export"),
    path("budget/", budget.budget, name="budget"),
    path("budget/lines/", budget.budget_line_add, name="budget_line_add"),
    path("approvals/", budget.approvals, name="approvals"),
    path("entries/<int:entry_id>/approve/", budget.entry_approve, name="entry_approve"),
    path("entries/<int:entry_id>/reject/", budget.entry_reject, name="entry_reject"),
    path("settings/", budget.settings, name="settings"),
]
