"""Meetings of a coalition or a committee: venues (and each person's private marks on
them), availability polls over candidate times and venues, the chosen time and place,
and each person's secret calendar feed."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from coalesce.core.crypto import EncryptedTextField
from coalesce.meetings.limits import (
    MAX_DESCRIPTION,
    MAX_ITEM,
    MAX_MINUTE,
    MAX_TIME_ZONE,
    MAX_TITLE,
    MAX_VENUE_ADDRESS,
    MAX_VENUE_NAME,
)


class Venue(models.Model):
    coalition = models.ForeignKey(
        "coalitions.Coalition", on_delete=models.CASCADE, related_name="venues"
    )
    name = models.CharField(_("name"), max_length=MAX_VENUE_NAME)
    address = models.CharField(_("address or joining details"), max_length=MAX_VENUE_ADDRESS)
    online = models.BooleanField(_("online"), default=False)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["online", "name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"), "coalition", name="unique_venue_name_per_coalition"
            )
        ]

    def __str__(self):
        return self.name


class VenueSafety(models.Model):
    """One person's private list of the venues where they cannot safely or comfortably
    meet, encrypted at rest: only the person reads it, and the scheduler uses it without
    showing anyone who marked what (nor how many)."""

    person = models.OneToOneField(
        "coalitions.Person", on_delete=models.CASCADE, related_name="venue_safety"
    )
    venue_ids = EncryptedTextField(default="[]")  # a JSON list of venue ids
    updated_at = models.DateTimeField(auto_now=True)


class MeetingStatus(models.TextChoices):
    POLLING = "polling", _("Finding a time")
    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", _("Cancelled")


class Meeting(models.Model):
    coalition = models.ForeignKey(
        "coalitions.Coalition", on_delete=models.CASCADE, related_name="meetings"
    )
    committee = models.ForeignKey(
        "coalitions.Committee",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
    )
    title = models.CharField(_("title"), max_length=MAX_TITLE)
    description = models.TextField(_("what it is for"), max_length=MAX_DESCRIPTION, blank=True)
    status = models.CharField(
        max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.POLLING
    )
    # RFC 5545: one UID for the meeting's whole life, SEQUENCE raised on every change of
    # time, place or status, so calendar programs update the event they already hold.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0)
    time_zone = models.CharField(_("time zone"), max_length=MAX_TIME_ZONE)
    duration_minutes = models.PositiveSmallIntegerField(_("length in minutes"))
    starts_at = models.DateTimeField(null=True, blank=True, db_index=True)
    venue = models.ForeignKey(
        Venue, on_delete=models.PROTECT, null=True, blank=True, related_name="meetings"
    )
    remote_allowed = models.BooleanField(_("members may join remotely"), default=False)
    venue_private = models.BooleanField(_("show the venue only to those invited"), default=False)
    poll_closes_at = models.DateTimeField(null=True, blank=True)
    minutes_closed_at = models.DateTimeField(null=True, blank=True)
    minutes_reminded_at = models.DateTimeField(null=True, blank=True)
    candidate_venues = models.ManyToManyField(Venue, blank=True, related_name="+")
    agenda_decisions = models.ManyToManyField(
        "decisions.Proposal", blank=True, related_name="meetings"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["coalition", "status", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="scheduled") | Q(starts_at__isnull=False, venue__isnull=False),
                name="scheduled_meeting_has_time_and_venue",
            )
        ]

    def __str__(self):
        return self.title

    @property
    def ends_at(self):
        if self.starts_at is None:
            return None
        return self.starts_at + timedelta(minutes=self.duration_minutes)


class CandidateTime(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="times")
    starts_at = models.DateTimeField()

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "starts_at"], name="one_candidate_per_time")
        ]


class Availability(models.TextChoices):
    YES = "yes", _("Yes")
    IF_NEED_BE = "if_need_be", _("If need be")
    NO = "no", _("No")


class PollResponse(models.Model):
    """One person's answers to a meeting's poll, and the time zone they read it in."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="responses")
    person = models.ForeignKey(
        "coalitions.Person", on_delete=models.CASCADE, related_name="poll_responses"
    )
    time_zone = models.CharField(max_length=MAX_TIME_ZONE)
    answered_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="one_response_per_person")
        ]


class PollAnswer(models.Model):
    response = models.ForeignKey(PollResponse, on_delete=models.CASCADE, related_name="answers")
    time = models.ForeignKey(CandidateTime, on_delete=models.CASCADE, related_name="answers")
    answer = models.CharField(max_length=12, choices=Availability.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "time"], name="one_answer_per_time")
        ]


class CalendarFeed(models.Model):
    """A person's subscribable calendar of the meetings they may see: a secret address
    (only its hash is kept) that the person can reset."""

    person = models.OneToOneField(
        "coalitions.Person", on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now=True)


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(_("item"), max_length=MAX_ITEM)
    minutes = models.PositiveSmallIntegerField(_("minutes"), null=True, blank=True)

    class Meta:
        ordering = ["position", "id"]


class MinuteKind(models.TextChoices):
    NOTE = "note", _("Note")
    DECISION = "decision", _("Decision")
    ACTION = "action", _("Action")


class MinuteItem(models.Model):
    """One line of a meeting's minutes: a note, a decision taken (which becomes a decision
    record, linked to the vote if there was one) or an action (which becomes a task of a
    committee, with its due date) when the minutes are closed."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="minutes")
    position = models.PositiveIntegerField(default=0)
    kind = models.CharField(max_length=10, choices=MinuteKind.choices)
    text = models.TextField(_("text"), max_length=MAX_MINUTE)
    committee = models.ForeignKey(
        "coalitions.Committee", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    due_on = models.DateField(null=True, blank=True)
    proposal = models.ForeignKey(
        "decisions.Proposal", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    task = models.OneToOneField(
        "goals.Task", on_delete=models.SET_NULL, null=True, blank=True, related_name="minute"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "id"]


class DecisionRecord(models.Model):
    """A decision taken in a meeting, as its closed minutes record it."""

    coalition = models.ForeignKey(
        "coalitions.Coalition", on_delete=models.CASCADE, related_name="decision_records"
    )
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="decisions")
    minute = models.OneToOneField(MinuteItem, on_delete=models.PROTECT, related_name="record")
    text = models.TextField(max_length=MAX_MINUTE)
    proposal = models.ForeignKey(
        "decisions.Proposal", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-recorded_at", "-id"]


class Attendance(models.Model):
    """A member (organisation or individual) that attended a meeting, as its organisers
    recorded it once the meeting had started."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    membership = models.ForeignKey(
        "coalitions.Membership", on_delete=models.CASCADE, related_name="attended"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "membership"], name="one_attendance_per_member"
            )
        ]
        indexes = [models.Index(fields=["membership", "meeting"])]
