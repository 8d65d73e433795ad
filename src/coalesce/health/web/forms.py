"""Forms for the health-check pages. Field names match the services' keywords (an
item's field is named by its key) so a service's ``DomainError`` lands on its field."""

from django import forms
from django.utils.translation import gettext_lazy as _

from coalesce.coalitions.web.forms.structure import DateInput
from coalesce.health.items import ITEMS
from coalesce.health.limits import MAX_TITLE
from coalesce.health.models import Size

SCALE = [
    ("1", _("1 · strongly disagree")),
    ("2", _("2 · disagree")),
    ("3", _("3 · neither")),
    ("4", _("4 · agree")),
    ("5", _("5 · strongly agree")),
]


class WaveForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=MAX_TITLE)
    closes_on = forms.DateField(label=_("Closes on"), widget=DateInput())


class AnswerForm(forms.Form):
    size = forms.ChoiceField(
        label=_("Your organisation's size"),
        choices=Size.choices,
        widget=forms.RadioSelect,
        help_text=_("Only used to compare small and large organisations, in groups of 5 or more."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for item in ITEMS:
            self.fields[item.key] = forms.ChoiceField(
                label=item.text,
                choices=SCALE,
                widget=forms.RadioSelect,
                help_text=item.source,
            )
        self.order_fields([item.key for item in ITEMS] + ["size"])

    def write_arguments(self) -> dict:
        data = self.cleaned_data
        return {"scores": {item.key: data[item.key] for item in ITEMS}, "size": data["size"]}


class TaskConcernForm(forms.Form):
    committee_id = forms.IntegerField(label=_("Committee"), widget=forms.Select)

    def __init__(self, *args, committees=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee_id"].widget.choices = [
            ("", _("Choose…")),
            *((c.pk, c.name) for c in committees),
        ]
