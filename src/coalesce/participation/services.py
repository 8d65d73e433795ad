"""Every participation write: the coalition's expectations (the steering committee) and
conduct reviews on a member (the steering committee; never edited, a later review is a
new one). The audit log records who did what, never a review's note."""

from django.db import transaction

from coalesce.coalitions.services.audit import record_by
from coalesce.core.validation import clean_choice, clean_text, clean_whole_number
from coalesce.participation import policy, selectors
from coalesce.participation.limits import (
    MAX_NOTE,
    MAX_PERIOD_MONTHS,
    MAX_SHARE,
    MIN_PERIOD_MONTHS,
)
from coalesce.participation.models import ConductReview, Expectations, ReviewOutcome


@transaction.atomic
def set_expectations(actor, *, min_vote_share, min_attendance_share, period_months) -> Expectations:
    """The coalition's expectations of each member's part (0 %: none expected)."""
    policy.require(actor, "participation.set_expectations")
    values = {
        "min_vote_share": clean_whole_number(
            min_vote_share, "min_vote_share", low=0, high=MAX_SHARE
        ),
        "min_attendance_share": clean_whole_number(
            min_attendance_share, "min_attendance_share", low=0, high=MAX_SHARE
        ),
        "period_months": clean_whole_number(
            period_months, "period_months", low=MIN_PERIOD_MONTHS, high=MAX_PERIOD_MONTHS
        ),
    }
    found, _created = Expectations.objects.select_for_update().get_or_create(
        coalition=actor.coalition, defaults=values
    )
    for name, value in values.items():
        setattr(found, name, value)
    found.updated_by = actor.user
    found.save()
    record_by(actor, "participation.expectations", found, tuple(values))
    return found


@transaction.atomic
def record_review(actor, membership_id, *, note, outcome) -> ConductReview:
    """A conduct review of a member the actor may see listed: a note (Markdown) and an
    outcome."""
    membership = selectors.membership(actor, membership_id, "participation.review")
    review = ConductReview.objects.create(
        coalition=actor.coalition,
        membership=membership,
        note=clean_text(note, "note", max_length=MAX_NOTE),
        outcome=clean_choice(outcome, ReviewOutcome, "outcome"),
        recorded_by=actor.user,
    )
    record_by(actor, "participation.review", review, ("membership", "outcome"))
    return review
