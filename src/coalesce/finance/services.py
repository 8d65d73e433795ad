"""Every write to a coalition's books: accounts, budget lines, entries, approvals and the
coalition's approval rule. Each checks the finance policy, validates, writes in one
transaction and is audited; bad input raises ``DomainError`` naming the field and
changes nothing."""

from datetime import date as Date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coalesce.coalitions import policy as coalition_policy
from coalesce.coalitions.models import Membership
from coalesce.coalitions.services.audit import record_by
from coalesce.core.errors import Conflict, DomainError, NotFound
from coalesce.core.validation import clean_choice, clean_date, clean_text
from coalesce.finance import policy, rules
from coalesce.finance.limits import (
    MAX_ALIAS,
    MAX_APPROVALS,
    MAX_DESCRIPTION,
    MAX_NAME,
    MAX_PAYEE,
    MAX_YEAR,
    MIN_YEAR,
)
from coalesce.finance.models import (
    Account,
    AccountKind,
    Approval,
    BudgetLine,
    Entry,
    EntryKind,
    EntryStatus,
    FinanceSettings,
    Posting,
    Side,
)


def settings_for(coalition) -> FinanceSettings:
    """The coalition's rule; the defaults (not saved) until the steering committee sets it."""
    found = FinanceSettings.objects.filter(coalition=coalition).first()
    return found or FinanceSettings(coalition=coalition)


def _id(value, field) -> int:
    if isinstance(value, bool):
        raise DomainError(_("Choose one from the list."), field)
    try:
        return int(value)
    except (TypeError, ValueError):
        raise DomainError(_("Choose one from the list."), field) from None


def clean_year(value, field="year") -> int:
    try:
        year = int(value) if not isinstance(value, bool) else None
    except (TypeError, ValueError):
        year = None
    if year is None or not MIN_YEAR <= year <= MAX_YEAR:
        raise DomainError(
            _("Enter a year between %(lo)d and %(hi)d.") % {"lo": MIN_YEAR, "hi": MAX_YEAR}, field
        )
    return year


@transaction.atomic
def add_account(actor, *, name, kind) -> Account:
    policy.require(actor, "finance.record")
    name = clean_text(name, "name", max_length=MAX_NAME)
    kind = clean_choice(kind, AccountKind, "kind")
    if actor.coalition.accounts.filter(name=name).exists():
        raise Conflict(_("There is an account with this name already."), "name")
    account = Account.objects.create(coalition=actor.coalition, name=name, kind=kind)
    record_by(actor, "finance.account_added", account)
    return account


@transaction.atomic
def add_budget_line(actor, *, year, name, planned) -> BudgetLine:
    policy.require(actor, "finance.record")
    year = clean_year(year)
    name = clean_text(name, "name", max_length=MAX_NAME)
    planned = rules.parse_amount(planned, "planned")
    if actor.coalition.budget_lines.filter(year=year, name=name).exists():
        raise Conflict(_("This year's budget has a line with this name already."), "name")
    line = BudgetLine.objects.create(
        coalition=actor.coalition, year=year, name=name, planned=planned
    )
    record_by(actor, "finance.budget_line_added", line)
    return line


@transaction.atomic
def update_settings(actor, *, currency, approval_threshold, approvals_required) -> FinanceSettings:
    """The coalition's rule for expenses (steering committee)."""
    policy.require(actor, "finance.settings")
    currency = clean_text(currency, "currency", max_length=3).upper()
    if len(currency) != 3 or not currency.isalpha():
        raise DomainError(_("Use a three-letter currency code, such as EUR or KES."), "currency")
    threshold = rules.parse_amount(approval_threshold, "approval_threshold", allow_zero=True)
    try:
        needed = int(approvals_required) if not isinstance(approvals_required, bool) else 0
    except (TypeError, ValueError):
        needed = 0
    if not 1 <= needed <= MAX_APPROVALS:
        raise DomainError(
            _("Between 1 and %(n)d approvals.") % {"n": MAX_APPROVALS}, "approvals_required"
        )
    found = settings_for(actor.coalition)
    found.currency, found.approval_threshold, found.approvals_required = (
        currency,
        threshold,
        needed,
    )
    found.save()
    record_by(actor, "finance.settings_changed", found)
    return found


# --- entries --------------------------------------------------------------------------


def _lines(actor, kind, *, lines, account, funds_account, amount) -> list:
    """The entry's lines, checked against the coalition's accounts: the explicit ``lines``
    (``account``, ``side``, ``amount`` each) or the two of a simple entry."""
    if lines is None:
        lines = [
            {"account_id": line.account, "side": line.side, "amount": line.amount}
            for line in rules.simple_lines(
                kind,
                _id(account, "account_id"),
                _id(funds_account, "funds_account_id"),
                rules.parse_amount(amount),
            )
        ]
    if not isinstance(lines, list | tuple) or not lines:
        raise DomainError(_("An entry needs at least one debit and one credit line."), "lines")
    parsed = []
    for number, line in enumerate(lines, start=1):
        field = f"lines.{number}"
        if not isinstance(line, dict):
            raise DomainError(_("Each line names an account, a side and an amount."), field)
        side = clean_choice(line.get("side"), Side, f"{field}.side")
        amount = rules.parse_amount(line.get("amount"), f"{field}.amount")
        parsed.append(rules.Line(_id(line.get("account_id"), f"{field}.account_id"), side, amount))
    kinds = dict(
        actor.coalition.accounts.filter(id__in={line.account for line in parsed}).values_list(
            "id", "kind"
        )
    )
    if set(kinds) != {line.account for line in parsed}:
        raise DomainError(_("Choose accounts of this coalition."), "account_id")
    rules.check_kind(kind, parsed, kinds)
    rules.balanced(parsed)
    return parsed


def _payee(actor, *, payee_member, payee, payee_at_risk, payee_alias) -> dict:
    payee = clean_text(payee, "payee", max_length=MAX_PAYEE, required=False)
    alias = clean_text(payee_alias, "payee_alias", max_length=MAX_ALIAS, required=False)
    if payee_member in (None, ""):
        if alias and not payee_at_risk:
            raise DomainError(_("An alias is only for a payee at risk."), "payee_alias")
        if payee_at_risk and not payee:
            raise DomainError(_("Name the payee who is at risk."), "payee")
        return {"payee_text": payee, "payee_at_risk": bool(payee_at_risk), "payee_alias": alias}
    if payee or payee_at_risk or alias:
        raise DomainError(_("Name a member or another payee, not both."), "payee")
    member = (
        Membership.objects.filter(
            coalition=actor.coalition, id=_id(payee_member, "payee_member_id")
        )
        .filter(coalition_policy.listed_memberships_filter(actor))
        .first()
    )
    if member is None:
        raise DomainError(_("Choose a member of this coalition."), "payee_member_id")
    return {"payee_member": member}


def _budget_line(actor, line_id, when: Date):
    if line_id in (None, ""):
        return None
    line = actor.coalition.budget_lines.filter(id=_id(line_id, "budget_line_id")).first()
    if line is None:
        raise DomainError(_("Choose a budget line of this coalition."), "budget_line_id")
    if line.year != when.year:
        raise DomainError(_("Choose a budget line of the entry's year."), "budget_line_id")
    return line


@transaction.atomic
def record_entry(
    actor,
    *,
    kind,
    date,
    description,
    lines=None,
    account_id=None,
    funds_account_id=None,
    amount=None,
    budget_line_id=None,
    payee_member_id=None,
    payee="",
    payee_at_risk=False,
    payee_alias="",
) -> Entry:
    """Record an entry whose lines balance: posted at once, or, for an expense above the
    coalition's threshold, waiting for approval."""
    policy.require(actor, "finance.record")
    kind = clean_choice(kind, EntryKind, "kind")
    when = clean_date(date, "date")
    if when is None:
        raise DomainError(_("This field is required."), "date")
    description = clean_text(description, "description", max_length=MAX_DESCRIPTION)
    parsed = _lines(
        actor, kind, lines=lines, account=account_id, funds_account=funds_account_id, amount=amount
    )
    total = rules.totals(parsed)[0]
    rule = settings_for(actor.coalition)
    waits = rules.needs_approval(kind, total, rule.approval_threshold)
    entry = Entry.objects.create(
        coalition=actor.coalition,
        date=when,
        description=description,
        kind=kind,
        status=EntryStatus.PENDING if waits else EntryStatus.POSTED,
        posted_at=None if waits else timezone.now(),
        budget_line=_budget_line(actor, budget_line_id, when),
        created_by=actor.user,
        **_payee(
            actor,
            payee_member=payee_member_id,
            payee=payee,
            payee_at_risk=payee_at_risk,
            payee_alias=payee_alias,
        ),
    )
    Posting.objects.bulk_create(
        Posting(entry=entry, account_id=line.account, side=line.side, amount=line.amount)
        for line in parsed
    )
    record_by(actor, "finance.entry_recorded", entry)
    return entry


def _pending(actor, entry_id) -> Entry:
    entry = actor.coalition.entries.select_for_update().filter(id=_id(entry_id, "id")).first()
    if entry is None:
        raise NotFound()
    policy.require(actor, "finance.approve", entry)
    if entry.status != EntryStatus.PENDING:
        raise Conflict(_("This entry is not waiting for approval."))
    return entry


@transaction.atomic
def approve_entry(actor, entry_id) -> Entry:
    """One approval; the entry is posted when it has as many as the coalition's rule
    asks. The person who recorded it may not approve it (403)."""
    entry = _pending(actor, entry_id)
    if entry.approvals.filter(approved_by=actor.user).exists():
        raise Conflict(_("You have approved this entry already."))
    Approval.objects.create(entry=entry, approved_by=actor.user)
    rule = settings_for(actor.coalition)
    if rules.approved(entry.approvals.count(), rule.approvals_required):
        entry.status = EntryStatus.POSTED
        entry.posted_at = timezone.now()
        entry.save(update_fields=["status", "posted_at"])
    record_by(actor, "finance.entry_approved", entry)
    return entry


@transaction.atomic
def reject_entry(actor, entry_id) -> Entry:
    entry = _pending(actor, entry_id)
    entry.status = EntryStatus.REJECTED
    entry.save(update_fields=["status"])
    record_by(actor, "finance.entry_rejected", entry)
    return entry
