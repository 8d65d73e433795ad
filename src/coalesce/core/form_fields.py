"""Field factories the forms of every app share: one place for each kind of input.

Domain-free: the labels and limits come from the caller.
"""

from django import forms


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
