"""Forms for the groundwork page. Field names match ``groundwork.services`` keywords so
a service's ``DomainError`` lands on the right field; the services validate."""

from django import forms
from django.utils.translation import gettext_lazy as _

from coalesce.coalitions.models import ActorType
from coalesce.groundwork.models import ChallengeStatus, PartnerStatus

MAX = 300


class PartnerForm(forms.Form):
    description = forms.CharField(
        label=_("Partner"),
        max_length=MAX,
        help_text=_("A kind of organisation or a named one, e.g. “a women's police network”."),
    )
    actor_type = forms.ChoiceField(
        label=_("Kind of organisation"),
        choices=[("", _("Guess it from the description")), *ActorType.choices],
        required=False,
    )


class PartnerStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=PartnerStatus.choices)


class ChallengeForm(forms.Form):
    challenge = forms.CharField(label=_("Challenge"), max_length=MAX)
    partner = forms.CharField(
        label=_("With whom"),
        max_length=MAX,
        required=False,
        help_text=_("The partner or kind of partner it comes with, if any."),
    )
    strategy = forms.CharField(label=_("Strategy"), max_length=MAX, required=False)


class ChallengeUpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ChallengeStatus.choices)
    strategy = forms.CharField(label=_("Strategy"), max_length=MAX, required=False)
