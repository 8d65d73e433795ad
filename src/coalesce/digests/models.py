"""A member's choice of digest: never (each update e-mailed as it is posted), daily or
weekly. ``covered_until`` is the moment up to which their digests have looked: a digest
holds what happened after it, and moves it on — even when it found nothing to send."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from coalesce.coalitions.models import Person
from coalesce.digests.limits import MAX_SITE_URL


class Frequency(models.TextChoices):
    NEVER = "never", _("Never: e-mail me each update as it is posted")
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly")


class DigestChoice(models.Model):
    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="digest_choice")
    frequency = models.CharField(
        _("e-mail digest"), max_length=8, choices=Frequency.choices, default=Frequency.NEVER
    )
    covered_until = models.DateTimeField()
    # The address the member used when choosing, for the links of their digests.
    site_url = models.CharField(max_length=MAX_SITE_URL, blank=True)

    class Meta:
        indexes = [models.Index(fields=["frequency", "covered_until"])]
