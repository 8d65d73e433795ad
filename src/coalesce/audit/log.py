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
    return record_many(
        actor=actor, action=action, objects=[obj], coalition=coalition, fields=fields
    )[0]


def record_many(*, actor, action: str, objects, coalition=None, fields=()) -> list[AuditEvent]:
    """Append one event per object of ``objects`` (the same action and fields), in a few
    queries whatever their number: for reads of many records at once, such as an export."""
    with transaction.atomic():
        head, _ = AuditHead.objects.select_for_update().get_or_create(
            pk=1, defaults={"last_hash": GENESIS}
        )
        actor = actor if getattr(actor, "is_authenticated", False) else None
        previous, events, now = head.last_hash, [], timezone.now()
        for obj in objects:
            event = AuditEvent(
                at=now,
                actor=actor,
                actor_ref=actor.pk if actor else None,
                coalition=coalition,
                coalition_ref=coalition.pk if coalition else None,
                action=action,
                object_type=type(obj).__name__.lower(),
                object_id=str(obj.pk),
                fields=sorted(fields),
                previous_hash=previous,
            )
            event.hash = previous = digest(previous, event)
            events.append(event)
        if len(events) == 1:
            events[0].save()
        else:
            AuditEvent.objects.bulk_create(events, batch_size=500)
        AuditHead.objects.filter(pk=1).update(last_hash=previous)
        return events


def verify_chain() -> tuple[bool, int | None]:
    """Recompute every hash; return (intact, id of the first broken event)."""
    previous = GENESIS
    for event in AuditEvent.objects.order_by("id").iterator(chunk_size=2000):
        if event.previous_hash != previous or digest(previous, event) != event.hash:
            return False, event.id
        previous = event.hash
    return True, None
