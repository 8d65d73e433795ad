"""Founding a coalition."""

from django import forms
from django.utils.translation import gettext_lazy as _

from coalesce.coalitions.limits import MAX_COALITION_NAME
from coalesce.coalitions.models import ApplicantKind, JoinMode, Visibility
from coalesce.coalitions.web.forms.base import (
    LinkedErrorsForm,
    actor_type_field,
    alias_field,
    country_field,
    organisation_name_field,
    person_name_field,
    visibility_field,
)
from coalesce.core.form_fields import text_area, time_zone


class CoalitionForm(LinkedErrorsForm):
    """Found a coalition: the coalition, then how its founder takes part in it."""

    name = forms.CharField(label=_("Name"), max_length=MAX_COALITION_NAME)
    slug = forms.SlugField(
        label=_("Web address"),
        max_length=60,
        required=False,
        help_text=_(
            "Lower-case letters, digits and hyphens; left empty, it is made from the name."
        ),
    )
    purpose = text_area(_("Purpose"), max_length=4000, rows=None, required=False)
    languages = forms.CharField(label=_("Languages"), max_length=120, initial="en", required=False)
    time_zone = time_zone(_("Time zone"), required=False)  # left empty: UTC
    has_public_page = forms.BooleanField(
        label=_("Show a public page with the name, purpose and public members"),
        required=False,
        initial=True,
    )
    join_mode = forms.ChoiceField(
        label=_("How people join"),
        choices=JoinMode.choices,
        initial=JoinMode.INVITATION,
        widget=forms.RadioSelect,
    )
    founder_kind = forms.ChoiceField(
        label=_("You take part"),
        choices=[
            (ApplicantKind.ORGANISATION, _("For an organisation")),
            (ApplicantKind.PERSON, _("As an individual")),
        ],
        initial=ApplicantKind.ORGANISATION,
        widget=forms.RadioSelect,
    )
    person_name = person_name_field(
        _("Your full name"), required=False, help_text=_("Left empty, your display name is used.")
    )
    organisation_name = organisation_name_field(
        _("Your organisation"), _("Only when you take part for an organisation.")
    )
    actor_type = actor_type_field()
    country = country_field(_("Choose…"))
    visibility = visibility_field(_("Who may see your membership"), initial=Visibility.MEMBERS)
    alias = alias_field()

    field_groups = (
        (
            _("The coalition"),
            ("name", "slug", "purpose", "languages", "time_zone", "has_public_page"),
        ),
        (_("Joining"), ("join_mode",)),
        (
            _("You, its first member"),
            (
                "founder_kind",
                "person_name",
                "organisation_name",
                "actor_type",
                "country",
                "visibility",
                "alias",
            ),
        ),
    )

    def groups(self):
        return [(title, [self[name] for name in names]) for title, names in self.field_groups]
