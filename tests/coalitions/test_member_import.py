"""The roster service: previewing and importing member files, add_member, the export."""

import pytest

from coalesce.audit.log import verify_chain
from coalesce.audit.models import AuditEvent
from coalesce.coalitions import member_file as mf
from coalesce.coalitions import policy, roster, selectors
from coalesce.coalitions.member_file import MemberFileError, MemberRecord
from coalesce.coalitions.models import (
    FocusArea,
    Membership,
    MembershipStatus,
    Organisation,
    Person,
    name_is,
)
from coalesce.core.errors import DomainError, Forbidden
from tests.support import factories as f
from tests.support.authz import database_snapshot

pytestmark = pytest.mark.django_db

HEADER = ",".join(mf.COLUMNS)


def actor(world, role):
    return policy.actor_for(world.users[role], world.coalition)


def csv_bytes(*lines) -> bytes:
    return ("\r\n".join([HEADER, *lines]) + "\r\n").encode()


GOOD = csv_bytes(
    "Mothers for Peace,organisation,cso,KE,Policing; Prisons,https://mfp.example.org,members,,"
    "info@mfp.example.org,+254 700 111 222,PO Box 1 Nairobi",
    "Amina Yusuf,person,,,,,pseudonymous,Friend A,amina@example.org,,",
    "Open Hands Network,organisation,cso,KE,,,members,,,,",  # already a member (world)
)


def test_preview_says_what_each_row_would_do_and_writes_nothing(world):
    f.focus(world.coalition, "Policing")
    before = database_snapshot()
    preview = roster.preview_import(actor(world, "steering"), data=GOOD, filename="m.csv")
    assert database_snapshot() == before
    assert [(r.number, r.status) for r in preview.rows] == [(2, "new"), (3, "new"), (4, "existing")]
    assert (preview.new, preview.existing, preview.errors) == (2, 1, 0)
    assert preview.new_focus_areas == ("Prisons",)


def test_import_makes_active_members_with_encrypted_contacts_and_audits_names_only(world):
    steering = actor(world, "steering")
    done = roster.import_members(steering, data=GOOD, filename="m.csv")
    assert (done.imported, done.existing) == (2, 1)
    org = Organisation.objects.get(name_is("Mothers for Peace", world.coalition))
    membership = org.membership
    assert membership.status == MembershipStatus.ACTIVE
    assert (org.actor_type, org.country.code, org.website) == (
        "cso",
        "KE",
        "https://mfp.example.org",
    )
    assert sorted(a.name for a in org.focus_areas.all()) == ["Policing", "Prisons"]
    assert membership.contact_phone == "+254 700 111 222"
    raw = Membership.objects.filter(pk=membership.pk).values_list("contact_email", flat=True)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT contact_email FROM coalitions_membership WHERE id = %s", [membership.pk]
        )
        stored = cursor.fetchone()[0]
    assert "mfp.example.org" not in stored and raw[0] == "info@mfp.example.org"
    person = Person.objects.get(name_is("Amina Yusuf", world.coalition))
    assert person.own_membership.visibility == "pseudonymous"
    assert person.own_membership.alias == "Friend A"
    events = AuditEvent.objects.filter(action="membership.import")
    assert events.count() == 2
    assert set(events[0].fields) <= {"status", "visibility", "alias", *mf.COLUMNS}
    for event in AuditEvent.objects.all():
        assert "mfp.example.org" not in str(event.fields)
    summary = AuditEvent.objects.get(action="members.import")
    assert summary.actor == world.users["steering"]
    assert verify_chain() == (True, None)


def test_importing_the_same_file_twice_adds_nothing_the_second_time(world):
    admin = actor(world, "admin")
    roster.import_members(admin, data=GOOD, filename="m.csv")
    again = roster.import_members(admin, data=GOOD, filename="m.csv")
    assert (again.imported, again.existing) == (0, 3)


def test_already_registered_is_case_insensitive_also_beyond_ascii(world):
    steering = actor(world, "steering")
    roster.import_members(
        steering,
        data=csv_bytes("École Des Femmes,organisation,academia,FR,,,,,,,"),
        filename="a.csv",
    )
    preview = roster.preview_import(
        steering,
        data=csv_bytes("école des femmes,organisation,academia,FR,,,,,,,"),
        filename="b.csv",
    )
    assert preview.rows[0].status == "existing"


BAD_FILES = {
    "unknown actor type": csv_bytes("Fine,person,,,,,,,,,", "Org,organisation,spies,KE,,,,,,,"),
    "unknown country": csv_bytes("Fine,person,,,,,,,,,", "Org,organisation,cso,Narnia,,,,,,,"),
    "duplicate rows": csv_bytes("Jane Doe,person,,,,,,,,,", "JANE DOE,person,,,,,,,,,"),
    "pseudonymous without alias": csv_bytes("Hidden,person,,,,,pseudonymous,,,,"),
    "missing column": b"name,country\r\nOrg,KE\r\n",
    "unknown column": b"name,kind,colour\r\nOrg,person,red\r\n",
    "binary": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
    "too big": csv_bytes("Fine,person,,,,,,,,,") + b"x" * mf.MAX_IMPORT_BYTES,
    "bad e-mail": csv_bytes("Org,person,,,,,,,nope,,"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_input_writes_nothing_and_says_where(case, world):
    steering = actor(world, "steering")
    before = database_snapshot()
    with pytest.raises(DomainError) as refused:
        roster.import_members(steering, data=BAD_FILES[case], filename="m.csv")
    assert database_snapshot() == before
    error = refused.value
    if isinstance(error, roster.ImportRefused):
        assert f"Row {error.row}," in error.message
        assert error.field in mf.COLUMNS
    else:
        assert isinstance(error, MemberFileError) and error.field in ("file", "columns")


def test_one_bad_row_among_good_ones_writes_nothing(world):
    data = csv_bytes(
        "Good One,organisation,cso,KE,New area,,,,,,",
        "Good Two,person,,,,,,,,,",
        "Bad Three,organisation,cso,Atlantis,,,,,,,",
    )
    before = database_snapshot()
    with pytest.raises(roster.ImportRefused) as refused:
        roster.import_members(actor(world, "steering"), data=data, filename="m.csv")
    assert refused.value.row == 4 and refused.value.field == "country"
    assert [r.status for r in refused.value.preview.rows] == ["new", "new", "error"]
    assert database_snapshot() == before
    assert not FocusArea.objects.filter(name="New area").exists()


def test_a_prospective_partner_becomes_the_member(world):
    steering = actor(world, "steering")
    from coalesce.coalitions import services

    org = services.create_organisation(
        steering, name="Bar Association", actor_type="other", country="KE"
    )
    data = csv_bytes("bar association,organisation,professional_association,KE,,,,,,,")
    assert roster.preview_import(steering, data=data, filename="m.csv").rows[0].joins_registered
    roster.import_members(steering, data=data, filename="m.csv")
    org.refresh_from_db()
    assert org.membership.status == MembershipStatus.ACTIVE
    assert org.actor_type == "professional_association"
    assert Organisation.objects.filter(name_is("bar association", world.coalition)).count() == 1


@pytest.mark.parametrize(
    "role", ["anonymous", "outsider", "applicant", "member", "chair", "custodian"]
)
def test_only_steering_and_admins_may_import(role, world):
    who = policy.actor_for(None, world.coalition) if role == "anonymous" else actor(world, role)
    before = database_snapshot()
    for call in (roster.preview_import, roster.import_members):
        with pytest.raises(DomainError):
            call(who, data=GOOD, filename="m.csv")
    with pytest.raises(DomainError):
        roster.add_member(who, kind="person", name="Someone")
    assert database_snapshot() == before


# --- add_member ---------------------------------------------------------------------


def test_add_member_registers_an_organisation_and_its_membership(world):
    membership = roster.add_member(
        actor(world, "admin"),
        kind="organisation",
        name="Faith Leaders Forum",
        actor_type="faith_based",
        country="UG",
        focus_areas=["Community safety"],
        visibility="steering",
        contact_email="forum@example.org",
    )
    assert membership.status == "active" and membership.visibility == "steering"
    assert membership.organisation.focus_areas.get().name == "Community safety"
    assert AuditEvent.objects.filter(
        action="membership.create", object_id=str(membership.pk)
    ).exists()


def test_add_member_refuses_a_name_that_is_already_a_member(world):
    with pytest.raises(DomainError) as refused:
        roster.add_member(
            actor(world, "steering"),
            kind="organisation",
            name="JUSTICE WATCH",
            actor_type="cso",
            country="KE",
        )
    assert refused.value.status == 409 and refused.value.field == "name"


@pytest.mark.parametrize(
    "fields,field",
    [
        ({"kind": "robot", "name": "X"}, "kind"),
        ({"kind": "person", "name": ""}, "name"),
        ({"kind": "person", "name": "X", "country": "KE"}, "country"),
        ({"kind": "organisation", "name": "X", "actor_type": "cso", "country": "ZZ"}, "country"),
        ({"kind": "person", "name": "X", "visibility": "pseudonymous"}, "alias"),
        ({"kind": "person", "name": "X", "status": "asleep"}, "status"),
        ({"kind": "person", "name": "X", "contact_email": "nope"}, "contact_email"),
    ],
)
def test_add_member_checks_its_input(fields, field, world):
    before = database_snapshot()
    with pytest.raises(DomainError) as refused:
        roster.add_member(actor(world, "steering"), **fields)
    assert refused.value.field == field
    assert database_snapshot() == before


# --- export, and back -----------------------------------------------------------------

UNICODE_NAMES = [
    "Women's Voice Network",
    "L'Union des Femmes Juristes d'Haïti",
    "Réseau Ñandú – Çà et là",
    "جمعية النساء من أجل السلام",
    "Женская сеть за безопасность",
    "妇女和平网络",
]


def test_an_export_imports_back_into_an_empty_coalition(world):
    steering = actor(world, "steering")
    rows = [
        f"{name},organisation,{t},{c},Policing; Gender,,{v},{a},x{i}@example.org,+1 555 {i},"
        for i, (name, t, c, v, a) in enumerate(
            [
                (UNICODE_NAMES[0], "cso", "KE", "members", ""),
                (UNICODE_NAMES[1], "research", "HT", "public", ""),
                (UNICODE_NAMES[2], "media", "ES", "steering", ""),
                (UNICODE_NAMES[3], "faith_based", "EG", "pseudonymous", "Quiet Friends"),
                (UNICODE_NAMES[4], "academia", "UA", "members", ""),
            ]
        )
    ] + [f"{UNICODE_NAMES[5]},person,,,,,members,,,,Beijing"]
    roster.import_members(steering, data=csv_bytes(*rows), filename="m.csv")
    custodian = actor(world, "custodian")
    records = roster.export_records(custodian, contacts=True)
    exported = mf.write_csv(records).encode()

    empty = f.make_coalition(world.users["admin"], name="Empty", slug="empty")
    admin_there = policy.actor_for(world.users["admin"], empty)
    done = roster.import_members(admin_there, data=exported, filename="back.csv")
    assert done.imported == len(records)
    # the custodian saw everything: every name comes back the same
    names = set(Organisation.objects.filter(coalition=empty).values_list("name", flat=True))
    names |= set(Person.objects.filter(coalition=empty).values_list("full_name", flat=True))
    assert set(UNICODE_NAMES) <= names
    hidden = Organisation.objects.get(name_is(UNICODE_NAMES[3], empty)).membership
    assert (hidden.visibility, hidden.alias) == ("pseudonymous", "Quiet Friends")
    back = {r.name: r for r in roster.export_records(policy.operator_actor(empty))}
    originals = {r.name: r for r in records}
    for name in [UNICODE_NAMES[i] for i in (0, 1, 2, 4)]:
        assert back[name].focus_areas == originals[name].focus_areas
        assert back[name].country == originals[name].country
    imported = Organisation.objects.get(name_is(UNICODE_NAMES[0], empty)).membership
    assert imported.contact_email == "x0@example.org"


def test_export_masks_hidden_identities_and_leaves_contacts_out_unless_entitled(world):
    m = world.markers
    for role in ["steering", "admin", "custodian"]:
        for contacts in (False, True):
            records = roster.export_records(actor(world, role), contacts=contacts)
            text = mf.write_csv(records)
            if role != "custodian":
                assert m["pseudonymous_name"] not in text
                assert "Friends of the Riverside" in text
            if role == "admin":
                assert m["steering_only_name"] not in text
            if not (role == "custodian" and contacts):
                for key in ("pseudonymous_email", "pseudonymous_phone", "steering_only_email"):
                    assert m[key] not in text, (role, contacts, key)
    with_contacts = mf.write_csv(roster.export_records(actor(world, "custodian"), contacts=True))
    assert m["pseudonymous_email"] in with_contacts


def test_every_contact_read_in_an_export_is_audited(world):
    custodian = actor(world, "custodian")
    records = roster.export_records(custodian, contacts=True)
    reads = AuditEvent.objects.filter(
        action="membership.view_contacts", actor=world.users["custodian"]
    )
    assert reads.count() == len(records)
    assert verify_chain() == (True, None)
    # a steering member sees (and reads) only its own
    roster.export_records(actor(world, "steering"), contacts=True)
    own = AuditEvent.objects.filter(
        action="membership.view_contacts", actor=world.users["steering"]
    )
    assert [e.object_id for e in own] == [str(world.memberships["steering"].id)]


def test_export_is_refused_to_members(world):
    with pytest.raises(Forbidden):
        roster.export_records(actor(world, "member"))


def test_diversity_after_importing_24_rows_matches_the_file(world):
    types = ["cso", "academia", "media", "faith_based", "oversight", "research"]
    countries = ["KE", "UG", "TZ", "NG"]
    rows, expected_types, expected_countries = [], {}, {}
    for i in range(24):
        t, c = types[i % len(types)], countries[(i // 2) % len(countries)]
        rows.append(f"Imported org {i},organisation,{t},{c},Area {i % 3},,public,,,,")
        expected_types[t] = expected_types.get(t, 0) + 1
        expected_countries[c] = expected_countries.get(c, 0) + 1
    empty = f.make_coalition(world.users["admin"], name="Fresh", slug="fresh")
    operator = policy.operator_actor(empty)
    done = roster.import_members(operator, data=csv_bytes(*rows), filename="24.csv")
    assert done.imported == 24
    found = selectors.diversity(operator)
    assert {s.code: s.count for s in found["actor_types"]} == expected_types
    assert {s.code: s.count for s in found["countries"]} == expected_countries
    assert {s.label: s.count for s in found["focus_areas"]} == {
        "Area 0": 8,
        "Area 1": 8,
        "Area 2": 8,
    }
    assert found["organisations"] == 24


def test_import_accepts_an_exporters_xlsx(world):
    records = [
        MemberRecord(name="Лига женщин", kind="organisation", actor_type="cso", country="UA"),
        MemberRecord(name="O'Brien Trust", kind="person", contact_phone="+353 1"),
    ]
    done = roster.import_members(
        actor(world, "steering"), data=mf.write_xlsx(records), filename="m.xlsx"
    )
    assert done.imported == 2
    assert (
        Person.objects.get(name_is("O'Brien Trust", world.coalition)).own_membership.contact_phone
        == "+353 1"
    )
