"""Forms for the goals pages. Field names match the services' keywords so a service's
``DomainError`` lands on the right field; measures are text, read by the service."""

from django import forms
from django.utils.translation import gettext_lazy as _

from coalesce.coalitions.web.forms.structure import DateInput
from coalesce.goals.limits import (
    MAX_DESCRIPTION,
    MAX_NAME,
    MAX_NOTE,
    MAX_NUMBER_TEXT,
    MAX_TITLE,
    MAX_UNIT,
    MAX_VALUE,
    MAX_WEIGHT,
)
from coalesce.goals.models import GoalStatus, Horizon, MeasureKind, TaskStatus


def _number(label, help_text=""):
    return forms.CharField(
        label=label, max_length=MAX_NUMBER_TEXT, required=False, help_text=help_text
    )


class ValueForm(forms.Form):
    text = forms.CharField(label=_("Value"), max_length=MAX_VALUE)


class _CommitteeChoice(forms.Form):
    # A number, not a choice: another coalition's committee still reaches the service,
    # which says why it cannot be chosen.
    committee_id = forms.IntegerField(label=_("Committee"), widget=forms.Select, required=False)

    def __init__(self, *args, committees=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee_id"].widget.choices = [
            ("", _("None")),
            *((c.pk, c.name) for c in committees),
        ]


class GoalForm(_CommitteeChoice):
    title = forms.CharField(label=_("Title"), max_length=MAX_TITLE)
    description = forms.CharField(
        label=_("Description"),
        max_length=MAX_DESCRIPTION,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Markdown: **bold**, lists, links."),
    )
    horizon = forms.ChoiceField(label=_("Horizon"), choices=Horizon.choices)
    status = forms.ChoiceField(label=_("Status"), choices=GoalStatus.choices)
    field_order = ["title", "description", "horizon", "committee_id", "status"]


class IndicatorForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=MAX_NAME)
    kind = forms.ChoiceField(label=_("Measure"), choices=MeasureKind.choices)
    unit = forms.CharField(
        label=_("Unit (numbers only)"),
        max_length=MAX_UNIT,
        required=False,
        help_text=_("Such as “meetings held”."),
    )
    weight = forms.IntegerField(
        label=_("Weight in the goal's progress"), min_value=1, max_value=MAX_WEIGHT, initial=1
    )
    baseline_value = _number(_("Baseline (a number)"))
    baseline_numerator = _number(_("Baseline numerator (a percentage)"))
    baseline_denominator = _number(_("Baseline denominator (a percentage)"))


class PeriodForm(forms.Form):
    starts_on = forms.DateField(label=_("Starts on"), widget=DateInput())
    ends_on = forms.DateField(label=_("Ends on"), widget=DateInput())
    target_value = _number(_("Target (a number)"))
    target_numerator = _number(_("Target numerator (a percentage)"))
    target_denominator = _number(_("Target denominator (a percentage)"))


class UpdateForm(forms.Form):
    value = _number(_("Value (a number)"))
    numerator = _number(_("Numerator (a percentage)"))
    denominator = _number(_("Denominator (a percentage)"))
    note = forms.CharField(
        label=_("Note"), max_length=MAX_NOTE, required=False, widget=forms.Textarea({"rows": 2})
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("return", _("Return with a note"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note"), max_length=MAX_NOTE, required=False, widget=forms.Textarea({"rows": 2})
    )


class TaskForm(_CommitteeChoice):
    title = forms.CharField(label=_("Title"), max_length=MAX_TITLE)
    due_on = forms.DateField(label=_("Due on"), widget=DateInput(), required=False)
    goal_id = forms.IntegerField(label=_("Goal"), widget=forms.Select, required=False)
    assignee_id = forms.IntegerField(
        label=_("Assigned to (a member)"), widget=forms.Select, required=False
    )
    field_order = ["title", "committee_id", "due_on", "goal_id", "assignee_id"]

    def __init__(self, *args, goals=(), members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee_id"].required = True
        self.fields["committee_id"].widget.choices[0] = ("", _("Choose…"))
        self.fields["goal_id"].widget.choices = [("", _("None")), *((g.pk, g.title) for g in goals)]
        self.fields["assignee_id"].widget.choices = [
            ("", _("Nobody named")),
            *((m.id, m.name) for m in members),
        ]


class TaskStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=TaskStatus.choices)


class TaskFilterForm(forms.Form):
    committee_id = forms.IntegerField(label=_("Committee"), widget=forms.Select, required=False)
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Any")), *TaskStatus.choices], required=False
    )

    def __init__(self, *args, committees=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee_id"].widget.choices = [
            ("", _("Any")),
            *((c.pk, c.name) for c in committees),
        ]
