"""Goals (PRODUCT.md C8): the coalition's shared values, its goals with indicators whose
actuals change only through approved updates, and the tasks that carry the work.

No name is stored: an update points at the author's and the approver's memberships, and
whoever reads it sees the name (or alias) the visibility rules give them at that moment.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from coalesce.coalitions.models import Coalition, Committee, Membership
from coalesce.goals.limits import (
    DECIMAL_PLACES,
    MAX_DESCRIPTION,
    MAX_DIGITS,
    MAX_NAME,
    MAX_NOTE,
    MAX_ORIGIN,
    MAX_TITLE,
    MAX_UNIT,
    MAX_VALUE,
)


class Horizon(models.TextChoices):
    SHORT = "short", _("Short-term")
    LONG = "long", _("Long-term")


class GoalStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    ACHIEVED = "achieved", _("Achieved")
    DROPPED = "dropped", _("Dropped")


class MeasureKind(models.TextChoices):
    NUMBER = "number", _("Number")
    PERCENTAGE = "percentage", _("Percentage")


class UpdateStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PENDING = "pending", _("Pending approval")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned")


class TaskStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


def _measure(label):
    return models.DecimalField(
        label, max_digits=MAX_DIGITS, decimal_places=DECIMAL_PLACES, null=True, blank=True
    )


def _user():
    return models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )


def _membership():
    return models.ForeignKey(
        Membership, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )


class SharedValue(models.Model):
    coalition = models.ForeignKey(Coalition, on_delete=models.CASCADE, related_name="shared_values")
    text = models.CharField(_("value"), max_length=MAX_VALUE)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]


class Goal(models.Model):
    coalition = models.ForeignKey(Coalition, on_delete=models.CASCADE, related_name="goals")
    title = models.CharField(_("title"), max_length=MAX_TITLE)
    description = models.TextField(_("description"), max_length=MAX_DESCRIPTION, blank=True)
    horizon = models.CharField(_("horizon"), max_length=10, choices=Horizon.choices)
    committee = models.ForeignKey(
        Committee, on_delete=models.SET_NULL, null=True, blank=True, related_name="goals"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=GoalStatus.choices, default=GoalStatus.ACTIVE
    )
    position = models.PositiveIntegerField(default=0)
    created_by = _user()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return self.title


class Indicator(models.Model):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("name"), max_length=MAX_NAME)
    kind = models.CharField(_("measure"), max_length=12, choices=MeasureKind.choices)
    unit = models.CharField(_("unit"), max_length=MAX_UNIT, blank=True)
    weight = models.PositiveIntegerField(_("weight"), default=1)
    baseline_value = _measure(_("baseline"))
    baseline_numerator = _measure(_("baseline numerator"))
    baseline_denominator = _measure(_("baseline denominator"))

    class Meta:
        ordering = ["id"]


class Period(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="periods")
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    target_value = _measure(_("target"))
    target_numerator = _measure(_("target numerator"))
    target_denominator = _measure(_("target denominator"))

    class Meta:
        ordering = ["starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="period_ends_after"
            )
        ]


class IndicatorUpdate(models.Model):
    """An actual for one period: drafted, submitted, then approved or returned by
    someone else. Only approved updates count."""

    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="updates")
    value = _measure(_("value"))
    numerator = _measure(_("numerator"))
    denominator = _measure(_("denominator"))
    note = models.TextField(_("note"), max_length=MAX_NOTE, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=UpdateStatus.choices, default=UpdateStatus.DRAFT
    )
    drafted_by = _user()
    drafted_membership = _membership()
    drafted_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_by = _user()
    decided_membership = _membership()
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(_("note"), max_length=MAX_NOTE, blank=True)

    class Meta:
        ordering = ["id"]


class Task(models.Model):
    coalition = models.ForeignKey(Coalition, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(_("title"), max_length=MAX_TITLE)
    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="tasks")
    due_on = models.DateField(_("due on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=TaskStatus.choices, default=TaskStatus.OPEN
    )
    goal = models.ForeignKey(
        Goal, on_delete=models.SET_NULL, null=True, blank=True, related_name="tasks"
    )
    proposal = models.ForeignKey(
        "decisions.Proposal", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    origin_note = models.CharField(_("origin"), max_length=MAX_ORIGIN, blank=True)
    # The member (organisation or individual) doing it, if one is named; when it was done
    # (set by the service when the status becomes done, cleared otherwise).
    assignee = models.ForeignKey(
        Membership,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_tasks",
        verbose_name=_("assigned to"),
    )
    done_at = models.DateTimeField(null=True, blank=True)
    created_by = _user()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["assignee", "done_at"])]

    def __str__(self):
        return self.title
