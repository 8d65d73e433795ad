"""Forms for the participation pages. Field names match the services' and selectors'
keywords so a ``DomainError`` lands on the right field; the services validate."""

from django import forms
from django.utils.translation import gettext_lazy as _

from coalesce.coalitions.web.forms.structure import DateInput
from coalesce.participation.limits import (
    MAX_NOTE,
    MAX_PERIOD_MONTHS,
    MAX_SHARE,
    MIN_PERIOD_MONTHS,
)
from coalesce.participation.models import ReviewOutcome


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("From"), required=False, widget=DateInput())
    end = forms.DateField(label=_("To"), required=False, widget=DateInput())


class ListFilterForm(PeriodForm):
    not_taken_part = forms.BooleanField(
        label=_("Only members that took no part or are below the expectations"), required=False
    )


class ExpectationsForm(forms.Form):
    min_vote_share = forms.IntegerField(
        label=_("Votes taken part in, at least (per cent of those it could vote in; 0: none)"),
        min_value=0,
        max_value=MAX_SHARE,
    )
    min_attendance_share = forms.IntegerField(
        label=_("Meetings attended, at least (per cent of those it was invited to; 0: none)"),
        min_value=0,
        max_value=MAX_SHARE,
    )
    period_months = forms.IntegerField(
        label=_("Over a period of (months)"),
        min_value=MIN_PERIOD_MONTHS,
        max_value=MAX_PERIOD_MONTHS,
    )


class ReviewForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=ReviewOutcome.choices)
    note = forms.CharField(
        label=_("Note"),
        max_length=MAX_NOTE,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Markdown. The member reads this note and the outcome on its own record; "
            "it cannot be changed afterwards, only followed by another review."
        ),
    )
