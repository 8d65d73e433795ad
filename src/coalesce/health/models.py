"""Health-check waves and their anonymous answers.

Anonymous by construction: a ``Participation`` says *that* a person answered a wave (so
nobody answers twice) and has no time; a ``Response`` and its ``Answer`` rows say *what*
was answered, with the coarse groups the answer is counted in (steering committee or
not, the organisation's size) and nothing else: random UUID keys, no time, no person,
membership or account. Nothing links the two — not even the order or transaction in
which rows were written: an answer is first *sealed* in its wave's pool and released in
shuffled batches (``health.mix``).
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coalesce.coalitions.models import Coalition, Person
from coalesce.core.crypto import EncryptedTextField
from coalesce.decisions.models import Conflict
from coalesce.goals.models import Task
from coalesce.health.limits import MAX_ITEM_KEY, MAX_SCORE, MAX_TITLE, MIN_SCORE


class Size(models.TextChoices):
    SMALL = "small", _("Small: up to 10 staff")
    LARGE = "large", _("Large: more than 10 staff")
    UNSTATED = "unstated", _("Prefer not to say")


class Wave(models.Model):
    coalition = models.ForeignKey(Coalition, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=MAX_TITLE)
    opened_on = models.DateField()
    closes_on = models.DateField()
    closed_on = models.DateField(null=True, blank=True)  # closed early
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-opened_on", "-pk"]

    @property
    def is_open(self) -> bool:
        return self.closed_on is None and timezone.localdate() <= self.closes_on

    @property
    def ended_on(self):
        return self.closed_on or self.closes_on


class Participation(models.Model):
    """That ``person`` answered ``wave``: nothing of what, nor when."""

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="participations")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["wave", "person"], name="health_one_answer_each")
        ]


class Response(models.Model):
    """One anonymous answer to a wave: its groups and, in ``answers``, its scores."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="responses")
    is_steering = models.BooleanField()
    size = models.CharField(max_length=10, choices=Size.choices)


class Answer(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    item = models.CharField(max_length=MAX_ITEM_KEY)
    score = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "item"], name="health_one_score_each"),
            models.CheckConstraint(
                condition=models.Q(score__gte=MIN_SCORE, score__lte=MAX_SCORE),
                name="health_score_in_range",
            ),
        ]


class ConcernKind(models.TextChoices):
    CONFLICT = "conflict", _("Open a conflict-register item")
    TASK = "task", _("Make it a task")


class Concern(models.Model):
    """A theme of concern in a wave that the steering committee acted on."""

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="concerns")
    theme = models.CharField(max_length=MAX_ITEM_KEY)
    conflict = models.ForeignKey(Conflict, on_delete=models.SET_NULL, null=True, related_name="+")
    task = models.ForeignKey(Task, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["wave", "theme"], name="health_one_concern_each")
        ]


class SealedResponse(models.Model):
    """An answer waiting in its wave's pool (``health.mix``) to be released as a
    ``Response``: written in the transaction that records the ``Participation``, readable
    only with the keys kept outside the database, every one the same length."""

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="sealed_responses")
    sealed = EncryptedTextField()
