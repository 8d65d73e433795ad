"""JSON operations for finance, mounted under /coalitions (paths /{slug}/finance…).

The same selectors and services as the pages: reads check ``finance.view`` (member
level) and mask payees for the caller; writes go to ``finance.services``. Amounts are
JSON strings or numbers read as ``Decimal`` by the service (a float's binary value is
never used): a non-numeric, negative, zero or unbalanced one is answered 400 with the
field, and nothing changes.
"""

from datetime import date as Date
from decimal import Decimal
from typing import Annotated

from django.http import HttpResponse
from ninja import Field, Query, Schema, Status

from coalesce.accounts.api_auth import operations
from coalesce.coalitions.access import api_actor
from coalesce.core.api import Body, Flag, Id, PathId, Slug, Text
from coalesce.finance import policy, selectors, services
from coalesce.finance.export import ledger_csv
from coalesce.finance.limits import (
    MAX_ALIAS,
    MAX_DESCRIPTION,
    MAX_LINES,
    MAX_NAME,
    MAX_PAYEE,
    MAX_YEAR,
    MIN_YEAR,
)

ops = operations("finance")
router = ops.router

Year = Field(None, ge=MIN_YEAR, le=MAX_YEAR, description="This year when omitted.")
# An amount as sent: the service reads it (``rules.parse_amount``) and answers 400 with
# the field for a negative, zero, non-numeric or over-precise one. A JSON number is read
# as the shortest decimal that is that number (42.5 → "42.5"), never as binary.
Amount = Annotated[
    Text(40) | int | float,
    Field(description='A positive amount with at most two decimal places: "42.50" or 42.5.'),
]


def money(value):
    return repr(value) if isinstance(value, float) else value


class FinanceAccountOut(Schema):
    id: int
    name: str
    kind: str = Field(description="asset, income, expense, liability or equity")
    debits: Decimal = Field(description="Posted debits (in the year, when asked).")
    credits: Decimal
    balance: Decimal = Field(
        description="Debits − credits for asset and expense accounts, credits − debits else."
    )


class FinanceAccountIn(Body):
    name: Text(MAX_NAME)
    kind: Text(20)


class FinanceLineOut(Schema):
    account_id: int
    account: str
    side: str
    amount: Decimal


class FinanceEntryOut(Schema):
    id: int
    date: Date
    description: str
    kind: str
    status: str = Field(description="pending (waiting for approval), posted or rejected")
    budget_line_id: int | None
    budget_line: str
    amount: Decimal = Field(description="The entry's debits, equal to its credits.")
    payee: str = Field(description="As the caller may see it: a member's alias, an alias.")
    payee_is_alias: bool
    payee_member_id: int | None = Field(description="Only for a member the caller may list.")
    approvals: int
    lines: list[FinanceLineOut]

    @staticmethod
    def resolve_payee(row) -> str:
        return row.payee.label

    @staticmethod
    def resolve_payee_is_alias(row) -> bool:
        return row.payee.is_alias

    @staticmethod
    def resolve_payee_member_id(row):
        return row.payee.member_id

    @staticmethod
    def resolve_lines(row) -> list[dict]:
        return [
            {"account_id": a, "account": name, "side": side, "amount": amount}
            for a, name, side, amount in row.lines
        ]


class FinanceLineIn(Body):
    account_id: Id
    side: Text(10) = Field(description="debit or credit")
    amount: Amount


class FinanceEntryIn(Body):
    kind: Text(10) = Field(description="income, expense or transfer")
    date: Date
    description: Text(MAX_DESCRIPTION)
    lines: list[FinanceLineIn] | None = Field(
        None, max_length=MAX_LINES, description="Explicit lines; or amount and two accounts."
    )
    amount: Amount | None = None
    account_id: Id | None = Field(None, description="Category (or a transfer's destination).")
    funds_account_id: Id | None = Field(None, description="Money account paid from / into.")
    budget_line_id: Id | None = None
    payee_member_id: Id | None = Field(
        None, description="A membership, shown as visibility allows."
    )
    payee: Text(MAX_PAYEE) = ""
    payee_at_risk: Flag = False
    payee_alias: Text(MAX_ALIAS) = ""


class FinanceBudgetLineOut(Schema):
    id: int
    year: int
    name: str
    planned: Decimal
    actual: Decimal = Field(description="Posted entries on the line (their debits), in SQL.")
    remaining: Decimal


class FinanceBudgetLineIn(Body):
    year: int = Field(ge=MIN_YEAR, le=MAX_YEAR)
    name: Text(MAX_NAME)
    planned: Amount


class FinanceRuleOut(Schema):
    currency: str
    approval_threshold: Decimal
    approvals_required: int


class FinanceRuleIn(Body):
    currency: Text(3)
    approval_threshold: Amount
    approvals_required: int


class FinanceReportOut(Schema):
    year: int
    currency: str
    debits: Decimal
    credits: Decimal
    balanced: bool
    accounts: list[FinanceAccountOut]
    budget: list[FinanceBudgetLineOut]


class FinanceYearQuery(Schema):
    year: int | None = Year


class FinanceEntriesQuery(Schema):
    year: int | None = Year
    status: Text(10) | None = Field(None, description="pending, posted or rejected")


def _accounts(actor, year=None):
    return [b.__dict__ for b in selectors.balances(actor, year=year)]


@ops.get(
    "/{slug}/finance/accounts",
    list[FinanceAccountOut],
    description="Policy action `finance.view`: every account with its posted totals.",
)
def list_finance_accounts(request, slug: Slug):
    return _accounts(api_actor(request, slug))


@ops.post(
    "/{slug}/finance/accounts",
    FinanceAccountOut,
    status=201,
    description="Policy action `finance.record`. 409 if the name is taken.",
)
def add_finance_account(request, slug: Slug, payload: FinanceAccountIn):
    account = services.add_account(api_actor(request, slug), **payload.dict())
    zero = Decimal("0.00")
    return Status(
        201,
        {"id": account.id, "name": account.name, "kind": account.kind}
        | {"debits": zero, "credits": zero, "balance": zero},
    )


@ops.get(
    "/{slug}/finance/entries",
    list[FinanceEntryOut],
    description="Policy action `finance.view`: the year's entries, payees masked for the caller.",
)
def list_finance_entries(request, slug: Slug, query: Query[FinanceEntriesQuery]):
    actor = api_actor(request, slug)
    return selectors.entries(
        actor, year=selectors.chosen_year(query.year), status=query.status or None
    )


@ops.post(
    "/{slug}/finance/entries",
    FinanceEntryOut,
    status=201,
    description="Policy action `finance.record`: lines must balance (400 otherwise, nothing "
    "saved). An expense above the threshold is `pending` until approved.",
)
def record_finance_entry(request, slug: Slug, payload: FinanceEntryIn):
    actor = api_actor(request, slug)
    data = payload.dict() | {"amount": money(payload.amount)}
    if payload.lines is not None:
        data["lines"] = [line.dict() | {"amount": money(line.amount)} for line in payload.lines]
    entry = services.record_entry(actor, **data)
    return Status(201, selectors.entry(actor, entry.id))


@ops.get(
    "/{slug}/finance/entries/{entry_id}",
    FinanceEntryOut,
    description="Policy action `finance.view`.",
)
def get_finance_entry(request, slug: Slug, entry_id: PathId):
    return selectors.entry(api_actor(request, slug), entry_id)


@ops.post(
    "/{slug}/finance/entries/{entry_id}/approve",
    FinanceEntryOut,
    description="Policy action `finance.approve`: a steering committee member other than "
    "the one who recorded it (403). 409 if it is not pending or you approved it already.",
)
def approve_finance_entry(request, slug: Slug, entry_id: PathId):
    actor = api_actor(request, slug)
    services.approve_entry(actor, entry_id)
    return selectors.entry(actor, entry_id)


@ops.post(
    "/{slug}/finance/entries/{entry_id}/reject",
    FinanceEntryOut,
    description="Policy action `finance.approve` (the same people may reject).",
)
def reject_finance_entry(request, slug: Slug, entry_id: PathId):
    actor = api_actor(request, slug)
    services.reject_entry(actor, entry_id)
    return selectors.entry(actor, entry_id)


@ops.get(
    "/{slug}/finance/budget",
    list[FinanceBudgetLineOut],
    description="Policy action `finance.view`: the year's lines, budget against actual.",
)
def list_finance_budget(request, slug: Slug, query: Query[FinanceYearQuery]):
    return selectors.budget(api_actor(request, slug), selectors.chosen_year(query.year))


@ops.post(
    "/{slug}/finance/budget",
    FinanceBudgetLineOut,
    status=201,
    description="Policy action `finance.record`. 409 if the year has a line of this name.",
)
def add_finance_budget_line(request, slug: Slug, payload: FinanceBudgetLineIn):
    actor = api_actor(request, slug)
    line = services.add_budget_line(actor, **payload.dict() | {"planned": money(payload.planned)})
    return Status(201, next(r for r in selectors.budget(actor, line.year) if r.id == line.id))


@ops.get(
    "/{slug}/finance/rule",
    FinanceRuleOut,
    description="Policy action `finance.view`: the coalition's rule for expenses.",
)
def get_finance_rule(request, slug: Slug):
    return selectors.rule(api_actor(request, slug))


@ops.put(
    "/{slug}/finance/rule",
    FinanceRuleOut,
    description="Policy action `finance.settings` (steering committee).",
)
def set_finance_rule(request, slug: Slug, payload: FinanceRuleIn):
    data = payload.dict() | {"approval_threshold": money(payload.approval_threshold)}
    return services.update_settings(api_actor(request, slug), **data)


@ops.get(
    "/{slug}/finance/report",
    FinanceReportOut,
    description="Policy action `finance.view`: the year's totals (Σ debits = Σ credits), "
    "account balances and budget against actual, all summed in SQL.",
)
def finance_report(request, slug: Slug, query: Query[FinanceYearQuery]):
    actor = api_actor(request, slug)
    year = selectors.chosen_year(query.year)
    debits, credits = selectors.totals(actor, year=year)
    return {
        "year": year,
        "currency": selectors.rule(actor).currency,
        "debits": debits,
        "credits": credits,
        "balanced": debits == credits,
        "accounts": _accounts(actor, year),
        "budget": selectors.budget(actor, year),
    }


@ops.get(
    "/{slug}/finance/ledger.csv",
    str,
    description="Policy action `finance.export`: the year's ledger as CSV (`text/csv`), "
    "the same rows and masking as the page.",
    openapi_extra={
        "responses": {
            200: {"description": "OK", "content": {"text/csv": {"schema": {"type": "string"}}}}
        }
    },
)
def export_finance_ledger(request, slug: Slug, query: Query[FinanceYearQuery]):
    actor = api_actor(request, slug)
    policy.require(actor, "finance.export")
    year = selectors.chosen_year(query.year)
    response = HttpResponse(ledger_csv(actor, year), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slug}-ledger-{year}.csv"'
    return response
