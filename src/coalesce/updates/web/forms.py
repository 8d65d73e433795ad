"""Forms for the updates pages. Field names match ``updates.services`` keywords so a
service's ``DomainError`` lands on the right field; the services validate."""

from django import forms
from django.utils.translation import gettext_lazy as _

from coalesce.core.form_fields import text_area
from coalesce.updates.limits import MAX_BODY, MAX_REPLY, MAX_TITLE


class UpdateForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=MAX_TITLE)
    body = text_area(
        _("Text"), max_length=MAX_BODY, rows=8, help_text=_("Markdown is allowed; no images.")
    )
    committee = forms.ChoiceField(label=_("Audience"), required=False)
    asks_acknowledgement = forms.BooleanField(
        label=_("Ask every reader to acknowledge it"),
        required=False,
        help_text=_("Readers get a button on the page and a single-use link in the e-mail."),
    )

    def __init__(self, *args, audiences=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].choices = list(audiences)


class ReplyForm(forms.Form):
    body = text_area(
        _("Your reply"), max_length=MAX_REPLY, rows=4, help_text=_("Markdown is allowed.")
    )


class SettingsForm(forms.Form):
    members_may_post = forms.BooleanField(
        label=_("Any active member may post an update to the whole coalition"), required=False
    )


class PreferenceForm(forms.Form):
    counted_not_named = forms.BooleanField(
        label=_("Count me, but do not name me"),
        required=False,
        help_text=_(
            "Authors and the steering committee see how many people read and acknowledged "
            "an update; with this, you are in the numbers but never in the list of names."
        ),
    )
