"""Forms of the statements pages. Field names match ``statements.services`` keywords so
a service's ``DomainError`` lands on the right field; the services validate."""

from django import forms
from django.utils.translation import gettext_lazy as _

from coalesce.statements.limits import (
    DEFAULT_COMMENT_DAYS,
    MAX_COMMENT,
    MAX_COMMENT_DAYS,
    MAX_TEXT,
    MAX_TITLE,
)
from coalesce.statements.models import SignatureMode


class StatementForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=MAX_TITLE)
    text = forms.CharField(
        label=_("Text"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Markdown: **bold**, *italic*, lists, links."),
    )
    comment_days = forms.IntegerField(
        label=_("Comment window (working days, Monday to Friday)"),
        min_value=0,
        max_value=MAX_COMMENT_DAYS,
        initial=DEFAULT_COMMENT_DAYS,
        help_text=_("Members may comment on each version for this many working days."),
    )


class EditForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=MAX_TITLE)
    text = forms.CharField(
        label=_("Text"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Saving a changed text makes a new version; its comment window starts again."),
    )


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your comment"), max_length=MAX_COMMENT, widget=forms.Textarea(attrs={"rows": 3})
    )


class LockForm(forms.Form):
    category_id = forms.TypedChoiceField(label=_("Decision category"), coerce=int)

    def __init__(self, *args, categories=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category_id"].choices = [(c.id, c.name) for c in categories]


class SignForm(forms.Form):
    membership_id = forms.TypedChoiceField(label=_("Signing for"), coerce=int)
    mode = forms.ChoiceField(
        label=_("How we sign"), choices=SignatureMode.choices, widget=forms.RadioSelect
    )
    text_hash = forms.CharField(widget=forms.HiddenInput, max_length=64)
    logo = forms.FileField(
        label=_("Logo image"),
        required=False,
        help_text=_(
            "PNG or JPEG, at most 512 KB. Shown beside your name where you sign with it; "
            "kept for your next signatures. It is redrawn, so nothing but the picture is kept."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg"}),
    )

    def __init__(self, *args, own=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["membership_id"].choices = [(row.membership_id, row.name) for row in own]
