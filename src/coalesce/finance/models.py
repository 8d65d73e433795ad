"""A coalition's books: accounts, entries made of balanced posting lines, budget lines
per year, approvals of large expenses, and the coalition's rule for them.

Money is ``Decimal`` with two fixed places. Every posting line is positive (a database
check); an entry's debits equal its credits (``finance.rules.balanced``, inside the
one transaction that writes its lines, and on PostgreSQL a deferred constraint trigger
that refuses to commit an entry whose lines do not balance, migration 0002).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from coalesce.coalitions.models import Coalition
from coalesce.core.crypto import EncryptedTextField
from coalesce.finance.limits import (
    DECIMAL_PLACES,
    DEFAULT_THRESHOLD,
    MAX_ALIAS,
    MAX_CURRENCY,
    MAX_DESCRIPTION,
    MAX_DIGITS,
    MAX_NAME,
    MAX_PAYEE,
)


def money(verbose_name, **options):
    return models.DecimalField(
        verbose_name, max_digits=MAX_DIGITS, decimal_places=DECIMAL_PLACES, **options
    )


class AccountKind(models.TextChoices):
    ASSET = "asset", _("Money held (bank, cash)")
    INCOME = "income", _("Income")
    EXPENSE = "expense", _("Expense")
    LIABILITY = "liability", _("Owed by the coalition")
    EQUITY = "equity", _("Reserves")


# Accounts whose balance grows with debits; the others grow with credits.
DEBIT_NORMAL = (AccountKind.ASSET, AccountKind.EXPENSE)


class EntryKind(models.TextChoices):
    INCOME = "income", _("Income")
    EXPENSE = "expense", _("Expense")
    TRANSFER = "transfer", _("Transfer between accounts")


class EntryStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for approval")
    POSTED = "posted", _("Posted")
    REJECTED = "rejected", _("Rejected")


class Side(models.TextChoices):
    DEBIT = "debit", _("Debit")
    CREDIT = "credit", _("Credit")


class FinanceSettings(models.Model):
    """The coalition's rule for expenses: above ``approval_threshold`` an expense waits
    for ``approvals_required`` approvals by steering committee members other than the
    one who recorded it."""

    coalition = models.OneToOneField(
        Coalition, on_delete=models.CASCADE, related_name="finance_settings"
    )
    currency = models.CharField(_("currency"), max_length=MAX_CURRENCY, default="EUR")
    approval_threshold = money(_("approval threshold"), default=DEFAULT_THRESHOLD)
    approvals_required = models.PositiveSmallIntegerField(_("approvals needed"), default=1)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(approval_threshold__gte=0), name="finance_threshold_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(approvals_required__gte=1), name="finance_at_least_one_approval"
            ),
        ]


class Account(models.Model):
    coalition = models.ForeignKey(Coalition, on_delete=models.CASCADE, related_name="accounts")
    name = models.CharField(_("name"), max_length=MAX_NAME)
    kind = models.CharField(_("kind"), max_length=12, choices=AccountKind.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["coalition", "name"], name="finance_account_name")
        ]

    def __str__(self):
        return self.name


class BudgetLine(models.Model):
    coalition = models.ForeignKey(Coalition, on_delete=models.CASCADE, related_name="budget_lines")
    year = models.PositiveSmallIntegerField(_("year"))
    name = models.CharField(_("budget line"), max_length=MAX_NAME)
    planned = money(_("planned amount"))

    class Meta:
        ordering = ["-year", "name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["coalition", "year", "name"], name="finance_budget_line_name"
            ),
            models.CheckConstraint(
                condition=Q(planned__gte=0), name="finance_planned_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.year})"


class Entry(models.Model):
    """One movement of money: its posting lines balance. The payee is a member (shown as
    the visibility rules say) or free text, which may be marked at risk: then only the
    steering committee and custodians see it, everyone else its alias."""

    coalition = models.ForeignKey(Coalition, on_delete=models.CASCADE, related_name="entries")
    date = models.DateField(_("date"))
    description = models.CharField(_("description"), max_length=MAX_DESCRIPTION)
    kind = models.CharField(_("kind"), max_length=10, choices=EntryKind.choices)
    status = models.CharField(_("status"), max_length=10, choices=EntryStatus.choices)
    budget_line = models.ForeignKey(
        BudgetLine, on_delete=models.PROTECT, null=True, blank=True, related_name="entries"
    )
    payee_member = models.ForeignKey(
        "coalitions.Membership",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="payments",
    )
    payee_text = EncryptedTextField(_("payee"), max_length=MAX_PAYEE, blank=True)
    payee_at_risk = models.BooleanField(_("payee at risk"), default=False)
    payee_alias = models.CharField(_("payee's alias"), max_length=MAX_ALIAS, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    posted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(payee_member__isnull=True) | Q(payee_text=""),
                name="finance_one_kind_of_payee",
            ),
        ]
        indexes = [models.Index(fields=["coalition", "status", "date"])]

    def __str__(self):
        return self.description


class Posting(models.Model):
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="postings")
    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="postings")
    side = models.CharField(_("side"), max_length=6, choices=Side.choices)
    amount = money(_("amount"))

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="finance_posting_positive"),
        ]


class Approval(models.Model):
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="approvals")
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    approved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "approved_by"], name="finance_one_approval_per_person"
            )
        ]
