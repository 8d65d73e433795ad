"""Joint statements: a versioned draft with comments, a locked text (its SHA-256)
approved under a decision rule, and each member organisation's signature with how it
consented to be shown."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from coalesce.statements.limits import DEFAULT_COMMENT_DAYS, MAX_COMMENT, MAX_TEXT, MAX_TITLE


class StatementStatus(models.TextChoices):
    DRAFT = "draft", _("Draft, open for comments")
    APPROVAL = "approval", _("Locked, waiting for approval")
    SIGNING = "signing", _("Approved, open for signature")
    PUBLISHED = "published", _("Published")


class SignatureMode(models.TextChoices):
    NAMED = "named", _("Named")
    LOGO = "logo", _("Named, with our logo")
    ALIAS = "alias", _("Under our alias")
    UNNAMED = "unnamed", _("Counted, but not named")


class Statement(models.Model):
    coalition = models.ForeignKey(
        "coalitions.Coalition", on_delete=models.CASCADE, related_name="statements"
    )
    title = models.CharField(_("title"), max_length=MAX_TITLE)
    status = models.CharField(
        max_length=10, choices=StatementStatus.choices, default=StatementStatus.DRAFT
    )
    comment_days = models.PositiveSmallIntegerField(
        _("comment window (working days)"), default=DEFAULT_COMMENT_DAYS
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # The text sent for approval (and signed once approved), and its SHA-256.
    locked_version = models.ForeignKey(
        "StatementVersion", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    locked_hash = models.CharField(max_length=64, blank=True)
    # The decision that approves (or approved) the locked text.
    proposal = models.ForeignKey(
        "decisions.Proposal",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="statements",
    )
    published_at = models.DateTimeField(null=True, blank=True)
    # Published, it is one of the coalition's outputs: members' contributions are
    # recorded against it, and its acknowledgement line is shown under it.
    output = models.OneToOneField(
        "credit.Output",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="statement",
    )

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.title


class StatementVersion(models.Model):
    """One version of the text: every edit of the draft adds one."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    text = models.TextField(_("text"), max_length=MAX_TEXT)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["statement", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["statement", "number"], name="one_statement_version")
        ]


class StatementComment(models.Model):
    version = models.ForeignKey(StatementVersion, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField(_("comment"), max_length=MAX_COMMENT)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]


class Signature(models.Model):
    """A member's consent to the text whose SHA-256 is ``text_hash``: it counts (and is
    shown as ``mode`` says) only while that is the statement's locked text."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="signatures")
    membership = models.ForeignKey(
        "coalitions.Membership", on_delete=models.CASCADE, related_name="+"
    )
    mode = models.CharField(max_length=10, choices=SignatureMode.choices)
    text_hash = models.CharField(max_length=64)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    signed_at = models.DateTimeField()

    class Meta:
        ordering = ["signed_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["statement", "membership"], name="one_signature_per_member"
            )
        ]


class SignatoryLogo(models.Model):
    """The logo a member shows beside its name where it signs "named, with our logo":
    a PNG re-encoded by ``statements.logos.clean_logo``."""

    membership = models.OneToOneField(
        "coalitions.Membership", on_delete=models.CASCADE, related_name="signatory_logo"
    )
    png = models.BinaryField()
    width = models.PositiveSmallIntegerField()
    height = models.PositiveSmallIntegerField()
    updated_at = models.DateTimeField(auto_now=True)
