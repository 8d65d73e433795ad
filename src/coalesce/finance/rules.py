"""The ledger's rules as pure functions (no database): reading an amount, whether lines
balance, which lines a simple income, expense or transfer makes, and whether an expense
waits for approval. ``services`` applies them inside one transaction; the property tests
in ``tests/finance/test_rules.py`` hold them over random input."""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from coalesce.core.errors import DomainError
from coalesce.finance.limits import CENT, MAX_AMOUNT, MAX_LINES

DEBIT = "debit"
CREDIT = "credit"
SIDES = (DEBIT, CREDIT)


@dataclass(frozen=True)
class Line:
    """One posting line: ``amount`` (positive, two places) on ``side`` of ``account``."""

    account: int
    side: str
    amount: Decimal


def parse_amount(value, field: str = "amount", *, allow_zero: bool = False) -> Decimal:
    """An amount of money from a form or JSON: a positive number (or zero, where
    ``allow_zero``) with at most two decimal places, below the limit. Floats are refused
    (they are not exact)."""
    if isinstance(value, bool) or isinstance(value, float):
        raise DomainError(_("Enter the amount as a number such as 120.50."), field)
    if isinstance(value, str):
        value = value.strip().replace(" ", "")
    try:
        amount = Decimal(value) if not isinstance(value, Decimal) else value
    except (InvalidOperation, TypeError, ValueError):
        raise DomainError(_("Enter the amount as a number such as 120.50."), field) from None
    if not amount.is_finite():
        raise DomainError(_("Enter the amount as a number such as 120.50."), field)
    if amount < 0 or (amount == 0 and not allow_zero):
        raise DomainError(_("The amount must be more than zero."), field)
    if amount > MAX_AMOUNT:
        raise DomainError(_("This amount is too large."), field)
    if amount != amount.quantize(CENT):
        raise DomainError(_("Use at most two decimal places."), field)
    return amount.quantize(CENT)


def totals(lines) -> tuple[Decimal, Decimal]:
    """(debits, credits) of ``lines``."""
    debits = sum((line.amount for line in lines if line.side == DEBIT), Decimal("0.00"))
    credits = sum((line.amount for line in lines if line.side == CREDIT), Decimal("0.00"))
    return debits, credits


def balanced(lines) -> Decimal:
    """The entry's amount (its debits, equal to its credits), or DomainError: at least one
    debit and one credit line, not too many, each positive, debits equal to credits."""
    if len(lines) > MAX_LINES:
        raise DomainError(_("An entry has at most %(n)d lines.") % {"n": MAX_LINES}, "lines")
    sides = {line.side for line in lines}
    if not sides <= set(SIDES):
        raise DomainError(_("Each line is a debit or a credit."), "lines")
    if sides != set(SIDES):
        raise DomainError(_("An entry needs at least one debit and one credit line."), "lines")
    if any(line.amount <= 0 for line in lines):
        raise DomainError(_("The amount must be more than zero."), "lines")
    debits, credits = totals(lines)
    if debits != credits:
        raise DomainError(
            _("Debits (%(debits)s) and credits (%(credits)s) must be equal.")
            % {"debits": debits, "credits": credits},
            "lines",
        )
    return debits


def simple_lines(kind: str, account: int, funds: int, amount: Decimal) -> list[Line]:
    """The two lines of a simple entry: an expense debits its category and credits the
    money account it was paid from; income debits the money account it went into and
    credits its source; a transfer debits ``account`` (where the money goes) and credits
    ``funds`` (where it comes from)."""
    if account == funds:
        raise DomainError(_("Choose two different accounts."), "funds_account_id")
    if kind == "income":
        return [Line(funds, DEBIT, amount), Line(account, CREDIT, amount)]
    return [Line(account, DEBIT, amount), Line(funds, CREDIT, amount)]


def check_kind(kind: str, lines, kinds: dict) -> None:
    """An expense debits an expense account, income credits an income account, and a
    transfer moves money between accounts that are neither (``kinds``: account → kind)."""
    if kind == "expense" and not any(
        line.side == DEBIT and kinds[line.account] == "expense" for line in lines
    ):
        raise DomainError(_("An expense is charged to at least one expense account."), "account_id")
    if kind == "income" and not any(
        line.side == CREDIT and kinds[line.account] == "income" for line in lines
    ):
        raise DomainError(_("Income comes from at least one income account."), "account_id")
    if kind == "transfer" and any(kinds[line.account] in ("income", "expense") for line in lines):
        raise DomainError(_("A transfer moves money between money accounts only."), "account_id")


def needs_approval(kind: str, amount: Decimal, threshold: Decimal) -> bool:
    """An expense above the coalition's threshold waits for approval."""
    return kind == "expense" and amount > threshold


def approved(approvals: int, required: int) -> bool:
    return approvals >= max(1, required)
