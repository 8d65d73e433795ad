from django.conf import settings
from django.db import models


class AppendOnlyError(Exception):
    pass


class AuditEvent(models.Model):
    """One entry of the append-only, hash-chained audit log.

    It names who did what to which record and which fields; it never holds the
    protected values themselves.
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
    actor_ref = models.BigIntegerField(null=True)
    coalition_ref = models.BigIntegerField(null=True)
    action = models.CharField(max_length=40)
    object_type = models.CharField(max_length=40)
    object_id = models.CharField(max_length=40)
    fields = models.JSONField(default=list)
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["coalition", "id"])]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("Audit events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit events cannot be deleted.")


class AuditHead(models.Model):
    """A single row locked while appending, so concurrent appends form one chain."""

    last_hash = models.CharField(max_length=64)
