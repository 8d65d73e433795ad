"""Forms for the credit pages. Field names match ``credit.services`` keywords so a
service's ``DomainError`` lands on the right field; the services validate."""

from django import forms
from django.utils.translation import gettext_lazy as _

from coalesce.coalitions.web.forms.structure import DateInput
from coalesce.credit.limits import MAX_TITLE, MAX_URL
from coalesce.credit.models import Consent, CreditRole, Degree, NameOrder, OutputKind


class OutputForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=MAX_TITLE)
    kind = forms.ChoiceField(label=_("Kind"), choices=OutputKind.choices)
    date = forms.DateField(label=_("Date"), widget=DateInput(), help_text=_("YYYY-MM-DD."))
    is_public = forms.BooleanField(
        label=_("Public: it carries an acknowledgement line anyone may read"), required=False
    )
    url = forms.URLField(
        label=_("Web address"), max_length=MAX_URL, required=False, assume_scheme="https"
    )


class ContributionForm(forms.Form):
    # A number, not a choice: a member not (or no longer) in the list still reaches the
    # service, which says why it cannot be credited.
    membership_id = forms.IntegerField(label=_("Member"), widget=forms.Select)
    role = forms.ChoiceField(label=_("Role"), choices=CreditRole.choices)
    degree = forms.ChoiceField(
        label=_("Degree"),
        choices=Degree.choices,
        initial=Degree.EQUAL,
        help_text=_("Lead, equal or supporting, when several members share the role."),
    )
    consent = forms.ChoiceField(
        label=_("Credit"),
        choices=Consent.choices,
        widget=forms.RadioSelect,
        initial=Consent.PUBLIC,
        help_text=_(
            "Counted but not named keeps the member safe and still counts as credit. "
            "The member may change this later."
        ),
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["membership_id"].widget.choices = [("", _("Choose…")), *members]


class ConsentForm(forms.Form):
    consent = forms.ChoiceField(label=_("Credit"), choices=Consent.choices)


class CreditPolicyForm(forms.Form):
    roles = forms.MultipleChoiceField(
        label=_("Roles that earn credit"),
        choices=CreditRole.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    minimum_degree = forms.ChoiceField(
        label=_("Credit from this degree up"),
        choices=Degree.choices,
        help_text=_("“Supporting” credits every degree; “Lead” only the leads."),
    )
    name_order = forms.ChoiceField(label=_("Order of names"), choices=NameOrder.choices)
    count_unnamed = forms.BooleanField(
        label=_("Count the contributors who are not named (“…and two member organisations”)"),
        required=False,
    )
