"""A facilitator's plans: a module fitted to a session's time, with local changes."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from coalesce.core.localisation import MAX_LANGUAGE, MAX_TIME_ZONE
from coalesce.training.limits import MAX_CARD, MAX_NAME, MAX_TITLE


class Plan(models.Model):
    """One session of a module as a facilitator plans it.

    ``breaks`` is a list of ``{"after_item": str, "minutes": int, "label": str}``;
    ``overrides`` maps an item id to ``{"minutes": int, "note": str, "video": str}``
    (local changes layered over the module without copying it). The agenda itself is
    never stored: it is fitted from the module each time it is shown.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="training_plans"
    )
    module_id = models.CharField(_("module"), max_length=60)
    title = models.CharField(_("title"), max_length=MAX_TITLE)
    available_minutes = models.PositiveIntegerField(_("time available (minutes)"))
    start = models.DateTimeField(_("start"), null=True, blank=True)
    # The room's zone: the plan, its run sheet and its live sessions read their times in it.
    time_zone = models.CharField(_("time zone"), max_length=MAX_TIME_ZONE, default="UTC")
    # The language the module is given in (one it has a translation in); empty: its own.
    language = models.CharField(_("language"), max_length=MAX_LANGUAGE, blank=True, default="")
    breaks = models.JSONField(_("breaks"), default=list, blank=True)
    overrides = models.JSONField(_("local changes"), default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(available_minutes__gte=1, available_minutes__lte=720),
                name="plan_available_minutes_range",
            )
        ]

    def __str__(self):
        return self.title


class LiveSession(models.Model):
    """A plan delivered to a room: join code, where the agenda stands, the quiz phase.

    Participants join with the code and no account. What they write is kept in
    ``BoardCard``, ``ActivityGroup`` and ``QuizAnswer`` rows; in an anonymous session
    none of those carries a name, and no row anywhere stores an address, a device or
    an account of a participant.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")

    class Phase(models.TextChoices):
        PRE = "pre", _("pre-test")
        POST = "post", _("post-test")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sessions")
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="training_sessions"
    )
    module_id = models.CharField(max_length=60)
    language = models.CharField(max_length=MAX_LANGUAGE, blank=True, default="")  # the plan's
    title = models.CharField(_("title"), max_length=MAX_TITLE)
    code = models.CharField(_("join code"), max_length=8, unique=True)
    anonymous = models.BooleanField(_("participants stay anonymous"), default=False)
    status = models.CharField(max_length=6, choices=Status.choices, default=Status.OPEN)
    current_item = models.CharField(max_length=60, blank=True)
    item_started_at = models.DateTimeField(null=True, blank=True)
    # Items done, in order, with the minutes each took: [{"item": id, "minutes": n}].
    progress = models.JSONField(default=list, blank=True)
    quiz_open = models.CharField(max_length=4, choices=Phase.choices, blank=True)
    started_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    coalition = models.ForeignKey(
        "coalitions.Coalition",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="training_sessions",
    )

    class Meta:
        ordering = ["-started_at", "-id"]

    def __str__(self):
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class Participant(models.Model):
    """Somebody in the room, known by a short code (and a display name unless anonymous).

    ``token_hash`` is the SHA-256 of the secret in the participant's cookie; it is
    cleared when the session closes, so nothing then links a phone to its answers.
    Paper participants are typed in by the facilitator and have no token.
    """

    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="participants")
    code = models.CharField(max_length=8)
    display_name = models.CharField(_("display name"), max_length=MAX_NAME, blank=True)
    token_hash = models.CharField(max_length=64, null=True, blank=True, unique=True)
    on_paper = models.BooleanField(default=False)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["session", "code"], name="participant_code_unique")
        ]

    def __str__(self):
        return self.display_name or self.code

    @property
    def label(self) -> str:
        return self.display_name or self.code


class BoardCard(models.Model):
    """One answer on a discussion's shared board.

    ``point`` is the index of the module's expected point the facilitator placed it
    under (None: not sorted yet). A card merged into another keeps its text but is
    shown inside the card it was merged into.
    """

    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="cards")
    item_id = models.CharField(max_length=60)
    text = models.CharField(max_length=MAX_CARD)
    author_label = models.CharField(max_length=MAX_NAME, blank=True)
    participant = models.ForeignKey(
        Participant, on_delete=models.SET_NULL, null=True, blank=True, related_name="cards"
    )
    point = models.PositiveSmallIntegerField(null=True, blank=True)
    position = models.PositiveIntegerField(default=0)
    merged_into = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="merged"
    )

    class Meta:
        ordering = ["position", "id"]
        indexes = [models.Index(fields=["session", "item_id"])]


class PointCheck(models.Model):
    """The facilitator's confirmation that the room raised one expected point."""

    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="checks")
    item_id = models.CharField(max_length=60)
    point = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["session", "item_id", "point"], name="one_check_per_point"
            )
        ]


class ActivityGroup(models.Model):
    """A small group formed at random for an activity, and what it recorded."""

    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="groups")
    item_id = models.CharField(max_length=60)
    number = models.PositiveSmallIntegerField()
    members = models.ManyToManyField(Participant, related_name="groups", blank=True)
    # The activity's record fields (e.g. "Partner type") → what the group wrote.
    record = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "item_id", "number"], name="group_number_unique"
            )
        ]


class QuizAnswer(models.Model):
    """One participant's choice for one question in the pre- or post-test (no timestamp)."""

    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="answers")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="answers")
    phase = models.CharField(max_length=4, choices=LiveSession.Phase.choices)
    question_id = models.CharField(max_length=60)
    choice = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "phase", "question_id"], name="one_answer_per_question"
            )
        ]
