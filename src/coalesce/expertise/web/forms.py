"""Forms for the expertise pages. Field names match ``expertise.services`` keywords so a
service's ``DomainError`` lands on the right field; the services validate."""

from django import forms
from django.utils.translation import gettext_lazy as _

from coalesce.core.errors import DomainError
from coalesce.expertise.limits import (
    MAX_ENTRY_TEXT,
    MAX_LANGUAGE,
    MAX_QUERY,
    MAX_REQUEST_TEXT,
    MAX_RESPONSE,
)
from coalesce.expertise.models import Kind, Side, Topic
from coalesce.expertise.rules import clean_language

LANGUAGE_HELP = _("Optional: a language code, such as en, fr, sw or ar.")


def _language(required=False):
    return forms.CharField(
        label=_("Language"), max_length=MAX_LANGUAGE, required=required, help_text=LANGUAGE_HELP
    )


class EntryForm(forms.Form):
    side = forms.ChoiceField(label=_("Offer or need"), choices=Side.choices)
    topic = forms.ChoiceField(label=_("Kind of help"), choices=Topic.choices)
    kind = forms.ChoiceField(label=_("What it is"), choices=Kind.choices)
    text = forms.CharField(
        label=_("Describe it"),
        max_length=MAX_ENTRY_TEXT,
        help_text=_("For example: “We have trained police trainers on gender for five years.”"),
    )
    language = _language()


class RequestForm(forms.Form):
    topic = forms.ChoiceField(label=_("Kind of help"), choices=Topic.choices)
    text = forms.CharField(
        label=_("What do you need?"),
        max_length=MAX_REQUEST_TEXT,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Members who offer this kind of help see your request."),
    )
    language = _language()


class ResponseForm(forms.Form):
    message = forms.CharField(
        label=_("Your answer"),
        max_length=MAX_RESPONSE,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("How your organisation can help, and how to coordinate."),
    )


def _any(choices):
    return [("", _("Any")), *choices]


class DirectoryForm(forms.Form):
    """The directory's search (sent in the address)."""

    q = forms.CharField(label=_("Search"), max_length=MAX_QUERY, required=False)
    side = forms.ChoiceField(
        label=_("Offers or needs"), choices=_any(Side.choices), required=False, initial="offer"
    )
    topic = forms.ChoiceField(label=_("Kind of help"), choices=_any(Topic.choices), required=False)
    kind = forms.ChoiceField(label=_("What it is"), choices=_any(Kind.choices), required=False)
    language = forms.CharField(label=_("Language"), max_length=MAX_LANGUAGE, required=False)

    def clean_language(self):
        try:
            return clean_language(self.cleaned_data["language"])
        except DomainError as error:
            raise forms.ValidationError(error.message) from error
