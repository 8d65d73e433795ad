"""What a coalition expects of its members' part (from its charter's code of conduct),
and the steering committee's follow-ups — conduct reviews — on a member."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from coalesce.core.crypto import EncryptedTextField
from coalesce.participation.limits import DEFAULT_PERIOD_MONTHS


class Expectations(models.Model):
    """The coalition's expectations of each member within a period (0 %: none)."""

    coalition = models.OneToOneField(
        "coalitions.Coalition", on_delete=models.CASCADE, related_name="participation_expectations"
    )
    min_vote_share = models.PositiveSmallIntegerField(
        _("votes taken part in, at least (per cent of those it could vote in)"), default=0
    )
    min_attendance_share = models.PositiveSmallIntegerField(
        _("meetings attended, at least (per cent of those it was invited to)"), default=0
    )
    period_months = models.PositiveSmallIntegerField(
        _("over a period of (months)"), default=DEFAULT_PERIOD_MONTHS
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )


class ReviewOutcome(models.TextChoices):
    NO_ACTION = "no_action", _("No action needed")
    REMINDER = "reminder", _("Reminder sent")
    PLAN = "plan", _("Agreed a plan")
    REFERRED = "referred", _("Referred to the coalition for a decision")


class ConductReview(models.Model):
    """A follow-up the steering committee recorded on a member's part: never edited;
    a later review is a new row. The note is encrypted at rest and never audited."""

    coalition = models.ForeignKey(
        "coalitions.Coalition", on_delete=models.CASCADE, related_name="conduct_reviews"
    )
    membership = models.ForeignKey(
        "coalitions.Membership", on_delete=models.CASCADE, related_name="conduct_reviews"
    )
    note = EncryptedTextField(_("note"))
    outcome = models.CharField(_("outcome"), max_length=12, choices=ReviewOutcome.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-recorded_at", "-id"]
        indexes = [models.Index(fields=["membership", "-recorded_at"])]
