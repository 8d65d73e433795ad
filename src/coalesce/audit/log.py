"""Appending to and verifying the hash chain."""

import hashlib
import json

from django.db import transaction
from django.utils import timezone

from coalesce.audit.models import AuditEvent, AuditHead

GENESIS = "0" * 64


def digest(previous_hash: str, event: AuditEvent) -> str:
    body = json.dumps(
        [
            previous_hash,
            event.at.isoformat(),
            event.actor_ref,
            event.coalition_ref,
            event.action,
            event.object_type,
            str(event.object_id),
            sorted(event.fields),
        ],
        separators=(",", ":"),
    )
    return hashlib.sha256(body.encode()).hexdigest()


def record(*, actor, action: str, obj, coalition=None, fields=()) -> AuditEvent:
    """Append an event: ``actor`` did ``action`` to ``obj`` touching ``fields`` (names only)."""
    with transaction.atomic():
        head, _ = AuditHead.objects.select_for_update().get_or_create(
            pk=1, defaults={"last_hash": GENESIS}
        )
        actor = actor if getattr(actor, "is_authenticated", False) else None
        event = AuditEvent(
            at=timezone.now(),
            actor=actor,
            actor_ref=actor.pk if actor else None,
            coalition=coalition,
            coalition_ref=coalition.pk if coalition else None,
            action=action,
            object_type=type(obj).__name__.lower(),
            object_id=str(obj.pk),
            fields=sorted(fields),
            previous_hash=head.last_hash,
        )
        event.hash = digest(head.last_hash, event)
        event.save()
        AuditHead.objects.filter(pk=1).update(last_hash=event.hash)
        return event


def verify_chain() -> tuple[bool, int | None]:
    """Recompute every hash; return (intact, id of the first broken event)."""
    previous = GENESIS
    for event in AuditEvent.objects.order_by("id").iterator(chunk_size=2000):
        if event.previous_hash != previous or digest(previous, event) != event.hash:
            return False, event.id
        previous = event.hash
    return True, None
