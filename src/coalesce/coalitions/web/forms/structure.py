"""Forms for the coalition's own pages: settings, charter, focus areas, committees,
prospective organisations and staff roles.

Field names match the keyword arguments of the services, so a service's
``DomainError`` lands on the right field (``core.forms.apply_domain_error``). The
forms only parse; the services validate and decide.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from coalesce.coalitions.limits import MAX_ORGANISATION_NAME
from coalesce.coalitions.models import (
    ActorType,
    CommitteeKind,
    JoinMode,
    PolicyStatus,
    SeatRole,
    StaffRole,
)
from coalesce.coalitions.web.forms.base import country_field
from coalesce.core.form_fields import email_address, text_area, time_zone


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class CoalitionSettingsForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=160)
    purpose = text_area(_("Purpose"), max_length=4000, rows=None, required=False)
    languages = forms.CharField(
        label=_("Languages"),
        max_length=120,
        required=False,
        help_text=_("The languages the coalition works in, such as “en, fr, sw”."),
    )
    time_zone = time_zone(
        _("Time zone"),
        required=False,
        help_text=_(
            "Its name in the time zone database, such as Africa/Nairobi. Times show in it "
            "to members who have not chosen a zone of their own."
        ),
    )
    has_public_page = forms.BooleanField(
        label=_("Show a public page with the name, purpose and public members"),
        required=False,
    )
    join_mode = forms.ChoiceField(
        label=_("How people join"),
        choices=JoinMode.choices,
        widget=forms.RadioSelect,
        required=False,
    )


class CharterPolicyForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=PolicyStatus.choices)
    text = text_area(
        _("Text of the policy"),
        max_length=20000,
        rows=12,
        required=False,
        help_text=_("Required unless the policy is still missing."),
    )
    agreed_on = forms.DateField(
        label=_("Date agreed"),
        widget=DateInput(),
        required=False,
        help_text=_("Required when the status is “Agreed”. Format: YYYY-MM-DD."),
    )


class FocusAreaForm(forms.Form):
    name = forms.CharField(label=_("New focus area"), max_length=80)


def _committee_kinds(steering: bool):
    if steering:
        return [(CommitteeKind.STEERING.value, CommitteeKind.STEERING.label)]
    return [(value, label) for value, label in CommitteeKind.choices if value != "steering"]


class CommitteeForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    kind = forms.ChoiceField(label=_("Role"))
    custom_role = forms.CharField(
        label=_("Role, if other"),
        max_length=120,
        required=False,
        help_text=_("Describe the committee's role when you chose “Other”."),
    )
    description = text_area(_("Description"), max_length=4000, rows=None, required=False)

    def __init__(self, *args, steering: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = _committee_kinds(steering)


class SeatForm(forms.Form):
    """Put a member on a committee; ``members`` are the rows the actor may see."""

    membership_id = forms.TypedChoiceField(label=_("Member"), coerce=int)
    role = forms.ChoiceField(label=_("Role on the committee"), choices=SeatRole.choices)
    role_title = forms.CharField(
        label=_("Role title"),
        max_length=80,
        required=False,
        help_text=_("Needed for “Other role”, for example “Treasurer”."),
    )

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["membership_id"].choices = [("", _("Choose a member"))] + [
            (row.id, row.name) for row in members
        ]


class UnseatForm(forms.Form):
    membership_id = forms.IntegerField(widget=forms.HiddenInput)


class OrganisationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=MAX_ORGANISATION_NAME)
    actor_type = forms.ChoiceField(label=_("Actor type"), choices=ActorType.choices)
    country = country_field(_("Choose a country"), required=True)
    website = forms.URLField(
        label=_("Website"), max_length=200, required=False, assume_scheme="https"
    )
    focus_areas = forms.MultipleChoiceField(
        label=_("Focus areas"), widget=forms.CheckboxSelectMultiple, required=False
    )

    def __init__(self, *args, focus_areas=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["focus_areas"].choices = [(area.name, area.name) for area in focus_areas]
        if not focus_areas:
            del self.fields["focus_areas"]


class PersonForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=160)
    organisation_id = forms.TypedChoiceField(
        label=_("Organisation"), coerce=int, empty_value=None, required=False
    )

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation_id"].choices = [("", _("None: an individual"))] + [
            (org.id, org.name) for org in organisations
        ]


class StaffRoleForm(forms.Form):
    email = email_address(
        _("E-mail address"), help_text=_("The person must already be part of this coalition.")
    )
    role = forms.ChoiceField(label=_("Role"), choices=StaffRole.choices)
