"""A coalition's groundwork: organisations it hopes to bring in, and the challenges it
expects with the strategies it means to use — often first written by a training room
(``training.LiveSession`` → "into a real coalition")."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from coalesce.coalitions.models import ActorType, Coalition
from coalesce.core.crypto import EncryptedTextField
from coalesce.groundwork.limits import MAX_FIELD


class PartnerStatus(models.TextChoices):
    PROSPECTIVE = "prospective", _("Prospective")
    APPROACHED = "approached", _("Approached")
    JOINED = "joined", _("Joined")
    DECLINED = "declined", _("Declined")


class Level(models.IntegerChoices):
    """Influence over the reform, or interest in the coalition's cause: the two axes of a
    stakeholder map."""

    LOW = 1, _("Low")
    MEDIUM = 2, _("Medium")
    HIGH = 3, _("High")


class Relationship(models.TextChoices):
    NONE = "none", _("No relationship yet")
    SOME = "some", _("Some contact")
    STRONG = "strong", _("Strong relationship")


class ChallengeStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ADDRESSED = "addressed", _("Addressed")


class ProspectivePartner(models.Model):
    coalition = models.ForeignKey(
        Coalition, on_delete=models.CASCADE, related_name="prospective_partners"
    )
    description = models.CharField(_("partner"), max_length=MAX_FIELD)
    actor_type = models.CharField(
        _("kind of organisation"), max_length=40, choices=ActorType.choices, blank=True
    )
    status = models.CharField(
        _("status"), max_length=12, choices=PartnerStatus.choices, default=PartnerStatus.PROSPECTIVE
    )
    influence = models.PositiveSmallIntegerField(
        _("influence"), choices=Level.choices, null=True, blank=True
    )
    interest = models.PositiveSmallIntegerField(
        _("interest"), choices=Level.choices, null=True, blank=True
    )
    relationship = models.CharField(
        _("relationship"), max_length=10, choices=Relationship.choices, default=Relationship.NONE
    )
    contact_email = EncryptedTextField(blank=True)
    # The invitation sent to the partner, and the membership it became.
    invitation = models.ForeignKey(
        "accounts.Invitation", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    membership = models.OneToOneField(
        "coalitions.Membership",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="prospect",
    )
    source_session = models.ForeignKey(
        "training.LiveSession", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["description", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["coalition", "description"], name="one_prospect_per_description"
            )
        ]

    def __str__(self):
        return self.description


class Challenge(models.Model):
    """The challenge register: what could go wrong, with whom, and the plan for it."""

    coalition = models.ForeignKey(Coalition, on_delete=models.CASCADE, related_name="challenges")
    challenge = models.CharField(_("challenge"), max_length=MAX_FIELD)
    strategy = models.CharField(_("strategy"), max_length=MAX_FIELD, blank=True)
    partner = models.CharField(_("with whom"), max_length=MAX_FIELD, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ChallengeStatus.choices, default=ChallengeStatus.OPEN
    )
    source_session = models.ForeignKey(
        "training.LiveSession", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The coalition's goals this challenge (and its strategy) bears on; the goal's page
    # lists them through ``goals.hooks`` (filled in ``GroundworkConfig.ready``).
    goals = models.ManyToManyField("goals.Goal", blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["coalition", "challenge", "partner"], name="one_challenge_per_partner"
            )
        ]

    def __str__(self):
        return self.challenge
