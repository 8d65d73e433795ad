"""Encryption at rest, key rotation and the audit chain."""

import pytest
from django.core.management import call_command
from django.db import connection

from coalesce.audit.log import record, verify_chain
from coalesce.audit.models import AppendOnlyError, AuditEvent
from coalesce.coalitions.models import Membership
from coalesce.core import crypto


def raw_column(membership, column):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM coalitions_membership WHERE id = %s", [membership.id])
        return cursor.fetchone()[0]


def test_contact_details_are_stored_encrypted(world):
    membership = world.memberships["pseudonymous"]
    stored = raw_column(membership, "contact_email")
    assert world.markers["pseudonymous_email"] not in stored
    assert (
        Membership.objects.get(pk=membership.pk).contact_email
        == world.markers["pseudonymous_email"]
    )


def test_rotating_keys_reencrypts_and_old_key_can_be_retired(db, key_file):
    from tests.support.factories import make_coalition, make_member

    membership = make_member(make_coalition(), contacts={"contact_phone": "+1 555 0100"})
    before = raw_column(membership, "contact_phone")
    old_key = key_file.read_text().split()[0]

    call_command("rotate_keys", "--retire")

    keys = key_file.read_text().split()
    assert keys != [old_key] and len(keys) == 1
    assert raw_column(membership, "contact_phone") != before
    assert Membership.objects.get(pk=membership.pk).contact_phone == "+1 555 0100"


def test_a_value_cannot_be_read_without_its_key(db, key_file):
    token = crypto.encrypt("secret")
    key_file.write_text(crypto.Fernet.generate_key().decode() + "\n")
    crypto.reset_keyring()
    with pytest.raises(ValueError):
        crypto.decrypt(token)


def test_audit_chain_detects_tampering(world):
    membership = world.memberships["member"]
    for action in ["a", "b", "c"]:
        record(actor=world.users["admin"], action=action, obj=membership, coalition=world.coalition)
    assert verify_chain() == (True, None)
    middle = AuditEvent.objects.order_by("id")[1]
    AuditEvent.objects.filter(pk=middle.pk).update(action="changed")
    assert verify_chain() == (False, middle.pk)


def test_audit_events_cannot_be_edited_or_deleted(world):
    event = record(actor=None, action="x", obj=world.memberships["member"])
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()


def test_audit_entries_never_hold_protected_values(world, client):
    from coalesce.coalitions import policy, services

    custodian = policy.actor_for(world.users["custodian"], world.coalition)
    services.read_contacts(custodian, world.memberships["pseudonymous"])
    services.update_protection(
        custodian,
        world.memberships["pseudonymous"].id,
        visibility="pseudonymous",
        alias="New Alias",
        contact_phone="+254 799 NEWPHONE",
    )
    dump = repr(list(AuditEvent.objects.values()))
    for marker in world.markers.values():
        assert marker not in dump
    assert "NEWPHONE" not in dump and "contact_phone" in dump


def test_deleting_a_user_keeps_the_audit_chain_intact(world):
    record(
        actor=world.users["member"],
        action="x",
        obj=world.memberships["member"],
        coalition=world.coalition,
    )
    world.users["member"].delete()
    assert verify_chain() == (True, None)
