from django import forms
from django.utils.translation import gettext_lazy as _


class CoalitionForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=160)
    slug = forms.SlugField(
        label=_("Web address"),
        max_length=60,
        required=False,
        help_text=_(
            "Lower-case letters, digits and hyphens; left empty, it is made from the name."
        ),
    )
    purpose = forms.CharField(
        label=_("Purpose"), widget=forms.Textarea, max_length=4000, required=False
    )
    languages = forms.CharField(label=_("Languages"), max_length=120, initial="en", required=False)
    has_public_page = forms.BooleanField(
        label=_("Show a public page with the name, purpose and public members"),
        required=False,
        initial=True,
    )
