"""The audit chain becomes keyed (HMAC-SHA256, see ``coalesce.audit.log``) and its head
names the last event's id too.

An existing chain is verified with the old, unkeyed scheme first; if it is intact it is
hashed again with the newest encryption key. If it is broken it is left as it was, so
``coalesce verify_audit`` reports where.
"""

from django.db import migrations, models

GENESIS = "0" * 64


def rehash(apps, schema_editor):
    from coalesce.audit import keys, log

    Event = apps.get_model("audit", "AuditEvent")
    Head = apps.get_model("audit", "AuditHead")
    head, _ = Head.objects.get_or_create(pk=1, defaults={"last_hash": GENESIS, "last_id": 0})
    events = list(Event.objects.order_by("id"))
    if not events:
        Head.objects.filter(pk=head.pk).update(last_id=0)
        return
    previous, broken = GENESIS, None
    for event in events:
        if event.previous_hash != previous or log.unkeyed_digest(previous, event) != event.hash:
            broken = event.id
            break
        previous = event.hash
    if broken is None and previous != head.last_hash:
        broken = events[-1].id  # the newest events were deleted, or the head changed
    if broken is not None:
        # The head's event, or — if it is gone — one after the last, so verification
        # reports events missing after it.
        named = next((e.id for e in events if e.hash == head.last_hash), events[-1].id + 1)
        Head.objects.filter(pk=head.pk).update(last_id=named)
        print(
            f"\n  The audit chain did not verify before the upgrade (at event {broken}): "
            "it was left unkeyed; `coalesce verify_audit` reports it."
        )
        return
    key_id, key = keys.signing_key()
    previous = GENESIS
    for event in events:
        event.key_id, event.previous_hash = key_id, previous
        event.hash = previous = log.digest(key, previous, event)
    Event.objects.bulk_update(events, ["key_id", "previous_hash", "hash"], batch_size=500)
    Head.objects.filter(pk=head.pk).update(last_id=events[-1].id, last_hash=previous)


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_chain_refs")]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="key_id",
            field=models.CharField(default="", max_length=16),
        ),
        migrations.AddField(
            model_name="audithead",
            name="last_id",
            field=models.BigIntegerField(default=0),
        ),
        migrations.RunPython(rehash, migrations.RunPython.noop),
    ]
