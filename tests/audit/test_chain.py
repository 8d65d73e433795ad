"""The audit log's keyed hash chain: every stored column is covered (the foreign keys by
their hashed copies), the chain ends at its head, it cannot be recomputed without the
key, and it survives key rotation; ``verify_audit`` names the first broken event."""

import hashlib
import importlib
import io
import json
from datetime import timedelta

import pytest
from cryptography.fernet import Fernet
from django.apps import apps
from django.core.management import CommandError, call_command
from django.test import override_settings

from coalesce.audit import keys, log
from coalesce.audit.models import AuditEvent, AuditHead
from tests.conftest import FAST_HASHER
from tests.support import factories as f


@pytest.fixture
def chain(db):
    """Five events by two users in two coalitions; the users and coalitions are kept."""
    with override_settings(PASSWORD_HASHERS=[FAST_HASHER]):
        users = [f.make_user(), f.make_user()]
    coalitions = [f.make_coalition(users[0]), f.make_coalition(users[1])]
    membership = f.make_member(coalitions[0], name="Chained Organisation")
    for n in range(5):
        log.record(
            actor=users[n % 2],
            action=f"action.{n}",
            obj=membership,
            coalition=coalitions[n % 2],
            fields=["contact_email"],
        )
    return {"users": users, "coalitions": coalitions, "events": list(AuditEvent.objects.all())}


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def verify(*args) -> str:
    """What ``verify_audit`` says; CommandError if the chain does not verify."""
    return run("verify_audit", *args)


def broken(*args) -> str:
    with pytest.raises(CommandError) as refused:
        verify(*args)
    return str(refused.value)


def test_an_intact_chain_verifies_up_to_its_head(chain):
    last = chain["events"][-1]
    assert log.check().intact and log.verify_chain() == (True, None)
    assert f"The audit chain is intact. 5 events, head {last.id}:{last.hash}" in verify()
    assert {e.key_id for e in chain["events"]} == {keys.signing_key()[0]}
    # Deleting a user or coalition nulls the foreign key: still intact.
    chain["users"][1].delete()
    assert log.verify_chain() == (True, None)


def test_deleting_the_newest_event_is_detected(chain):
    *kept, newest = chain["events"]
    AuditEvent.objects.filter(pk=newest.pk).delete()
    verdict = log.check()
    assert (verdict.intact, verdict.event_id, verdict.kind) == (False, kept[-1].id, "missing")
    assert f"broken at event {kept[-1].id}: missing events after id {kept[-1].id}" in broken()


def test_deleting_every_event_is_detected(chain):
    AuditEvent.objects.all().delete()
    assert log.check().kind == "missing"
    assert "missing events after id 0" in broken()


def test_a_changed_actor_id_is_detected(chain):
    event = chain["events"][2]
    other = chain["users"][1] if event.actor_ref == chain["users"][0].pk else chain["users"][0]
    AuditEvent.objects.filter(pk=event.pk).update(actor=other)
    assert log.verify_chain() == (False, event.id)
    assert f"broken at event {event.id}: actor changed" in broken()


def test_an_actor_id_cleared_while_the_user_exists_is_detected(chain):
    event = chain["events"][1]
    AuditEvent.objects.filter(pk=event.pk).update(actor=None)
    assert log.check().kind == "actor"
    assert f"broken at event {event.id}: actor removed" in broken()


def test_a_changed_coalition_id_is_detected(chain):
    event = chain["events"][3]
    first, second = chain["coalitions"]
    other = second if event.coalition_ref == first.pk else first
    AuditEvent.objects.filter(pk=event.pk).update(coalition=other)
    assert log.verify_chain() == (False, event.id)
    assert f"broken at event {event.id}: coalition changed" in broken()


@pytest.mark.parametrize(
    "change",
    [
        {"action": "membership.nothing"},
        {"object_type": "coalition"},
        {"object_id": "999"},
        {"fields": []},
        {"fields": ["contact_email", "contact_phone"]},
        {"actor_ref": None, "actor": None},
        {"coalition_ref": None, "coalition": None},
        {"key_id": "0" * 16},
        "at",
    ],
    ids=repr,
)
def test_a_changed_column_is_detected_at_its_event(chain, change):
    event = chain["events"][2]
    if change == "at":
        change = {"at": event.at - timedelta(microseconds=1)}
    AuditEvent.objects.filter(pk=event.pk).update(**change)
    verdict = log.check()
    assert (verdict.intact, verdict.event_id) == (False, event.id), verdict
    assert f"broken at event {event.id}" in broken()


def sha256_only(previous, event):
    body = json.dumps([previous, event.key_id, event.id, event.action, event.fields])
    return hashlib.sha256(body.encode()).hexdigest()


WRONG_KEY_ID, WRONG_KEY = keys.derive(Fernet.generate_key().decode())


@pytest.mark.parametrize(
    "forgery",
    [
        "sha256",  # a plain hash where the HMAC should be
        "unkeyed",  # the old unkeyed scheme, marked as such
        "hmac, wrong key",  # the right key id, another key
        "hmac, own key",  # another key and its id
    ],
)
def test_an_event_rewritten_and_the_rest_recomputed_without_the_key_is_detected(chain, forgery):
    events = chain["events"]
    target = events[2]
    previous = events[1].hash
    for event in events[2:]:
        if event.pk == target.pk:
            event.action = "membership.forged"
        if forgery == "unkeyed":
            event.key_id = ""
        if forgery == "hmac, own key":
            event.key_id = WRONG_KEY_ID
        event.previous_hash = previous
        if forgery == "sha256":
            event.hash = sha256_only(previous, event)
        elif forgery == "unkeyed":
            event.hash = log.unkeyed_digest(previous, event)
        else:
            event.hash = log.digest(WRONG_KEY, previous, event)
        previous = event.hash
        AuditEvent.objects.filter(pk=event.pk).update(
            action=event.action,
            key_id=event.key_id,
            previous_hash=event.previous_hash,
            hash=event.hash,
        )
    AuditHead.objects.filter(pk=1).update(last_hash=previous)  # the head too
    verdict = log.check()
    assert (verdict.intact, verdict.event_id) == (False, target.id), verdict
    assert not verdict.unverifiable
    assert f"broken at event {target.id}" in broken()


def test_an_event_inserted_after_the_head_is_detected(chain):
    last = chain["events"][-1]
    AuditHead.objects.filter(pk=1).update(last_id=last.id - 1, last_hash=chain["events"][-2].hash)
    verdict = log.check()
    assert (verdict.event_id, verdict.kind) == (last.id, "after_head")


def test_other_keys_cannot_verify_the_chain_and_say_so(chain):
    with override_settings(COALESCE_ENCRYPTION_KEYS=[Fernet.generate_key().decode()]):
        verdict = log.check()
        said = broken()
    assert verdict.unverifiable and verdict.event_id == chain["events"][0].id
    assert "cannot be verified with these keys" in said
    assert "COALESCE_ENCRYPTION_KEYS" in said


def test_audit_head_prints_the_head_kept_elsewhere(chain):
    last = chain["events"][-1]
    assert run("audit_head").strip() == f"{last.id}:{last.hash}"
    assert log.parse_head(log.head()) == (last.id, last.hash)


def test_verify_audit_checks_a_head_kept_elsewhere(chain):
    events = chain["events"]
    kept = log.head()
    assert "holds the head kept elsewhere" in verify("--head", kept)
    assert "intact" in verify("--head", f"0:{log.GENESIS}")  # kept before the first event
    assert "not that of an empty chain" in broken("--head", f"0:{'ab' * 32}")
    # Newest events deleted and the head set back to what remains: the chain verifies
    # on its own, but not against the head kept elsewhere.
    AuditEvent.objects.filter(pk__in=[events[-1].pk, events[-2].pk]).delete()
    AuditHead.objects.filter(pk=1).update(last_id=events[-3].id, last_hash=events[-3].hash)
    assert "intact" in verify()
    said = broken("--head", kept)
    assert f"broken at event {events[-3].id}: missing events after id {events[-3].id}" in said
    assert "head kept elsewhere" in said
    # A kept head whose hash is not the event's.
    said = broken("--head", f"{events[1].id}:{'ab' * 32}")
    assert f"broken at event {events[1].id}: it does not match the head kept elsewhere" in said
    assert "ID:HASH" in broken("--head", "nonsense")


def test_rotating_keys_keeps_the_chain_verifiable_and_retiring_rekeys_it(key_file, chain):
    old_id = keys.signing_key()[0]
    assert {e.key_id for e in AuditEvent.objects.all()} == {old_id}
    run("rotate_keys")
    new_id = keys.signing_key()[0]
    assert new_id != old_id
    log.record(actor=None, action="after.rotation", obj=chain["coalitions"][0])
    assert [e.key_id for e in AuditEvent.objects.order_by("id")] == [old_id] * 5 + [new_id]
    assert log.verify_chain() == (True, None)

    head_before = log.head()
    said = run("rotate_keys", "--retire")
    newest = keys.signing_key()[0]
    assert len(key_file.read_text().split()) == 1
    assert {e.key_id for e in AuditEvent.objects.all()} == {newest}
    assert log.verify_chain() == (True, None)
    assert log.head() != head_before and f"head is now {log.head()}" in said
    assert "Re-keyed 6 audit events" in said


def test_retiring_keys_refuses_to_rekey_a_broken_chain(key_file, chain):
    event = chain["events"][1]
    AuditEvent.objects.filter(pk=event.pk).update(action="changed")
    with pytest.raises(CommandError) as refused:
        run("rotate_keys", "--retire")
    assert f"broken at event {event.id}" in str(refused.value)
    assert "old keys were kept" in str(refused.value)
    assert len(key_file.read_text().split()) == 2  # the new one and the old one
    assert AuditEvent.objects.get(pk=chain["events"][0].pk).hash == chain["events"][0].hash
    assert log.verify_chain() == (False, event.id)


# --- the upgrade from the unkeyed chain ----------------------------------------------


def unkeyed_chain(chain):
    """Rewrite the chain as it was before it was keyed (migration 0003)."""
    previous = log.GENESIS
    for event in AuditEvent.objects.order_by("id"):
        event.previous_hash, event.key_id = previous, ""
        event.hash = previous = log.unkeyed_digest(previous, event)
        AuditEvent.objects.filter(pk=event.pk).update(
            previous_hash=event.previous_hash, key_id="", hash=event.hash
        )
    AuditHead.objects.filter(pk=1).update(last_id=0, last_hash=previous)


def upgrade():
    migration = importlib.import_module("coalesce.audit.migrations.0004_keyed_chain")
    migration.rehash(apps, None)


def test_the_upgrade_rekeys_an_intact_unkeyed_chain(chain):
    unkeyed_chain(chain)
    upgrade()
    assert log.verify_chain() == (True, None)
    assert {e.key_id for e in AuditEvent.objects.all()} == {keys.signing_key()[0]}
    assert log.head() == f"{chain['events'][-1].id}:{AuditEvent.objects.last().hash}"


def test_the_upgrade_leaves_a_broken_unkeyed_chain_for_verification_to_report(chain, capsys):
    unkeyed_chain(chain)
    event = chain["events"][2]
    AuditEvent.objects.filter(pk=event.pk).update(action="changed")
    before = list(AuditEvent.objects.values_list("hash", flat=True))
    upgrade()
    assert f"did not verify before the upgrade (at event {event.id})" in capsys.readouterr().out
    assert list(AuditEvent.objects.values_list("hash", flat=True)) == before
    assert log.verify_chain() == (False, event.id)
    assert "unkeyed chain" in broken()


def test_the_upgrade_leaves_a_chain_without_its_newest_events_for_verification(chain):
    unkeyed_chain(chain)
    newest = chain["events"][-1]
    AuditEvent.objects.filter(pk=newest.pk).delete()
    upgrade()
    verdict = log.check()
    assert (verdict.event_id, verdict.kind) == (chain["events"][-2].id, "missing")
