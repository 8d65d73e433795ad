from django.conf import settings
from django.db import models


class AppendOnlyError(Exception):
    pass


class AuditEvent(models.Model):
    """One entry of the append-only, hash-chained audit log.

    It names who did what to which record and which fields; it never holds the
    protected values themselves. ``hash`` is an HMAC-SHA256, with the key named by
    ``key_id``, over every other column but the two foreign keys (see ``audit.log``).
    """

    at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    coalition = models.ForeignKey(
        "coalitions.Coalition", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # Plain copies of the ids, hashed into the chain: the foreign keys above become
    # null when a user or coalition is deleted, and the chain must still verify.
    # Verification checks each foreign key against its copy instead.
    actor_ref = models.BigIntegerField(null=True)
    coalition_ref = models.BigIntegerField(null=True)
    action = models.CharField(max_length=40)
    object_type = models.CharField(max_length=40)
    object_id = models.CharField(max_length=40)
    fields = models.JSONField(default=list)
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)
    # Empty only for events of a chain the upgrade to keyed hashes found broken.
    key_id = models.CharField(max_length=16, default="")

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["coalition", "id"])]

    def save(self, *args, **kwargs):
        # New events are inserted by audit.log.append alone: it gives them their ids
        # (hashed, so known before the insert) and their place in the chain.
        if self.pk is not None:
            raise AppendOnlyError("Audit events cannot be changed.")
        raise AppendOnlyError("Audit events are appended with coalesce.audit.log.record.")

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit events cannot be deleted.")


class AuditHead(models.Model):
    """A single row locked while appending, so concurrent appends form one chain; it names
    the chain's last event, so deleting the newest events is detected."""

    last_id = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64)
