"""Forms for the meetings pages. Field names match ``meetings.services`` keywords so a
service's ``DomainError`` lands on the right field; the services validate."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from coalesce.core.form_fields import time_zone
from coalesce.meetings.limits import (
    MAX_CAPACITY,
    MAX_DESCRIPTION,
    MAX_DURATION,
    MAX_ITEM,
    MAX_MINUTE,
    MAX_TITLE,
    MAX_VENUE_ADDRESS,
    MAX_VENUE_NAME,
    MIN_DURATION,
)
from coalesce.meetings.models import Availability, MinuteKind


def time_zone_field(label):
    return time_zone(label, initial=settings.TIME_ZONE)


class MeetingForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=MAX_TITLE)
    description = forms.CharField(
        label=_("What it is for"),
        max_length=MAX_DESCRIPTION,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    committee_id = forms.TypedChoiceField(
        label=_("For"), coerce=int, required=False, empty_value=None
    )
    time_zone = time_zone_field(_("Time zone of the times below"))
    times = forms.CharField(
        label=_("Times to offer"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line, as YYYY-MM-DD HH:MM (for example 2027-03-04 14:30)."),
    )
    duration_minutes = forms.IntegerField(
        label=_("Length in minutes"), min_value=MIN_DURATION, max_value=MAX_DURATION, initial=90
    )
    venue_ids = forms.TypedMultipleChoiceField(
        label=_("Venues to offer"), coerce=int, widget=forms.CheckboxSelectMultiple
    )
    remote_allowed = forms.BooleanField(
        label=_("Members who cannot come to the venue may join remotely"), required=False
    )
    venue_private = forms.BooleanField(
        label=_("Show the venue only to those invited"), required=False
    )
    decision_ids = forms.TypedMultipleChoiceField(
        label=_("Decisions on the agenda"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The scheduler proposes only times when each deciding body has its quorum."),
    )

    def __init__(self, *args, committees=(), venues=(), decisions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee_id"].choices = [
            ("", _("The whole coalition")),
            *((c.id, c.name) for c in committees),
        ]
        self.fields["venue_ids"].choices = [(v.id, v.name) for v in venues]
        self.fields["decision_ids"].choices = [(p.id, p.title) for p in decisions]


class AnswerForm(forms.Form):
    """One choice per candidate time (``time_<id>``) and the zone the person is in."""

    time_zone = time_zone_field(_("Your time zone"))

    def __init__(self, *args, times=(), answers=None, zone=None, **kwargs):
        super().__init__(*args, **kwargs)
        answers = answers or {}
        if zone:
            self.fields["time_zone"].initial = zone
        for time in times:
            self.fields[f"time_{time.id}"] = forms.ChoiceField(
                label=time.label,
                choices=Availability.choices,
                widget=forms.RadioSelect,
                initial=answers.get(time.id, Availability.NO),
            )

    def service_data(self) -> dict:
        data = self.cleaned_data
        answers = {
            int(name.removeprefix("time_")): value
            for name, value in data.items()
            if name.startswith("time_") and name != "time_zone"
        }
        return {"answers": answers, "time_zone": data["time_zone"]}


class VenueForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=MAX_VENUE_NAME)
    address = forms.CharField(
        label=_("Address, or how to join online"), max_length=MAX_VENUE_ADDRESS
    )
    online = forms.BooleanField(label=_("This is an online venue"), required=False)
    capacity = forms.IntegerField(
        label=_("Capacity"), min_value=1, max_value=MAX_CAPACITY, required=False
    )


class MarksForm(forms.Form):
    venue_ids = forms.TypedMultipleChoiceField(
        label=_("Venues where I cannot safely or comfortably meet"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Only you see this list. Organisers are told only that a venue is not suitable "
            "for a meeting: never who marked it, nor how many."
        ),
    )

    def __init__(self, *args, venues=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["venue_ids"].choices = [(v.id, v.name) for v in venues]


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("Agenda item"), max_length=MAX_ITEM)
    minutes = forms.IntegerField(
        label=_("Minutes"), min_value=1, max_value=MAX_DURATION, required=False
    )


class MinuteForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=MinuteKind.choices)
    text = forms.CharField(
        label=_("What was said, decided or agreed"),
        max_length=MAX_MINUTE,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    committee_id = forms.TypedChoiceField(
        label=_("Committee that owns the action"), coerce=int, required=False, empty_value=None
    )
    due_on = forms.DateField(
        label=_("Due on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("For an action."),
    )
    proposal_id = forms.TypedChoiceField(
        label=_("The vote it was, if any"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args, committees=(), proposals=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee_id"].choices = [("", "—"), *((c.id, c.name) for c in committees)]
        self.fields["proposal_id"].choices = [("", "—"), *((p.id, p.title) for p in proposals)]


class AttendanceForm(forms.Form):
    """The invitees as checkboxes: those who attended (names as the organiser may see
    them, an alias where it may not see the identity)."""

    membership_ids = forms.TypedMultipleChoiceField(
        label=_("Members who attended"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, invitees=(), **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["membership_ids"]
        field.choices = [(i.member.id, i.member.name) for i in invitees]
        if not self.is_bound:
            field.initial = [i.member.id for i in invitees if i.attended]
