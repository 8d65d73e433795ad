"""Decision rules per category, proposals, ballots (open and secret), and conflicts."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from coalesce.core.crypto import EncryptedTextField


class Method(models.TextChoices):
    SIMPLE_MAJORITY = "simple_majority", _("Simple majority")
    QUALIFIED_MAJORITY = "qualified_majority", _("Qualified majority")
    CONSENSUS = "consensus", _("Consensus (agree, abstain, stand aside, block)")
    CONSENT = "consent", _("Consent (adopted unless there is a reasoned objection)")


class Electorate(models.TextChoices):
    STEERING = "steering", _("The steering committee")
    COMMITTEE = "committee", _("A named committee")
    ALL_MEMBERS = "all_members", _("All active members")


class VoteUnit(models.TextChoices):
    MEMBER = "member", _("One vote per member organisation (or individual member)")
    PERSON = "person", _("One vote per person")


class Position(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    ABSTAIN = "abstain", _("Abstain")
    AGREE = "agree", _("Agree")
    STAND_ASIDE = "stand_aside", _("Stand aside")
    BLOCK = "block", _("Block")
    CONSENT = "consent", _("Consent")
    OBJECT = "object", _("Object")


class Category(models.Model):
    """A kind of issue the coalition decides ("joint statements", "budget"…)."""

    CHARTER_SLUG = "charter"

    coalition = models.ForeignKey(
        "coalitions.Coalition", on_delete=models.CASCADE, related_name="decision_categories"
    )
    slug = models.SlugField(max_length=60)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), max_length=2000, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["coalition", "slug"], name="unique_category_slug")
        ]

    def __str__(self):
        return self.name


class Rule(models.Model):
    """One version of a category's decision rule. Rules are never edited: a change adds a
    version (through a decision in the charter category), and a proposal keeps the
    version that was in force when it opened."""

    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="rules")
    version = models.PositiveIntegerField()
    method = models.CharField(max_length=30, choices=Method.choices)
    threshold_numerator = models.PositiveSmallIntegerField(default=1)
    threshold_denominator = models.PositiveSmallIntegerField(default=2)
    electorate = models.CharField(max_length=20, choices=Electorate.choices)
    committee = models.ForeignKey(
        "coalitions.Committee", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    vote_unit = models.CharField(max_length=10, choices=VoteUnit.choices, default=VoteUnit.MEMBER)
    quorum_percent = models.PositiveSmallIntegerField(default=50)
    window_hours = models.PositiveIntegerField(default=168)
    abstentions_count_for_quorum = models.BooleanField(default=True)
    secret = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    adopted_by = models.ForeignKey(
        "Proposal", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["category", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["category", "version"], name="one_rule_per_version"),
            models.CheckConstraint(
                condition=Q(quorum_percent__lte=100), name="quorum_is_a_percentage"
            ),
            models.CheckConstraint(
                condition=Q(threshold_denominator__gt=0)
                & Q(threshold_numerator__lte=models.F("threshold_denominator")),
                name="threshold_is_a_fraction",
            ),
        ]


class ProposalStatus(models.TextChoices):
    DRAFT = "draft", _("Draft, open for discussion")
    OPEN = "open", _("Open for decision")
    CLOSED = "closed", _("Closed")


class Outcome(models.TextChoices):
    ADOPTED = "adopted", _("Adopted")
    NOT_ADOPTED = "not_adopted", _("Not adopted")
    NO_QUORUM = "no_quorum", _("No quorum")


class Proposal(models.Model):
    coalition = models.ForeignKey(
        "coalitions.Coalition", on_delete=models.CASCADE, related_name="proposals"
    )
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="proposals")
    rule = models.ForeignKey(
        Rule, on_delete=models.PROTECT, null=True, blank=True, related_name="proposals"
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), max_length=20000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    status = models.CharField(
        max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.DRAFT
    )
    created_at = models.DateTimeField(auto_now_add=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    closes_at = models.DateTimeField(null=True, blank=True, db_index=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    result = models.JSONField(default=dict, blank=True)
    conflict = models.ForeignKey(
        "Conflict", on_delete=models.SET_NULL, null=True, blank=True, related_name="proposals"
    )
    # A proposal in the charter category may change another category's rule.
    rule_change_category = models.ForeignKey(
        Category, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    rule_change = models.JSONField(default=dict, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["coalition", "status", "-created_at"]),
            # The list's most recently closed decisions, read in order (no sort of all).
            models.Index(fields=["coalition", "status", "-closed_at"]),
            # Newest first over every status (the API's list): read in order, so only the
            # page's rows get their participation counted, not every proposal's.
            models.Index(fields=["coalition", "-created_at"]),
        ]


class Comment(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # No signature is stored: it is worked out when read (selectors.label_comments), from
    # the author's membership as it is then.
    body = models.TextField(max_length=10000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]


class Elector(models.Model):
    """One voice in a proposal's electorate, fixed when the proposal opens.

    ``key`` is "m<membership id>" for one vote per member or "p<person id>" for one per
    person. For a secret ballot, ``has_voted`` is all that is kept about the voter.
    """

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="electors")
    key = models.CharField(max_length=24)
    membership = models.ForeignKey(
        "coalitions.Membership", on_delete=models.CASCADE, related_name="+"
    )
    person = models.ForeignKey(
        "coalitions.Person", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    has_voted = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["proposal", "key"], name="one_elector_per_key")
        ]
        # Counting who voted in a secret ballot from the index alone.
        indexes = [models.Index(fields=["proposal", "has_voted"])]


class Ballot(models.Model):
    """An open ballot: who holds which position (changeable until the window closes)."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="ballots")
    elector = models.OneToOneField(Elector, on_delete=models.CASCADE, related_name="ballot")
    position = models.CharField(max_length=20, choices=Position.choices)
    reason = models.TextField(max_length=4000, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["proposal", "position"])]


class SecretBallot(models.Model):
    """A secret ballot: a choice and the hash of its receipt code, nothing else.

    No voter, no timestamp, a random id: nothing links it to the elector who cast it.
    Rows arrive from the mix (``decisions.mix``) in shuffled batches of at least
    ``mix.BATCH``, never one per vote. On SQLite the table is ``WITHOUT ROWID`` (rows
    kept in the order of their random id, no hidden insertion counter): Django rebuilds
    a table it alters on SQLite without that clause, so a migration that alters this
    model must end with ``sqlite_tables.without_rowid`` (tests/decisions/test_ballot_unlinkable.py
    fails otherwise).
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="secret_ballots")
    position = models.CharField(max_length=20, choices=Position.choices)
    # The reason a block or objection must carry; shown, unattributed, once closed.
    reason = models.TextField(max_length=4000, blank=True)
    receipt_hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["receipt_hash"]
        indexes = [models.Index(fields=["proposal", "position"])]
        constraints = [
            # Per proposal, so that a cast can check its new receipt against everything
            # its release could meet (this proposal's released and sealed ballots).
            models.UniqueConstraint(
                fields=["proposal", "receipt_hash"], name="one_receipt_per_proposal"
            )
        ]


class SealedBallot(models.Model):
    """A secret ballot waiting in the mix (``decisions.mix``) to be released.

    Written in the transaction that marks its elector as having voted, so it is durable
    before the receipt is shown; that is why it holds nothing readable: its position,
    reason and receipt hash are encrypted together with the keys kept outside the
    database, padded first to one length per method, so not even the size of a
    ciphertext says which choice it holds.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="sealed_ballots")
    sealed = EncryptedTextField()


class ConflictStatus(models.TextChoices):
    RAISED = "raised", _("Raised")
    IN_PROGRESS = "in_progress", _("Being worked on")
    IN_MEDIATION = "in_mediation", _("In mediation")
    RESOLVED = "resolved", _("Resolved")
    CLOSED = "closed", _("Closed without resolution")


class Conflict(models.Model):
    """An internal issue raised by a member, openly or anonymously (C5)."""

    coalition = models.ForeignKey(
        "coalitions.Coalition", on_delete=models.CASCADE, related_name="conflicts"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=10000)
    # Null when raised anonymously: who raised it is then not stored at all.
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    mediator = models.CharField(_("outside mediator"), max_length=200, blank=True)
    status = models.CharField(
        max_length=20, choices=ConflictStatus.choices, default=ConflictStatus.RAISED
    )
    outcome = models.TextField(_("outcome"), max_length=10000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["coalition", "status"])]


class Notification(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    coalition = models.ForeignKey(
        "coalitions.Coalition", on_delete=models.CASCADE, related_name="+"
    )
    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    text = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["user", "read_at"])]
