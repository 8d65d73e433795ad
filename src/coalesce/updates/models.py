"""Updates: news from leadership, a committee or (where the coalition allows) any member,
to the whole coalition or one committee, with honest read tracking.

Who read what is kept per recipient in ``Receipt`` — one row per person of the audience
when the update is posted (or when someone who joined later first marks it read). A
digest of "what a member has not seen" is the updates they may see without a receipt of
theirs whose ``opened_at`` is set. No name is stored as a label: authors, repliers and
readers are shown from their membership as it is when read.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from coalesce.coalitions.models import Coalition, Committee, Membership, Person
from coalesce.updates.limits import MAX_BODY, MAX_REPLY, MAX_TITLE


class UpdateSettings(models.Model):
    """A coalition's choices about updates, kept by its steering committee."""

    coalition = models.OneToOneField(
        Coalition, on_delete=models.CASCADE, related_name="update_settings"
    )
    members_may_post = models.BooleanField(
        _("any active member may post an update to the whole coalition"), default=False
    )


class ReaderPreference(models.Model):
    """A person's choice to be counted but never named in who read or acknowledged."""

    person = models.OneToOneField(
        Person, on_delete=models.CASCADE, related_name="reader_preference"
    )
    counted_not_named = models.BooleanField(_("count me, but do not name me"), default=False)


class Update(models.Model):
    coalition = models.ForeignKey(Coalition, on_delete=models.CASCADE, related_name="updates")
    # None: the whole coalition; otherwise that committee (and the steering committee).
    committee = models.ForeignKey(
        Committee, on_delete=models.CASCADE, null=True, blank=True, related_name="updates"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # The membership the author posted as (None for coalition staff without one).
    author_membership = models.ForeignKey(
        Membership, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    title = models.CharField(_("title"), max_length=MAX_TITLE)
    body = models.TextField(_("text"), max_length=MAX_BODY)
    asks_acknowledgement = models.BooleanField(_("ask readers to acknowledge it"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["coalition", "-created_at"])]

    def __str__(self):
        return self.title


class Receipt(models.Model):
    """What one recipient did with one update: e-mailed (delivered), opened in the app,
    acknowledged. ``token_hash`` is the hash of the single-use acknowledgement link in
    the e-mail (only for updates that ask for acknowledgement)."""

    update = models.ForeignKey(Update, on_delete=models.CASCADE, related_name="receipts")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    delivered_at = models.DateTimeField(null=True, blank=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    token_hash = models.CharField(max_length=64, blank=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["update", "person"], name="one_receipt_per_person")
        ]
        indexes = [models.Index(fields=["person", "opened_at"])]


class Reply(models.Model):
    update = models.ForeignKey(Update, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    author_membership = models.ForeignKey(
        Membership, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    body = models.TextField(_("reply"), max_length=MAX_REPLY)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
