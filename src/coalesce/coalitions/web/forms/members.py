"""Forms for the member, application, requirement and diversity pages.

They only parse and label input; the services validate it again and decide.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from coalesce.coalitions.models import (
    ActorType,
    ApplicantKind,
    MembershipStatus,
    Visibility,
)
from coalesce.coalitions.web.forms.base import (
    LinkedErrorsForm,
    actor_type_field,
    alias_field,
    blank,
    contact_email_field,
    contact_phone_field,
    country_field,
    organisation_name_field,
    person_name_field,
    visibility_field,
)
from coalesce.core.form_fields import text_area

# --- members ------------------------------------------------------------------------


class DirectoryFilterForm(LinkedErrorsForm):
    q = forms.CharField(label=_("Search"), max_length=100, required=False)
    actor_type = forms.ChoiceField(
        label=_("Actor type"), choices=blank(_("Any type")) + ActorType.choices, required=False
    )
    country = country_field(_("Any country"))
    status = forms.ChoiceField(
        label=_("Status"),
        choices=blank(_("Any status")) + MembershipStatus.choices,
        required=False,
    )
    offset = forms.IntegerField(
        min_value=0, max_value=10_000_000, required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args, show_status=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.input_type = "search"
        if not show_status:
            del self.fields["status"]

    def filters(self) -> dict:
        """The valid filters (an invalid one is ignored rather than failing the page)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "query": data.get("q") or "",
            "actor_type": data.get("actor_type") or "",
            "country": data.get("country") or "",
            "status": data.get("status") or "",
            "offset": data.get("offset") or 0,
        }


STATUS_ACTIONS = {
    MembershipStatus.ACTIVE: _("Reinstate (active)"),
    MembershipStatus.SUSPENDED: _("Suspend"),
    MembershipStatus.ENDED: _("End the membership"),
}


class MembershipStatusForm(LinkedErrorsForm):
    status = forms.ChoiceField(label=_("New status"), choices=())
    reason = text_area(
        _("Reason"),
        max_length=500,
        required=False,
        help_text=_("Required to suspend or end a membership; it is recorded."),
    )

    def __init__(self, *args, allowed=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [(s, STATUS_ACTIONS[s]) for s in allowed]


class ProtectionForm(LinkedErrorsForm):
    visibility = visibility_field(_("Who may see this membership"))
    alias = alias_field(_("Shown instead of the real name when the membership is pseudonymous."))
    contact_email = contact_email_field()
    contact_phone = contact_phone_field()
    contact_address = text_area(_("Postal address"), max_length=500, required=False)
    contact_notes = text_area(_("Notes on contacting safely"), max_length=4000, required=False)
    # Set when the form was filled from the (audited) contact details: empty fields
    # then remove a detail; otherwise an empty field keeps what is recorded.
    replace_contacts = forms.BooleanField(required=False, widget=forms.HiddenInput)

    CONTACTS = ("contact_email", "contact_phone", "contact_address", "contact_notes")

    def __init__(self, *args, contacts_loaded=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not contacts_loaded:
            hint = _(
                "Leave empty to keep what is recorded. Show the contact details first to "
                "change or remove them."
            )
            for name in self.CONTACTS:
                self.fields[name].help_text = hint
                self._describe(name, "helptext")

    def contact_changes(self) -> dict:
        data = self.cleaned_data
        if data.get("replace_contacts"):
            return {name: data.get(name) or "" for name in self.CONTACTS}
        return {name: data[name] for name in self.CONTACTS if data.get(name)}


class ConductForm(LinkedErrorsForm):
    accept = forms.BooleanField(
        label=_("I have read the code of conduct and agree to follow it"),
        required=True,
    )


# --- applications -------------------------------------------------------------------


class ApplicationForm(LinkedErrorsForm):
    kind = forms.ChoiceField(
        label=_("Who is applying"),
        choices=ApplicantKind.choices,
        initial=ApplicantKind.ORGANISATION,
        widget=forms.RadioSelect,
    )
    person_name = person_name_field(_("Your full name"))
    organisation_name = organisation_name_field(
        _("Organisation name"), _("Only when applying for an organisation.")
    )
    actor_type = actor_type_field()
    country = country_field(_("Choose…"))
    website = forms.URLField(
        label=_("Website"), max_length=200, required=False, assume_scheme="https"
    )
    focus_areas = forms.MultipleChoiceField(
        label=_("Focus areas"), choices=(), required=False, widget=forms.CheckboxSelectMultiple
    )
    statement = text_area(_("Why do you want to join?"), max_length=4000, rows=5, required=False)
    visibility = visibility_field(
        _("Who may see your membership"), initial=Visibility.MEMBERS, required=False
    )
    alias = alias_field()
    contact_email = contact_email_field()
    contact_phone = contact_phone_field()

    ORGANISATION_FIELDS = ("organisation_name", "actor_type", "country")

    def __init__(self, *args, focus_areas=(), requirements=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["focus_areas"].choices = [(a.name, a.name) for a in focus_areas]
        if not focus_areas:
            del self.fields["focus_areas"]
        self.requirements = list(requirements)
        for requirement in self.requirements:
            self.fields[f"answer_{requirement.id}"] = text_area(requirement.text, max_length=2000)

    def clean(self):
        data = super().clean()
        if data.get("kind") == ApplicantKind.ORGANISATION:
            for name in self.ORGANISATION_FIELDS:
                if not data.get(name) and name not in self._errors:
                    self.add_error(name, _("Required when applying for an organisation."))
        if data.get("visibility") == Visibility.PSEUDONYMOUS and not data.get("alias"):
            self.add_error("alias", _("A pseudonymous membership needs an alias."))
        return data

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "person_name": data["person_name"],
            "organisation_name": data.get("organisation_name", ""),
            "actor_type": data.get("actor_type", ""),
            "country": data.get("country", ""),
            "website": data.get("website", ""),
            "focus_areas": data.get("focus_areas", []),
            "statement": data.get("statement", ""),
            "visibility": data.get("visibility") or Visibility.MEMBERS,
            "alias": data.get("alias", ""),
            "contact_email": data.get("contact_email", ""),
            "contact_phone": data.get("contact_phone", ""),
            "answers": {str(r.id): data.get(f"answer_{r.id}", "") for r in self.requirements},
        }


class ApproveForm(LinkedErrorsForm):
    reason = text_area(_("Note (optional)"), max_length=1000, rows=2, required=False)


class DeclineForm(LinkedErrorsForm):
    reason = text_area(
        _("Reason for declining"),
        max_length=1000,
        help_text=_("Required. The applicant will see it."),
    )


# --- requirements -------------------------------------------------------------------


class RequirementForm(LinkedErrorsForm):
    text = text_area(
        _("New requirement"),
        max_length=500,
        rows=2,
        help_text=_("Each applicant answers every active requirement."),
    )
