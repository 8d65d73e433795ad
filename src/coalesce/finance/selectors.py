"""Reads of a coalition's books, already masked for the reader: pages, the API and the
CSV call the same functions. Totals and balances are SQL aggregates (``Sum`` inside
``Coalesce``, exact ``Decimal``), never Python loops over rows.

Payees follow the visibility rules (C11): a member payee is named through
``coalitions.selectors.member_row`` (the alias where the reader may not see the
identity, "a member" where the reader may not even see it listed); a free-text payee
marked at risk is shown as its alias to everyone but the steering committee and
custodians. Nothing masked is stored: the label is worked out on each read.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    DecimalField,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from coalesce.coalitions import policy as coalition_policy
from coalesce.coalitions.selectors import member_queryset, member_row
from coalesce.core.errors import NotFound
from coalesce.finance import policy
from coalesce.finance.limits import CENT, DECIMAL_PLACES, MAX_DIGITS, MAX_YEAR, MIN_YEAR
from coalesce.finance.models import (
    DEBIT_NORMAL,
    Account,
    Approval,
    EntryStatus,
    Posting,
    Side,
)
from coalesce.finance.services import settings_for

MONEY = DecimalField(max_digits=MAX_DIGITS + 4, decimal_places=DECIMAL_PLACES)
ZERO = Value(Decimal("0.00"), output_field=MONEY)


def cents(value) -> Decimal:
    """An SQL sum with its two places (SQLite answers ``Decimal("5000")`` for 5000.00)."""
    return Decimal(value).quantize(CENT)


def money_sum(path: str, condition: Q) -> Coalesce:
    """Σ ``path`` over the rows matching ``condition``, 0.00 when there are none."""
    return Coalesce(Sum(path, filter=condition, output_field=MONEY), ZERO, output_field=MONEY)


@dataclass(frozen=True)
class Payee:
    label: str
    is_alias: bool
    member_id: int | None  # only for a member the reader may see listed


def payee_of(actor, entry) -> Payee:
    member = entry.payee_member
    if member is not None:
        if not coalition_policy.is_listed(actor, member):
            return Payee(_("A member"), True, None)
        row = member_row(actor, member)
        return Payee(row.name or _("A member"), row.is_alias, member.id)
    if entry.payee_at_risk and not policy.allows(actor, "finance.payee_identity"):
        return Payee(entry.payee_alias or _("A protected payee"), True, None)
    return Payee(entry.payee_text, False, None)


@dataclass(frozen=True)
class Row:
    """One entry as the reader may see it."""

    id: int
    date: date
    description: str
    kind: str
    kind_label: str
    status: str
    status_label: str
    budget_line: str
    budget_line_id: int | None
    amount: Decimal
    debits: list  # account names
    credits: list
    payee: Payee
    payee_at_risk: bool  # shown only to who sees the identity
    approvals: int
    may_approve: bool
    lines: list  # (account id, account name, side, amount)


def _per_entry(rows, aggregate, output_field):
    """A correlated subquery: ``aggregate`` over ``rows`` of each entry (so that two
    aggregates never multiply each other's joins)."""
    return Subquery(
        rows.filter(entry=OuterRef("pk"))
        .order_by()
        .values("entry")
        .annotate(value=aggregate)
        .values("value"),
        output_field=output_field,
    )


def entry_queryset(actor):
    postings = Posting.objects.select_related("account").order_by("id")
    amount = _per_entry(
        Posting.objects.filter(side=Side.DEBIT), Sum("amount", output_field=MONEY), MONEY
    )
    approvals = _per_entry(Approval.objects.all(), Count("id"), IntegerField())
    return (
        actor.coalition.entries.select_related(
            "budget_line", "payee_member__organisation", "payee_member__person"
        )
        .prefetch_related(Prefetch("postings", queryset=postings))
        .annotate(
            amount=Coalesce(amount, ZERO, output_field=MONEY),
            approval_count=Coalesce(approvals, 0, output_field=IntegerField()),
        )
        .order_by("-date", "-id")
    )


def row_of(actor, entry) -> Row:
    payee = payee_of(actor, entry)
    lines = [(p.account_id, p.account.name, p.side, p.amount) for p in entry.postings.all()]
    return Row(
        id=entry.id,
        date=entry.date,
        description=entry.description,
        kind=entry.kind,
        kind_label=entry.get_kind_display(),
        status=entry.status,
        status_label=entry.get_status_display(),
        budget_line=entry.budget_line.name if entry.budget_line else "",
        budget_line_id=entry.budget_line_id,
        amount=cents(entry.amount),
        debits=[name for _id, name, side, _a in lines if side == Side.DEBIT],
        credits=[name for _id, name, side, _a in lines if side == Side.CREDIT],
        payee=payee,
        payee_at_risk=entry.payee_at_risk and not payee.is_alias,
        approvals=entry.approval_count,
        may_approve=entry.status == EntryStatus.PENDING
        and policy.allows(actor, "finance.approve", entry),
        lines=lines,
    )


def entries(actor, *, year=None, status=None) -> list[Row]:
    policy.require(actor, "finance.view")
    found = entry_queryset(actor)
    if year:
        found = found.filter(date__year=year)
    if status:
        found = found.filter(status=status)
    return [row_of(actor, e) for e in found]


def entry(actor, entry_id) -> Row:
    policy.require(actor, "finance.view")
    found = entry_queryset(actor).filter(id=entry_id).first()
    if found is None:
        raise NotFound()
    return row_of(actor, found)


@dataclass(frozen=True)
class Balance:
    id: int
    name: str
    kind: str
    kind_label: str
    debits: Decimal
    credits: Decimal
    balance: Decimal


def _sides(prefix: str, year) -> dict:
    """Σ debits and Σ credits of the posted lines at ``prefix`` (of ``year``, if given)."""
    posted = Q(**{f"{prefix}entry__status": EntryStatus.POSTED})
    if year:
        posted &= Q(**{f"{prefix}entry__date__year": year})
    return {
        name: money_sum(f"{prefix}amount", posted & Q(**{f"{prefix}side": side}))
        for name, side in (("debits", Side.DEBIT), ("credits", Side.CREDIT))
    }


def balances(actor, *, year=None) -> list[Balance]:
    """Every account with its posted debits, credits and balance (debits − credits for
    money held and expenses, credits − debits for the others), in one SQL query."""
    policy.require(actor, "finance.view")
    found = Account.objects.filter(coalition=actor.coalition).annotate(
        **_sides("postings__", year),
        balance=Case(
            When(kind__in=DEBIT_NORMAL, then=F("debits") - F("credits")),
            default=F("credits") - F("debits"),
            output_field=MONEY,
        ),
    )
    return [
        Balance(
            a.id,
            a.name,
            a.kind,
            a.get_kind_display(),
            *map(cents, (a.debits, a.credits, a.balance)),
        )
        for a in found.order_by("kind", "name", "id")
    ]


def totals(actor, *, year=None) -> tuple[Decimal, Decimal]:
    """(Σ debits, Σ credits) of every posted line, in SQL: always equal."""
    policy.require(actor, "finance.view")
    found = Posting.objects.filter(entry__coalition=actor.coalition).aggregate(**_sides("", year))
    return cents(found["debits"]), cents(found["credits"])


@dataclass(frozen=True)
class BudgetRow:
    id: int
    year: int
    name: str
    planned: Decimal
    actual: Decimal
    remaining: Decimal


def budget(actor, year) -> list[BudgetRow]:
    """The year's budget lines with what was spent (or received) on each: the posted
    entries on the line, their debits (an entry's amount), summed in SQL."""
    policy.require(actor, "finance.view")
    on_line = Q(entries__status=EntryStatus.POSTED, entries__postings__side=Side.DEBIT)
    found = (
        actor.coalition.budget_lines.filter(year=year)
        .annotate(actual=money_sum("entries__postings__amount", on_line))
        .annotate(remaining=F("planned") - F("actual"))
        .order_by("name", "id")
    )
    return [
        BudgetRow(b.id, b.year, b.name, cents(b.planned), cents(b.actual), cents(b.remaining))
        for b in found
    ]


def rule(actor):
    policy.require(actor, "finance.view")
    return settings_for(actor.coalition)


def accounts(actor) -> list[Account]:
    policy.require(actor, "finance.view")
    return list(Account.objects.filter(coalition=actor.coalition).order_by("kind", "name"))


def payee_members(actor) -> list[tuple[int, str]]:
    """Members a recorder may name as payee: those listed to them, by the name they see."""
    policy.require(actor, "finance.record")
    rows = [member_row(actor, m) for m in member_queryset(actor)]
    return sorted(((r.id, r.name) for r in rows if r.name), key=lambda pair: pair[1].lower())


def budget_lines(actor) -> list:
    """Every budget line, newest year first (the entry form's choices)."""
    policy.require(actor, "finance.view")
    return list(actor.coalition.budget_lines.order_by("-year", "name", "id"))


def chosen_year(value) -> int:
    """The year a page or the API asks for (this year when absent or not a year)."""
    try:
        year = int(value)
    except (TypeError, ValueError):
        return date.today().year
    return year if MIN_YEAR <= year <= MAX_YEAR else date.today().year
