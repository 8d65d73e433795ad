"""The digest form; its field name matches ``digests.services.choose``."""

from django import forms
from django.utils.translation import gettext_lazy as _

from coalesce.digests.models import Frequency


class DigestForm(forms.Form):
    frequency = forms.ChoiceField(
        label=_("How often"),
        choices=Frequency.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "A digest lists the updates you have not opened and the requests for help you "
            "could answer, grouped by committee. It is never sent empty. With a digest, "
            "updates are not e-mailed to you one by one."
        ),
    )
