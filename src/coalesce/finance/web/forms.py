"""Forms for the finance pages. Field names match ``finance.services`` keywords so that
a service's ``DomainError`` lands on its field; amounts are text here and read by the
service (``rules.parse_amount``), so a negative or non-numeric amount gets its message."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from coalesce.finance.limits import (
    FORM_LINES,
    MAX_ALIAS,
    MAX_APPROVALS,
    MAX_DESCRIPTION,
    MAX_NAME,
    MAX_PAYEE,
    MAX_YEAR,
    MIN_YEAR,
)
from coalesce.finance.models import AccountKind, EntryKind, Side

MONEY_ATTRS = {"inputmode": "decimal", "autocomplete": "off"}


def amount_field(label, **options):
    return forms.CharField(
        label=label, max_length=20, widget=forms.TextInput(attrs=MONEY_ATTRS), **options
    )


def none_first(label, pairs):
    return [("", label), *pairs]


class AccountForm(forms.Form):
    name = forms.CharField(label=_("Account"), max_length=MAX_NAME)
    kind = forms.ChoiceField(label=_("Kind"), choices=AccountKind.choices)


class BudgetLineForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=MIN_YEAR, max_value=MAX_YEAR)
    name = forms.CharField(label=_("Budget line"), max_length=MAX_NAME)
    planned = amount_field(_("Planned amount"))


class SettingsForm(forms.Form):
    currency = forms.CharField(label=_("Currency"), max_length=3, help_text=_("E.g. EUR, KES."))
    approval_threshold = amount_field(
        _("Approval threshold"),
        help_text=_("An expense above this amount waits for approval before it is posted."),
    )
    approvals_required = forms.IntegerField(
        label=_("Approvals needed"),
        min_value=1,
        max_value=MAX_APPROVALS,
        help_text=_(
            "By steering committee members other than the person who recorded the expense."
        ),
    )


class EntryForm(forms.Form):
    """A simple entry: one amount between two accounts (the service makes the lines)."""

    kind = forms.ChoiceField(label=_("Kind"), choices=EntryKind.choices)
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    description = forms.CharField(label=_("Description"), max_length=MAX_DESCRIPTION)
    amount = amount_field(_("Amount"))
    account_id = forms.ChoiceField(
        label=_("Category"),
        help_text=_("The expense or income account; for a transfer, where the money goes."),
    )
    funds_account_id = forms.ChoiceField(
        label=_("Money account"),
        help_text=_("Paid from, received into, or (a transfer) where the money comes from."),
    )
    budget_line_id = forms.ChoiceField(label=_("Budget line"), required=False)
    payee_member_id = forms.ChoiceField(label=_("Paid to a member"), required=False)
    payee = forms.CharField(
        label=_("Or paid to (or received from)"), max_length=MAX_PAYEE, required=False
    )
    payee_at_risk = forms.BooleanField(
        label=_("This payee is at risk: show their name to the steering committee only"),
        required=False,
    )
    payee_alias = forms.CharField(
        label=_("Alias shown to everyone else"), max_length=MAX_ALIAS, required=False
    )

    def __init__(self, *args, accounts, lines, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["account_id"].choices = none_first(
            gettext("Choose…"), [(a.id, f"{a.name} ({a.get_kind_display()})") for a in accounts]
        )
        money = [a for a in accounts if a.kind in (AccountKind.ASSET, AccountKind.LIABILITY)]
        self.fields["funds_account_id"].choices = none_first(
            gettext("Choose…"), [(a.id, a.name) for a in money]
        )
        self.fields["budget_line_id"].choices = none_first(
            gettext("— none —"), [(b.id, str(b)) for b in lines]
        )
        self.fields["payee_member_id"].choices = none_first(gettext("— not a member —"), members)


class EntryLinesForm(EntryForm):
    """An entry with its lines given one by one (a split expense, say): each row an
    account, a side and an amount; empty rows are left out. The service checks that
    the debits equal the credits."""

    def __init__(self, *args, accounts, lines, members, **kwargs):
        super().__init__(*args, accounts=accounts, lines=lines, members=members, **kwargs)
        for name in ("amount", "account_id", "funds_account_id"):
            del self.fields[name]
        choices = none_first("—", [(a.id, a.name) for a in accounts])
        for n in range(1, FORM_LINES + 1):
            self.fields[f"line_{n}_account"] = forms.ChoiceField(
                label=gettext("Line %(n)d: account") % {"n": n}, choices=choices, required=False
            )
            self.fields[f"line_{n}_side"] = forms.ChoiceField(
                label=gettext("Line %(n)d: debit or credit") % {"n": n},
                choices=Side.choices,
                required=False,
            )
            self.fields[f"line_{n}_amount"] = amount_field(
                gettext("Line %(n)d: amount") % {"n": n}, required=False
            )

    def entry(self) -> dict:
        """What the service takes: the entry's fields and its non-empty lines."""
        data = {k: v for k, v in self.cleaned_data.items() if not k.startswith("line_")}
        data["lines"] = [
            {
                "account_id": self.cleaned_data[f"line_{n}_account"],
                "side": self.cleaned_data[f"line_{n}_side"],
                "amount": self.cleaned_data[f"line_{n}_amount"],
            }
            for n in range(1, FORM_LINES + 1)
            if self.cleaned_data[f"line_{n}_account"] or self.cleaned_data[f"line_{n}_amount"]
        ]
        return data

    @staticmethod
    def aliases() -> dict:
        """The service's field of a line (``lines.2.amount``) → this form's field."""
        return {
            f"lines.{n}.{part}": f"line_{n}_{field}"
            for n in range(1, FORM_LINES + 1)
            for part, field in (("account_id", "account"), ("side", "side"), ("amount", "amount"))
        }
