"""Forms of the member import: the upload, and the confirmation that posts the file back."""

from django import forms
from django.utils.translation import gettext_lazy


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Member file (CSV or XLSX)"),
        help_text=gettext_lazy(
            "One member a row. Columns: name, kind (organisation or person), actor_type, "
            "country, focus_areas (separated by “;”), website, visibility, alias, "
            "contact_email, contact_phone, contact_address. Only name and kind are required "
            "columns. At most 2 MB and 5,000 rows."
        ),
    )


class ConfirmForm(forms.Form):
    # The file's text, posted back as it was previewed (checked again on confirm).
    content = forms.CharField(widget=forms.Textarea(attrs={"hidden": True}), strip=False)
