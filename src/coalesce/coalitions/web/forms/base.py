"""What the coalition's forms share: accessible errors, the choice lists and the fields
that say the same thing on several forms (who the member is, how it is protected)."""

from functools import partial

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from coalesce.coalitions.limits import MAX_ORGANISATION_NAME
from coalesce.coalitions.models import ActorType, Visibility


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


def country_field(empty_label, *, required=False):
    """A country, chosen from the list (evaluated when the form is shown)."""
    return forms.ChoiceField(
        label=_("Country"), choices=partial(country_choices, empty_label), required=required
    )


def person_name_field(label, *, required=True, help_text=""):
    """The full name of a person who takes part (founds, applies)."""
    return forms.CharField(label=label, max_length=160, required=required, help_text=help_text)


def organisation_name_field(label, help_text):
    """The name of the organisation a person takes part for: needed only for one."""
    return forms.CharField(
        label=label, max_length=MAX_ORGANISATION_NAME, required=False, help_text=help_text
    )


def actor_type_field():
    """The optional type of an organisation, for a form that may also be for a person."""
    return forms.ChoiceField(
        label=_("Type of organisation"),
        choices=blank(_("Choose…")) + ActorType.choices,
        required=False,
    )


def visibility_field(label, *, initial=None, required=True):
    """Who may see a membership (the protection of the member)."""
    return forms.ChoiceField(
        label=label,
        choices=Visibility.choices,
        initial=initial,
        required=required,
        widget=forms.RadioSelect,
    )


ALIAS_NEEDED = _("Needed if you choose a pseudonymous membership.")


def alias_field(help_text=ALIAS_NEEDED):
    """The name shown instead of the real one for a pseudonymous membership."""
    return forms.CharField(label=_("Alias"), max_length=80, required=False, help_text=help_text)


def contact_email_field():
    return forms.EmailField(label=_("Contact e-mail"), max_length=254, required=False)


def contact_phone_field():
    return forms.CharField(label=_("Contact phone"), max_length=40, required=False)
