"""Expertise to share: what each member organisation can offer and what it needs, the
requests for help members post, and the responses of members who can help.

Nothing here stores a name: who offers, asks or answers is a membership, shown to each
reader as the membership's visibility allows (``coalitions.selectors.member_row``)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from coalesce.coalitions.models import Coalition, Membership
from coalesce.expertise.limits import (
    MAX_ENTRY_TEXT,
    MAX_LANGUAGE,
    MAX_REQUEST_TEXT,
    MAX_RESPONSE,
)
from coalesce.expertise.rules import language_name


class Topic(models.TextChoices):
    """The kinds of help members give one another."""

    GENDER_TRAINING = "gender_training", _("Gender training for security forces")
    LEGAL_AID = "legal_aid", _("Legal aid")
    RESEARCH = "research", _("Research")
    TRANSLATION = "translation", _("Translation and interpretation")
    MEDIA = "media", _("Media and communication")
    DIGITAL_SAFETY = "digital_safety", _("Security and digital safety")
    CONVENING = "convening", _("Convening and facilitation")
    FUNDING_ADVICE = "funding_advice", _("Funding advice")
    OTHER = "other", _("Other")


class Kind(models.TextChoices):
    SKILL = "skill", _("Skill")
    EXPERIENCE = "experience", _("Experience")
    LANGUAGE = "language", _("Language")
    SERVICE = "service", _("Service")


class Side(models.TextChoices):
    OFFER = "offer", _("We can offer")
    NEED = "need", _("We need")


class RequestStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class _InLanguage:
    @property
    def language_label(self) -> str:
        return language_name(self.language) if self.language else ""


class Entry(_InLanguage, models.Model):
    """One thing a member can offer, or needs."""

    coalition = models.ForeignKey(Coalition, on_delete=models.CASCADE, related_name="+")
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="expertise")
    side = models.CharField(_("offer or need"), max_length=8, choices=Side.choices)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    topic = models.CharField(_("kind of help"), max_length=20, choices=Topic.choices)
    language = models.CharField(_("language"), max_length=MAX_LANGUAGE, blank=True)
    text = models.CharField(_("what"), max_length=MAX_ENTRY_TEXT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["side", "topic", "id"]
        indexes = [models.Index(fields=["coalition", "side", "topic"])]


class HelpRequest(_InLanguage, models.Model):
    """A member asks the coalition for a kind of help."""

    coalition = models.ForeignKey(Coalition, on_delete=models.CASCADE, related_name="+")
    membership = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="help_requests"
    )
    topic = models.CharField(_("kind of help"), max_length=20, choices=Topic.choices)
    language = models.CharField(_("language"), max_length=MAX_LANGUAGE, blank=True)
    text = models.TextField(_("request"), max_length=MAX_REQUEST_TEXT)
    status = models.CharField(
        _("status"), max_length=8, choices=RequestStatus.choices, default=RequestStatus.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["coalition", "status", "topic"])]


class Response(models.Model):
    """A member that can help answers a request (once)."""

    request = models.ForeignKey(HelpRequest, on_delete=models.CASCADE, related_name="responses")
    membership = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="help_responses"
    )
    message = models.CharField(_("message"), max_length=MAX_RESPONSE)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "membership"], name="one_response_per_member"
            )
        ]
