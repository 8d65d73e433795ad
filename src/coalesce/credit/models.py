"""Sharing credit (PRODUCT.md C7): the coalition's credit policy, its outputs and the
contribution ledger that links members to them.

No name is stored here: a contribution points at a membership, and whoever reads it sees
the name (or alias, or nothing) the visibility rules give them at that moment.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from coalesce.coalitions.models import Coalition, Membership
from coalesce.credit.limits import MAX_TITLE, MAX_URL


class CreditRole(models.TextChoices):
    """A CRediT-like vocabulary for advocacy work."""

    DRAFTING = "drafting", _("Drafting")
    RESEARCH = "research", _("Research")
    CONVENING = "convening", _("Convening")
    TRANSLATION = "translation", _("Translation")
    FUNDING = "funding", _("Funding")
    OUTREACH = "outreach", _("Outreach")
    SECURITY_SUPPORT = "security_support", _("Security support")
    REVIEW = "review", _("Review")
    LOGISTICS = "logistics", _("Logistics")


class Degree(models.TextChoices):
    """How much of a role a member carried, when several share it (CRediT's degrees)."""

    LEAD = "lead", _("Lead")
    EQUAL = "equal", _("Equal")
    SUPPORTING = "supporting", _("Supporting")


class Consent(models.TextChoices):
    PUBLIC = "public", _("Name us")
    PRIVATE = "private", _("Count us, but do not name us")
    NONE = "none", _("No credit")


class NameOrder(models.TextChoices):
    DEGREE_ALPHABETICAL = "degree_alphabetical", _("By degree, then alphabetically")
    DEGREE_JOINED = "degree_joined", _("By degree, then by date joined")
    ALPHABETICAL = "alphabetical", _("Alphabetically")


class OutputKind(models.TextChoices):
    STATEMENT = "statement", _("Statement")
    EVENT = "event", _("Event")
    CAMPAIGN = "campaign", _("Campaign")
    REPORT = "report", _("Report")


def default_roles() -> list[str]:
    return list(CreditRole.values)


class CreditPolicy(models.Model):
    """The charter's "Sharing credit" policy as rules the acknowledgement lines follow.
    A coalition without a row has the defaults."""

    coalition = models.OneToOneField(
        Coalition, on_delete=models.CASCADE, related_name="credit_policy"
    )
    roles = models.JSONField(_("roles that earn credit"), default=default_roles)
    name_order = models.CharField(
        _("order of names"),
        max_length=30,
        choices=NameOrder.choices,
        default=NameOrder.DEGREE_ALPHABETICAL,
    )
    count_unnamed = models.BooleanField(_("count contributors who are not named"), default=True)
    minimum_degree = models.CharField(
        _("minimum degree to be credited"),
        max_length=12,
        choices=Degree.choices,
        default=Degree.SUPPORTING,
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    @property
    def role_labels(self) -> list[str]:
        return [label for value, label in CreditRole.choices if value in self.roles]


class Output(models.Model):
    """Something the coalition produced: a statement, an event, a campaign, a report."""

    coalition = models.ForeignKey(Coalition, on_delete=models.CASCADE, related_name="outputs")
    title = models.CharField(_("title"), max_length=MAX_TITLE)
    kind = models.CharField(_("kind"), max_length=12, choices=OutputKind.choices)
    date = models.DateField(_("date"))
    is_public = models.BooleanField(_("public"), default=False)
    url = models.URLField(_("web address"), max_length=MAX_URL, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["coalition", "date"])]

    def __str__(self):
        return self.title


class Contribution(models.Model):
    """One member's part in one output: a role, a degree, and how it wants credit."""

    output = models.ForeignKey(Output, on_delete=models.CASCADE, related_name="contributions")
    membership = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="contributions"
    )
    role = models.CharField(_("role"), max_length=20, choices=CreditRole.choices)
    degree = models.CharField(_("degree"), max_length=12, choices=Degree.choices)
    consent = models.CharField(
        _("credit"), max_length=10, choices=Consent.choices, default=Consent.PUBLIC
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["output", "membership", "role"], name="one_contribution_per_role"
            )
        ]
