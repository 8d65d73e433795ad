"""Who may speak for the coalition: mandates per topic, language and region, the requests
that need a voice, and who was asked to give it (PRODUCT.md C6).

Nothing here stores a name: pages and the API show a membership through
``coalitions.selectors.member_row``, so a change of visibility applies at once.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from coalesce.coalitions.models import Coalition, Membership, Person
from coalesce.spokespeople.limits import MAX_LANGUAGE, MAX_REGION, MAX_TITLE, MAX_TOPIC


class Mandate(models.Model):
    """A member organisation may speak on ``topic`` in ``language`` for ``region`` (empty:
    coalition-wide) from ``starts_on`` to ``expires_on``, granted by the steering
    committee; optionally through one of its people."""

    coalition = models.ForeignKey(Coalition, on_delete=models.CASCADE, related_name="mandates")
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="mandates")
    person = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="mandates"
    )
    topic = models.SlugField(_("topic"), max_length=MAX_TOPIC)
    language = models.CharField(_("language"), max_length=MAX_LANGUAGE)
    region = models.CharField(_("region"), max_length=MAX_REGION, blank=True)
    starts_on = models.DateField(_("starts on"))
    expires_on = models.DateField(_("expires on"))
    ended_at = models.DateTimeField(null=True, blank=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["topic", "language", "region", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__gte=F("starts_on")), name="mandate_expires_after_start"
            )
        ]
        indexes = [models.Index(fields=["coalition", "topic", "language"])]

    def __str__(self):
        return f"{self.topic}/{self.language}/{self.region or '*'}"

    def covers(self, day) -> bool:
        """Valid on ``day``: started, not expired, not ended."""
        return self.ended_at is None and self.starts_on <= day <= self.expires_on


class SafetyOptOut(models.Model):
    """The organisation asked, for its safety, never to be proposed as a voice. Its row
    exists while it is opted out; only the member itself and the steering committee (and
    custodians) ever learn of it."""

    membership = models.OneToOneField(
        Membership, on_delete=models.CASCADE, related_name="voice_opt_out"
    )
    coalition = models.ForeignKey(Coalition, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)


class RequestKind(models.TextChoices):
    STATEMENT = "statement", _("Statement")
    MEDIA = "media", _("Media request")
    EVENT = "event", _("Event")


class VoiceRequest(models.Model):
    """A statement, a media request or an event that needs someone to speak."""

    coalition = models.ForeignKey(
        Coalition, on_delete=models.CASCADE, related_name="voice_requests"
    )
    title = models.CharField(_("title"), max_length=MAX_TITLE)
    kind = models.CharField(_("kind"), max_length=12, choices=RequestKind.choices)
    topic = models.SlugField(_("topic"), max_length=MAX_TOPIC)
    language = models.CharField(_("language"), max_length=MAX_LANGUAGE)
    region = models.CharField(_("region"), max_length=MAX_REGION, blank=True)
    needed_on = models.DateField(_("needed on"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-needed_on", "-id"]

    def __str__(self):
        return self.title


class AssignmentStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class Assignment(models.Model):
    """One organisation asked to speak for one request: each is one turn in the rotation,
    whatever the answer."""

    request = models.ForeignKey(VoiceRequest, on_delete=models.CASCADE, related_name="assignments")
    mandate = models.ForeignKey(Mandate, on_delete=models.PROTECT, related_name="assignments")
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(
        max_length=10, choices=AssignmentStatus.choices, default=AssignmentStatus.PROPOSED
    )
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "membership"], name="one_turn_per_request_and_member"
            ),
            models.UniqueConstraint(
                fields=["request"],
                condition=~Q(status="declined"),
                name="one_open_voice_per_request",
            ),
        ]
