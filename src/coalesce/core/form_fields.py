"""Field factories the forms of every app share: one place for each kind of input.

Domain-free: the labels and limits come from the caller.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from coalesce.core.localisation import MAX_TIME_ZONE


def text_area(label, *, max_length, rows=3, required=True, help_text=""):
    """A multi-line text of at most ``max_length`` characters, ``rows`` high (``None``: the
    browser's default of ten)."""
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.Textarea
    return forms.CharField(
        label=label, max_length=max_length, required=required, widget=widget, help_text=help_text
    )


def email_address(label, *, required=True, help_text=""):
    """An e-mail address, at most 254 characters long (RFC 5321)."""
    return forms.EmailField(label=label, max_length=254, required=required, help_text=help_text)


ZONE_HELP = _("Its name in the time zone database, such as Africa/Nairobi or Europe/Paris.")


def time_zone(label, *, required=True, initial="UTC", help_text=ZONE_HELP):
    """An IANA time zone name (the service checks it is a known one)."""
    return forms.CharField(
        label=label,
        max_length=MAX_TIME_ZONE,
        required=required,
        initial=initial,
        help_text=help_text,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
