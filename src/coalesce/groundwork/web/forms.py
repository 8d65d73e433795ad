"""Forms for the groundwork page. Field names match ``groundwork.services`` keywords so
a service's ``DomainError`` lands on the right field; the services validate."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from coalesce.coalitions.models import ActorType
from coalesce.coalitions.web.forms import country_field
from coalesce.core.form_fields import email_address
from coalesce.groundwork.limits import MAX_FIELD
from coalesce.groundwork.models import ChallengeStatus, Level, PartnerStatus, Relationship

MAX = MAX_FIELD


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
    """A partner's status and its place on the stakeholder map."""

    status = forms.ChoiceField(label=_("Status"), choices=PartnerStatus.choices)
    influence = forms.ChoiceField(
        label=_("Influence on the reform"),
        choices=[("", _("Not known yet")), *Level.choices],
        required=False,
    )
    interest = forms.ChoiceField(
        label=_("Interest in our cause"),
        choices=[("", _("Not known yet")), *Level.choices],
        required=False,
    )
    relationship = forms.ChoiceField(
        label=_("Our relationship"), choices=Relationship.choices, required=False
    )


class PartnerInviteForm(forms.Form):
    email = email_address(
        _("E-mail address of someone there"),
        help_text=_("They receive an invitation; their application starts with this partner."),
    )


class PartnerConvertForm(forms.Form):
    name = forms.CharField(label=_("Organisation's name"), max_length=200)
    actor_type = forms.ChoiceField(label=_("Kind of organisation"), choices=ActorType.choices)
    country = country_field(_("Choose…"), required=True)
    email = email_address(
        _("E-mail address of its representative"),
        required=False,
        help_text=_(
            "Optional. They are invited to represent the new member and acknowledge the "
            "code of conduct, which makes the membership active."
        ),
    )


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


class IntoCoalitionForm(forms.Form):
    name = forms.CharField(label=_("Name of a new coalition"), max_length=160, required=False)
    coalition = forms.ChoiceField(label=_("Or an existing coalition"), required=False)

    def __init__(self, *args, coalitions, **kwargs):
        super().__init__(*args, **kwargs)
        if coalitions:
            self.fields["coalition"].choices = [
                ("", gettext("— none: create a new one —")),
                *((c.slug, c.name) for c in coalitions),
            ]
            self.fields["coalition"].help_text = gettext(
                "Only coalitions whose charter you keep (steering committee or admin)."
            )
        else:
            del self.fields["coalition"]

    def clean(self):
        data = super().clean()
        name, slug = data.get("name", "").strip(), data.get("coalition", "")
        if name and slug:
            raise forms.ValidationError(
                gettext("Either name a new coalition or choose an existing one, not both.")
            )
        if not name and not slug and "coalition" not in self.errors:
            self.add_error("name", gettext("Name the new coalition, or choose an existing one."))
        return data


class ChallengeGoalForm(forms.Form):
    """Link a challenge to one of the coalition's goals. A number, not a choice: a goal
    of another coalition still reaches the service, which says why it cannot be linked."""

    goal_id = forms.IntegerField(label=_("Goal"), widget=forms.Select)

    def __init__(self, *args, goals=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal_id"].widget.choices = [
            ("", _("Choose…")),
            *((g.pk, g.title) for g in goals),
        ]
