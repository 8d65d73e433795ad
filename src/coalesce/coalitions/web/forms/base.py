"""What the coalition's forms share: accessible errors and the choice lists."""

from django import forms
from django_countries import countries


class LinkedErrorsForm(forms.Form):
    """Links each field to its help text and errors (aria-describedby, aria-invalid)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if field.help_text:
                self._describe(name, "helptext")

    def _describe(self, name, suffix):
        widget = self.fields[name].widget
        ref = f"{self[name].auto_id}_{suffix}"
        refs = widget.attrs.get("aria-describedby", "").split()
        if ref not in refs:
            widget.attrs["aria-describedby"] = " ".join([*refs, ref])

    def add_error(self, field, error):
        super().add_error(field, error)
        for name in self._errors or {}:
            if name in self.fields:
                self.fields[name].widget.attrs["aria-invalid"] = "true"
                self._describe(name, "error")


def blank(label):
    return [("", label)]


def country_choices(empty_label):
    return blank(empty_label) + list(countries)
