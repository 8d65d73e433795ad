"""Forms for the training pages. They only parse; the services validate and decide.

Field names match the services' keyword arguments so that a ``DomainError`` lands on
the right field.
"""

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from coalesce.core.form_fields import text_area, time_zone
from coalesce.training.catalogue import module_languages

BREAK_ROWS = 3


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


def language_name(code: str) -> str:
    return dict(settings.LANGUAGES).get(code, code)


def module_language_choices(module) -> list[tuple[str, str]]:
    """The languages the module is given in, its own first."""
    return [(code, language_name(code)) for code in module_languages(module.id)]


def item_choices(module) -> list[tuple[str, str]]:
    return [
        (item.id, f"{item.number} {item.title}".strip() if item.number else item.title)
        for item in module.items()
    ]


class PlanForm(forms.Form):
    module_id = forms.ChoiceField(label=_("Module"))
    title = forms.CharField(label=_("Title"), max_length=200)
    available_minutes = forms.IntegerField(
        label=_("Time available (minutes)"),
        help_text=_("From 1 to 720 minutes (12 hours), breaks included."),
    )
    start = forms.DateTimeField(
        label=_("Start (optional)"),
        required=False,
        widget=DateTimeInput(),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        help_text=_("Gives each item its clock time."),
    )
    time_zone = time_zone(
        _("Time zone of the room"),
        required=False,
        help_text=_(
            "Its name in the time zone database, such as Africa/Nairobi. The start "
            "and every clock time of the plan are in it."
        ),
    )
    language = forms.ChoiceField(
        label=_("Language of the module"),
        required=False,
        help_text=_("The texts of the agenda, the printouts and the live session's screens."),
    )

    def __init__(self, *args, modules=(), module=None, with_module=True, **kwargs):
        super().__init__(*args, **kwargs)
        if with_module:
            self.fields["module_id"].choices = [(m.id, m.title) for m in modules]
        else:
            del self.fields["module_id"]
        if module is not None:
            self.fields["language"].choices = module_language_choices(module)
            if not self.initial.get("language"):
                here = get_language()
                known = here in module_languages(module.id)
                self.initial["language"] = here if known else module.language
        else:
            self.fields["language"].choices = list(settings.LANGUAGES)
        items = [("", _("— no break —"))] + (item_choices(module) if module else [])
        for n in range(1, BREAK_ROWS + 1):
            self.fields[f"break_{n}_after"] = forms.ChoiceField(
                label=_("Break %(n)d: after item") % {"n": n}, choices=items, required=False
            )
            self.fields[f"break_{n}_minutes"] = forms.IntegerField(
                label=_("Break %(n)d: minutes") % {"n": n}, required=False
            )

    def clean(self):
        data = super().clean()
        breaks = []
        for n in range(1, BREAK_ROWS + 1):
            after = data.get(f"break_{n}_after")
            minutes = data.get(f"break_{n}_minutes")
            if after and minutes is None and f"break_{n}_minutes" not in self.errors:
                self.add_error(f"break_{n}_minutes", _("How long is this break?"))
            elif minutes is not None and not after:
                self.add_error(f"break_{n}_after", _("Choose the item this break follows."))
            elif after:
                breaks.append({"after_item": after, "minutes": minutes})
        data["breaks"] = breaks
        return data

    def service_data(self) -> dict:
        data = self.cleaned_data
        keys = ["module_id", "title", "available_minutes", "start", "time_zone", "language"]
        keys += ["breaks"]
        optional = ("time_zone", "language")  # left empty: as they are (or the default)
        chosen = {k: data[k] for k in keys if k in data and (k not in optional or data[k])}
        if chosen.get("start"):  # the clock time typed, which the service reads in time_zone
            chosen["start"] = timezone.make_naive(chosen["start"])
        return chosen

    def break_rows(self):
        return [
            (self[f"break_{n}_after"], self[f"break_{n}_minutes"]) for n in range(1, BREAK_ROWS + 1)
        ]

    def main_fields(self):
        names = ["module_id", "title", "available_minutes", "start", "time_zone", "language"]
        return [self[name] for name in names if name in self.fields]


def initial_breaks(breaks) -> dict:
    initial = {}
    for n, b in enumerate((breaks or [])[:BREAK_ROWS], start=1):
        initial[f"break_{n}_after"] = b["after_item"]
        initial[f"break_{n}_minutes"] = b["minutes"]
    return initial


class OverrideForm(forms.Form):
    item_id = forms.ChoiceField(label=_("Item"))
    minutes = forms.IntegerField(
        label=_("Minutes (optional)"),
        required=False,
        help_text=_("Replaces the item's own length, from 1 to 600 minutes."),
    )
    note = text_area(
        _("Note for this session (optional)"),
        required=False,
        max_length=500,
        help_text=_("For example: “Use the example of the Kenyan Police Reforms Working Group”."),
    )
    video = forms.CharField(
        label=_("Video to use instead (optional)"),
        required=False,
        max_length=500,
        help_text=_("A title or link. Leave everything empty to remove the local change."),
    )

    def __init__(self, *args, module=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item_id"].choices = item_choices(module) if module else []


class RefitForm(forms.Form):
    done = forms.MultipleChoiceField(
        label=_("Items already done"), required=False, widget=forms.CheckboxSelectMultiple
    )
    minutes_used = forms.IntegerField(
        label=_("Minutes used so far"), min_value=0, max_value=720,
        help_text=_("Breaks taken included."),
    )  # fmt: skip

    def __init__(self, *args, module=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["done"].choices = item_choices(module) if module else []
