"""Forms for the decision pages: proposals, ballots, comments, rules and conflicts.

Field names match the keyword arguments of ``decisions.services`` so a service's
``DomainError`` lands on the right field (``core.forms.apply_domain_error``). The
forms parse; the services validate and decide.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from coalesce.core.form_fields import text_area
from coalesce.decisions import tally
from coalesce.decisions.models import (
    Category,
    ConflictStatus,
    Electorate,
    Method,
    Position,
    VoteUnit,
)

RULE_FIELDS = (
    "method",
    "threshold_numerator",
    "threshold_denominator",
    "electorate",
    "committee_id",
    "vote_unit",
    "quorum_percent",
    "window_hours",
    "abstentions_count_for_quorum",
    "secret",
)


def _with_blank(choices, label):
    return [("", label), *choices]


def proposal_text_fields():
    """A proposal's title and its Markdown text, as it is written and as it is edited."""
    return (
        forms.CharField(label=_("Title"), max_length=200),
        text_area(
            _("Text"),
            max_length=20000,
            rows=12,
            help_text=_("Markdown: **bold**, *italic*, lists, links and tables."),
        ),
    )


class RuleTermsForm(forms.Form):
    """The terms of a decision rule; ``committees`` are the coalition's committees."""

    method = forms.ChoiceField(label=_("Decision method"), choices=Method.choices)
    threshold_numerator = forms.IntegerField(
        label=_("Qualified majority: numerator"),
        min_value=1,
        max_value=100,
        required=False,
        help_text=_("Only for a qualified majority: for two thirds, enter 2 here and 3 below."),
    )
    threshold_denominator = forms.IntegerField(
        label=_("Qualified majority: denominator"), min_value=1, max_value=100, required=False
    )
    electorate = forms.ChoiceField(label=_("Who decides"), choices=Electorate.choices)
    committee_id = forms.TypedChoiceField(
        label=_("Committee"),
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("Only when a named committee decides."),
    )
    vote_unit = forms.ChoiceField(
        label=_("Voting unit"), choices=VoteUnit.choices, initial=VoteUnit.MEMBER
    )
    quorum_percent = forms.IntegerField(
        label=_("Quorum (percent of the electorate)"), min_value=0, max_value=100, initial=50
    )
    window_hours = forms.IntegerField(
        label=_("Voting window (hours)"),
        min_value=1,
        initial=168,
        help_text=_("168 hours is one week."),
    )
    abstentions_count_for_quorum = forms.BooleanField(
        label=_("Abstentions count toward the quorum"), required=False, initial=True
    )
    secret = forms.BooleanField(
        label=_("Secret ballot (no one can see who voted what)"), required=False
    )

    def __init__(self, *args, committees=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee_id"].choices = _with_blank(
            [(c.id, c.name) for c in committees], _("No committee")
        )

    def rule_terms(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in RULE_FIELDS}


class DefineRuleForm(RuleTermsForm):
    """A first rule for a category that has none."""

    category_id = forms.TypedChoiceField(label=_("Category"), coerce=int)
    field_order = ["category_id", *RULE_FIELDS]

    def __init__(self, *args, categories=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category_id"].choices = _with_blank(
            [(c.id, c.name) for c in categories], _("Choose a category")
        )


class ProposalForm(RuleTermsForm):
    """A new proposal; the rule terms matter only for a rule change (charter category)."""

    category_id = forms.TypedChoiceField(label=_("Category"), coerce=int)
    title, body = proposal_text_fields()
    conflict_id = forms.TypedChoiceField(
        label=_("Linked issue in the conflict register (optional)"),
        coerce=int,
        empty_value=None,
        required=False,
    )
    rule_change_category_id = forms.TypedChoiceField(
        label=_("Change the decision rule of"),
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_(
            "Only for proposals in the charter category. If adopted, the terms below "
            "become the category's new rule."
        ),
    )
    field_order = ["category_id", "title", "body", "conflict_id", "rule_change_category_id"]

    def __init__(self, *args, categories=(), conflicts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category_id"].choices = _with_blank(
            [(c.id, c.name) for c in categories], _("Choose a category")
        )
        self.fields["conflict_id"].choices = _with_blank(
            [(c.id, c.title) for c in conflicts], _("None")
        )
        self.fields["rule_change_category_id"].choices = _with_blank(
            [(c.id, c.name) for c in categories if c.slug != Category.CHARTER_SLUG],
            _("No rule change"),
        )
        for name in ("method", "electorate", "vote_unit", "quorum_percent", "window_hours"):
            self.fields[name].required = False
        self.fields["method"].choices = _with_blank(Method.choices, _("Choose a method"))
        self.fields["electorate"].choices = _with_blank(Electorate.choices, _("Choose who decides"))

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        arguments = {
            "category_id": data["category_id"],
            "title": data["title"],
            "body": data["body"],
            "conflict_id": data.get("conflict_id"),
        }
        if data.get("rule_change_category_id"):
            terms = {k: v for k, v in self.rule_terms().items() if v not in (None, "")}
            terms.setdefault("abstentions_count_for_quorum", False)
            terms.setdefault("secret", False)
            arguments["rule_change_category_id"] = data["rule_change_category_id"]
            arguments["rule_change"] = terms
        return arguments


class EditProposalForm(forms.Form):
    title, body = proposal_text_fields()


class VoteForm(forms.Form):
    position = forms.ChoiceField(label=_("Your position"), widget=forms.RadioSelect)
    reason = text_area(
        _("Reason"),
        max_length=4000,
        rows=4,
        required=False,
        help_text=_("Required for a block or an objection."),
    )

    def __init__(self, *args, method=Method.SIMPLE_MAJORITY, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["position"].choices = [
            (position.value, position.label) for position in tally.POSITIONS_BY_METHOD[method]
        ]
        if not set(tally.POSITIONS_BY_METHOD[method]) & tally.REASON_REQUIRED:
            self.fields["reason"].help_text = _("Optional.")

    def clean(self):
        data = super().clean()
        if data.get("position") in tally.REASON_REQUIRED and not (data.get("reason") or "").strip():
            label = Position(data["position"]).label
            self.add_error(
                "reason",
                _("Give a reason for your position “%(position)s”.") % {"position": label},
            )
        return data


class CommentForm(forms.Form):
    body = text_area(
        _("Your comment"), max_length=10000, rows=4, help_text=_("Markdown is allowed.")
    )


class CategoryForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    description = text_area(_("Description"), max_length=2000, required=False)


class ReceiptCheckForm(forms.Form):
    code = forms.CharField(
        label=_("Your receipt code"),
        max_length=40,
        help_text=_("The code you were shown once, after you voted."),
    )


class ConflictForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = text_area(_("What happened"), max_length=10000, rows=8)
    anonymous = forms.BooleanField(
        label=_("Raise anonymously"),
        required=False,
        help_text=_(
            "Your name is then not stored at all: you will not be able to find this issue "
            "in your own list later, and no one can contact you about it."
        ),
    )


class ConflictUpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ConflictStatus.choices)
    outcome = text_area(_("Outcome"), max_length=10000, rows=5, required=False)


class ConflictAssignForm(ConflictUpdateForm):
    """The steering committee's version: also the owner and an outside mediator."""

    owner_email = forms.EmailField(
        label=_("New owner's e-mail address"),
        required=False,
        help_text=_("A person in this coalition. Leave empty to keep the current owner."),
    )
    clear_owner = forms.BooleanField(label=_("Remove the current owner"), required=False)
    mediator = forms.CharField(label=_("Outside mediator"), max_length=200, required=False)

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        arguments = {
            "status": data["status"],
            "outcome": data["outcome"],
            "mediator": data["mediator"],
        }
        if data.get("clear_owner"):
            arguments["owner_email"] = ""
        elif data.get("owner_email"):
            arguments["owner_email"] = data["owner_email"]
        return arguments
