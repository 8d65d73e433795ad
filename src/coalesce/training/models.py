"""A facilitator's plans: a module fitted to a session's time, with local changes."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


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
    title = models.CharField(_("title"), max_length=200)
    available_minutes = models.PositiveIntegerField(_("time available (minutes)"))
    start = models.DateTimeField(_("start"), null=True, blank=True)
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
