"""Forms of the spokespeople pages. Field names match ``spokespeople.services`` keywords,
so a service's ``DomainError`` lands on its field; the services validate."""

from django import forms
from django.utils.translation import gettext_lazy as _

from coalesce.coalitions.web.forms.structure import DateInput
from coalesce.spokespeople.limits import MAX_LANGUAGE, MAX_REGION, MAX_TITLE, MAX_TOPIC
from coalesce.spokespeople.models import RequestKind

TOPIC_HELP = _("A short name, e.g. a focus area: “police oversight”.")
LANGUAGE_HELP = _("A language code: en, fr, ar, pt-br…")
REGION_HELP = _("Empty: for the whole coalition. Otherwise only requests for this region.")


class NeedFields(forms.Form):
    topic = forms.CharField(label=_("Topic"), max_length=MAX_TOPIC, help_text=TOPIC_HELP)
    language = forms.CharField(
        label=_("Language"), max_length=MAX_LANGUAGE, help_text=LANGUAGE_HELP
    )
    region = forms.CharField(
        label=_("Region"), max_length=MAX_REGION, required=False, help_text=REGION_HELP
    )


class GrantForm(NeedFields):
    membership_id = forms.TypedChoiceField(label=_("Member"), coerce=int)
    starts_on = forms.DateField(label=_("Starts on"), widget=DateInput())
    expires_on = forms.DateField(label=_("Expires on"), widget=DateInput())
    field_order = ["membership_id", "topic", "language", "region", "starts_on", "expires_on"]

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["membership_id"].choices = [(m.id, m.name) for m in members]


class RenewForm(forms.Form):
    expires_on = forms.DateField(label=_("New expiry date"), widget=DateInput())


class RequestForm(NeedFields):
    title = forms.CharField(label=_("Title"), max_length=MAX_TITLE)
    kind = forms.ChoiceField(label=_("Kind"), choices=RequestKind.choices)
    needed_on = forms.DateField(label=_("Needed on"), widget=DateInput())
    field_order = ["title", "kind", "topic", "language", "region", "needed_on"]


class AssignForm(forms.Form):
    mandate_id = forms.TypedChoiceField(label=_("Spokesperson"), coerce=int)

    def __init__(self, *args, mandates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mandate_id"].choices = [
            (row.id, f"{row.member.name} — {row.speaker}" if row.speaker else row.member.name)
            for row in mandates
        ]


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Answer"), choices=[("accept", _("Accept")), ("decline", _("Decline"))]
    )


class OptOutForm(forms.Form):
    opted_out = forms.BooleanField(
        label=_("Never propose this organisation as a spokesperson, for its safety"),
        required=False,
        help_text=_(
            "Only your organisation and the steering committee know of this setting. "
            "Others see no trace of it: not in the roster, not as skipped."
        ),
    )
