"""Protected identities encrypted at rest: names, websites, application statements and
answers, and account display names never reach the database in plain text, while the
roles entitled to them still read and search them, also after the keys are rotated.

Markers are planted through the services (``plant``); then every column of every table
(any database) and the SQLite file and its write-ahead log as a copy would hold them
(a server of its own, in a subprocess) are searched for them.
"""

import io
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from django.core.exceptions import FieldError
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from coalesce.accounts.models import User
from coalesce.accounts.services import update_display_name
from coalesce.coalitions import policy, roster, selectors, services
from coalesce.coalitions.models import (
    Application,
    ApplicationAnswer,
    Coalition,
    Membership,
    Organisation,
    Person,
    StaffRole,
    name_is,
)
from coalesce.core import crypto
from coalesce.core.errors import Conflict
from tests.support import factories as f
from tests.support.api import Api
from tests.support.real_server import ROOT, is_postgres, migrated_database, server_env

MARKERS = {
    "pseudonymous_org": "ATREST-PSEUDO-ORG-b41c",
    "pseudonymous_site": "atrest-pseudo-site-0d9e",
    "representative": "ATREST-REPRESENTATIVE-3e7b",
    "steering_person": "ATREST-STEER-PERSON-6a2f",
    "imported": "ATREST-IMPORTED-ORG-8c2b",
    "applicant_name": "ATREST-APPLICANT-NAME-5c88",
    "applicant_org": "ATREST-APPLICANT-ORG-9f01",
    "applicant_site": "atrest-applicant-site-77aa",
    "statement": "ATREST-STATEMENT-7d3a",
    "answer": "ATREST-ANSWER-1b6e",
    "display_name": "ATREST-DISPLAY-NAME-4a5d",
}
# An alias is meant to be shown, and is stored as it is: proof that the search below
# reads the data it should.
PLAIN_CONTROL = "ATREST-PLAIN-ALIAS-2e4f"
ON_POSTGRES = is_postgres(os.environ.get("DATABASE_URL"))


def plant() -> dict:
    """A coalition whose protected members, application and applicant carry the markers,
    all written through the services. Returns the objects the tests use."""
    founder = User.objects.create_user("founder@atrest.test", "pw-founder", display_name="F")
    coalition = services.found_coalition(
        user=founder,
        name="At Rest Coalition",
        slug="at-rest",
        join_mode="open",
        organisation_name="Founders Forum",
        actor_type="cso",
        country="KE",
    )
    steering = policy.actor_for(founder, coalition)
    requirement = services.add_requirement(steering, text="Why do you want to join?")
    pseudonymous = roster.add_member(
        steering,
        kind="organisation",
        name=MARKERS["pseudonymous_org"],
        actor_type="cso",
        country="KE",
        website=f"https://{MARKERS['pseudonymous_site']}.example.org/",
        visibility="pseudonymous",
        alias=PLAIN_CONTROL,
    )
    services.add_person(
        steering,
        full_name=MARKERS["representative"],
        organisation_id=pseudonymous.organisation_id,
    )
    steering_only = roster.add_member(
        steering, kind="person", name=MARKERS["steering_person"], visibility="steering"
    )
    roster.import_members(
        steering,
        data=(
            "name,kind,actor_type,country,visibility,alias\n"
            f"{MARKERS['imported']},organisation,cso,UG,pseudonymous,Imported Alias\n"
        ).encode(),
        filename="members.csv",
    )
    applicant = User.objects.create_user("applicant@atrest.test", "pw-applicant")
    update_display_name(applicant, MARKERS["display_name"])
    application = services.submit_application(
        policy.actor_for(applicant, coalition),
        kind="organisation",
        person_name=MARKERS["applicant_name"],
        organisation_name=MARKERS["applicant_org"],
        actor_type="research",
        country="TZ",
        website=f"https://{MARKERS['applicant_site']}.example.org/",
        statement=f"We are {MARKERS['statement']}.",
        answers={requirement.id: MARKERS["answer"]},
        visibility="steering",
    )
    services.decide_application(steering, application.id, approve=True)
    return {
        "coalition": coalition,
        "founder": founder,
        "applicant": applicant,
        "application": application,
        "pseudonymous": pseudonymous,
        "steering_only": steering_only,
    }


def marker_hits(text: str) -> set[str]:
    text = text.lower()
    return {key for key, marker in MARKERS.items() if marker.lower() in text}


def stored_text() -> str:
    """Every value of every column of every table, as the database returns it raw."""
    values = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            for row in cursor.fetchall():
                for value in row:
                    if isinstance(value, memoryview | bytes):
                        value = bytes(value).decode(errors="replace")
                    values.append(str(value))
    return "\n".join(values)


@pytest.fixture
def planted(db):
    return plant()


@pytest.fixture
def custodian(planted):
    user = f.make_user("custodian@atrest.test", "Custodian")
    f.make_staff(planted["coalition"], user, StaffRole.CUSTODIAN)
    return user


@pytest.fixture
def member(planted):
    user = f.make_user("member@atrest.test", "Plain Member")
    f.make_member(planted["coalition"], user=user, name="Plain Member Org")
    return user


# --- nothing in plain text --------------------------------------------------------------


def test_no_column_of_any_table_holds_a_marker(planted):
    stored = stored_text()
    assert PLAIN_CONTROL in stored  # the scan reads the planted rows
    assert marker_hits(stored) == set()


def test_the_planted_values_read_back(planted):
    coalition = planted["coalition"]
    org = planted["pseudonymous"].organisation
    org.refresh_from_db()
    assert org.name == MARKERS["pseudonymous_org"]
    assert MARKERS["pseudonymous_site"] in org.website
    assert Person.objects.get(name_is(MARKERS["representative"], coalition))
    application = Application.objects.get(pk=planted["application"].pk)
    assert MARKERS["statement"] in application.statement
    assert application.person_name == MARKERS["applicant_name"]
    assert ApplicationAnswer.objects.get(application=application).answer == MARKERS["answer"]
    assert User.objects.get(pk=planted["applicant"].pk).display_name == MARKERS["display_name"]
    # the approved application's organisation and person, made from its encrypted values
    approved = Membership.objects.get(pk=Application.objects.get(pk=application.pk).membership_id)
    assert approved.organisation.name == MARKERS["applicant_org"]
    assert approved.organisation.people.get().full_name == MARKERS["applicant_name"]


SCRIPT = """
import sys, django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("PRAGMA wal_autocheckpoint=0")  # keep what follows in the WAL
from tests.core.test_at_rest import plant
plant()
print("planted", flush=True)
sys.stdin.readline()  # the test reads the files while the database is open
"""


@pytest.mark.skipif(ON_POSTGRES, reason="the SQLite file; PostgreSQL's columns are read above")
def test_the_sqlite_file_and_its_wal_hold_no_marker():
    data_dir = Path(tempfile.mkdtemp(prefix="coalesce-atrest-"))
    migrated_database(data_dir)  # the script's migrate then has nothing to do
    env = server_env(data_dir)
    process = subprocess.Popen(
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = process.stdout.readline()
        assert line.strip() == "planted", process.stderr.read()[-3000:]
        files = sorted(data_dir.glob("coalesce.sqlite3*"))
        wal = data_dir / "coalesce.sqlite3-wal"
        assert wal in files and wal.stat().st_size > 0
        raw = b"".join(path.read_bytes() for path in files).decode("latin-1")
        assert PLAIN_CONTROL in raw  # the files hold the planted rows
        assert marker_hits(raw) == set()
    finally:
        process.communicate("\n", timeout=60)


# --- entitled roles still see and search them -------------------------------------------


def members_page(client, coalition, query):
    url = reverse("coalitions:members", args=[coalition.slug])
    return client.get(url, {"q": query}).content.decode()


def members_api(user, coalition, query):
    client = f_client(user)
    response = Api(client=client).get(f"/coalitions/{coalition.slug}/memberships", {"q": query})
    assert response.status_code == 200
    return response.json()


def f_client(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


def test_custodians_search_protected_names_on_the_page_and_in_the_api(planted, custodian):
    coalition = planted["coalition"]
    # part of the name, in another case
    for query in ["pseudo-org-B41C", "atrest-steer-person", "  ATREST-imported  "]:
        page = members_page(f_client(custodian), coalition, query)
        body = members_api(custodian, coalition, query)
        assert body["total"] == 1, query
        name = body["items"][0]["name"]
        assert name.lower().find(query.strip().lower()) >= 0
        assert name in page


def test_the_steering_committee_searches_steering_only_names(planted):
    founder, coalition = planted["founder"], planted["coalition"]
    body = members_api(founder, coalition, "steer-person")
    assert [item["name"] for item in body["items"]] == [MARKERS["steering_person"]]
    assert MARKERS["steering_person"] in members_page(f_client(founder), coalition, "steer-pers")
    # not entitled to the pseudonymous member's name: found by its alias only
    assert members_api(founder, coalition, "pseudo-org")["total"] == 0
    assert members_api(founder, coalition, "plain-alias")["items"][0]["name"] == PLAIN_CONTROL


def test_a_member_finds_no_protected_name_by_searching(planted, member):
    coalition = planted["coalition"]
    for key in ["pseudonymous_org", "steering_person", "imported", "applicant_org"]:
        assert members_api(member, coalition, MARKERS[key])["total"] == 0
        # (the page repeats the query in its search box: search for a part)
        assert MARKERS[key] not in members_page(f_client(member), coalition, MARKERS[key][7:])
    assert members_api(member, coalition, PLAIN_CONTROL.lower())["total"] == 1


def test_the_steering_committee_reads_the_application_on_the_page_and_in_the_api(planted):
    founder, coalition = planted["founder"], planted["coalition"]
    application = planted["application"]
    page = (
        f_client(founder)
        .get(reverse("coalitions:application", args=[coalition.slug, application.id]))
        .content.decode()
    )
    body = (
        Api(client=f_client(founder))
        .get(f"/coalitions/{coalition.slug}/applications/{application.id}")
        .json()
    )
    for key in ["applicant_name", "applicant_org", "statement", "answer", "applicant_site"]:
        assert MARKERS[key] in page, key
        assert MARKERS[key] in str(body), key


def test_exports_give_the_entitled_names(planted, custodian):
    actor = policy.actor_for(custodian, planted["coalition"])
    names = {r.name for r in roster.export_records(actor, query="atrest")}
    assert {MARKERS[k] for k in ["pseudonymous_org", "steering_person", "imported"]} <= names


# --- sorting and exact matches that SQL no longer does ---------------------------------


def test_registered_organisations_and_representatives_are_listed_by_name(planted):
    steering = policy.actor_for(planted["founder"], planted["coalition"])
    for name in ["beta Trust", "Alpha Union", "gamma Group"]:
        services.create_organisation(steering, name=name, actor_type="cso", country="KE")
    names = [o.name for o in selectors.prospective_organisations(steering)]
    assert names == ["Alpha Union", "beta Trust", "gamma Group"]
    api = Api(client=f_client(planted["founder"]))
    listed = [o["name"] for o in api.get("/coalitions/at-rest/organisations").json()]
    members = [n for n in listed if n not in names]
    assert members == sorted(members, key=str.casefold) and listed[-3:] == names
    org = planted["pseudonymous"].organisation
    services.add_person(steering, full_name="aaron first", organisation_id=org.id)
    membership = Membership.objects.get(pk=planted["pseudonymous"].pk)
    custodian_actor = policy.Actor(
        user=None, coalition=planted["coalition"], roles=frozenset({policy.Role.CUSTODIAN})
    )
    assert selectors.representatives(custodian_actor, membership) == [
        "aaron first",
        MARKERS["representative"],
    ]


def test_names_are_unique_per_coalition_case_and_spacing_aside(planted):
    steering = policy.actor_for(planted["founder"], planted["coalition"])
    for same in [MARKERS["pseudonymous_org"].lower(), "FOUNDERS   forum"]:
        with pytest.raises(Conflict):
            services.create_organisation(steering, name=same, actor_type="cso", country="KE")
    with pytest.raises(Conflict):
        roster.add_member(steering, kind="person", name=MARKERS["steering_person"].lower())
    preview = roster.preview_import(
        steering,
        data=f"name,kind,actor_type,country\n{MARKERS['imported'].swapcase()},organisation,cso,KE\n".encode(),
        filename="m.csv",
    )
    assert preview.existing == 1
    # the database itself refuses a second organisation of the same normalised name
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.create(
            coalition=planted["coalition"],
            name="Founders   FORUM",
            actor_type="cso",
            country="KE",
        )
    # another coalition may use the name
    other = f.make_coalition()
    assert f.make_member(other, name=MARKERS["pseudonymous_org"]).organisation.name_index


def test_sql_comparisons_of_an_encrypted_field_are_refused(planted):
    with pytest.raises(FieldError):
        list(Organisation.objects.filter(name="Founders Forum"))
    with pytest.raises(FieldError):
        list(Person.objects.filter(full_name__icontains="x"))
    with pytest.raises(FieldError):
        list(Membership.objects.filter(organisation__name__iexact="founders forum"))
    # emptiness is the one thing SQL can still tell
    assert Organisation.objects.filter(website="").exists()


def test_normalised_names_share_a_blind_index():
    assert crypto.normalise("  Mothers\u00a0for  PEACE ") == "mothers for peace"
    assert crypto.blind_index("Straße Trust", 1) == crypto.blind_index("STRASSE  trust", 1)
    assert crypto.blind_index("One", 1) != crypto.blind_index("Two", 1)
    # the same name in another coalition: unrelated, so rows cannot be linked
    assert crypto.blind_index("One", 1) != crypto.blind_index("One", 2)
    # not a plain hash of the name: keyed
    import hashlib

    assert crypto.blind_index("one") != hashlib.sha256(b"\x1fone").hexdigest()


# --- key rotation ------------------------------------------------------------------------


def raw(table, column, pk):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])
        return cursor.fetchone()[0]


def test_names_read_and_search_after_rotating_and_retiring_keys(db, key_file):
    planted = plant()
    coalition, org_id = planted["coalition"], planted["pseudonymous"].organisation_id
    before = (
        raw("coalitions_organisation", "name", org_id),
        raw("coalitions_organisation", "name_index", org_id),
    )
    custodian = f.make_user("custodian@atrest.test", "Custodian")
    f.make_staff(coalition, custodian, StaffRole.CUSTODIAN)

    # A new key not yet applied: rows indexed under the old key are still found.
    crypto.add_key_to_file()
    assert Organisation.objects.filter(name_is(MARKERS["pseudonymous_org"], coalition)).count() == 1
    steering = policy.actor_for(planted["founder"], coalition)
    with pytest.raises(Conflict):
        roster.add_member(steering, kind="person", name=MARKERS["steering_person"])

    for args in [(), ("--retire",)]:
        call_command("rotate_keys", *args, stdout=io.StringIO())
        after = (
            raw("coalitions_organisation", "name", org_id),
            raw("coalitions_organisation", "name_index", org_id),
        )
        assert after[0] != before[0] and after[1] != before[1]
        assert after[1] == crypto.blind_index(MARKERS["pseudonymous_org"], coalition.id)
        body = members_api(custodian, coalition, "pseudo-org")
        assert [i["name"] for i in body["items"]] == [MARKERS["pseudonymous_org"]]
        assert (
            Organisation.objects.get(name_is(MARKERS["pseudonymous_org"], coalition)).id == org_id
        )
        with pytest.raises(Conflict):
            services.create_organisation(
                steering, name=MARKERS["imported"].lower(), actor_type="cso", country="KE"
            )
        assert Application.objects.get(pk=planted["application"].pk).statement.startswith("We")
        before = after
    assert len(key_file.read_text().split()) == 1
    assert marker_hits(stored_text()) == set()


# --- the migration that encrypts existing rows ---------------------------------------


def test_encrypting_existing_rows_keeps_values_and_fills_the_index(planted):
    coalition = planted["coalition"]
    first = services.create_organisation(
        policy.actor_for(planted["founder"], coalition),
        name="Old Plain Name",
        actor_type="cso",
        country="KE",
    )
    second = f.make_member(coalition, name="Another Old Name").organisation
    # As rows were before the migration: plain text, no index.
    with connection.cursor() as cursor:
        for pk, name, index in [
            (first.id, "Old Plain Name", "x1"),
            (second.id, "old  plain NAME", "x2"),
        ]:
            cursor.execute(
                "UPDATE coalitions_organisation SET name = %s, name_index = %s WHERE id = %s",
                [name, index, pk],
            )
    for _twice in range(2):  # encrypted values are kept as they are
        crypto.encrypt_rows(
            connection,
            "coalitions_organisation",
            ["name", "website"],
            {"name_index": "name"},
            scope="coalition_id",
            unique=True,
        )
    assert "Plain" not in raw("coalitions_organisation", "name", first.id)
    assert Organisation.objects.get(pk=first.id).name == "Old Plain Name"
    # the later one of two names that are the same once normalised gets its id appended
    assert Organisation.objects.get(pk=second.id).name == f"old  plain NAME ({second.id})"
    assert Organisation.objects.get(name_is("old plain name", coalition)).id == first.id
    assert (
        Organisation.objects.get(pk=planted["pseudonymous"].organisation_id).name
        == (MARKERS["pseudonymous_org"])
    )
    crypto.decrypt_rows(connection, "coalitions_organisation", ["name"])
    assert raw("coalitions_organisation", "name", first.id) == "Old Plain Name"


# --- the synthetic coalition's bulk-created rows -----------------------------------------


def test_the_synthetic_coalition_stores_names_encrypted_and_indexed(db):
    call_command("generate_synthetic", factor=0.01, slug="synthetic", stdout=io.StringIO())
    coalition = Coalition.objects.get(slug="synthetic")
    organisation = Organisation.objects.filter(coalition=coalition).exclude(website="").first()
    person = Person.objects.filter(coalition=coalition).first()
    voter = User.objects.get(email="voter0@synthetic.coalesce.test")
    for table, column, pk, plain in [
        ("coalitions_organisation", "name", organisation.id, organisation.name),
        ("coalitions_organisation", "website", organisation.id, organisation.website),
        ("coalitions_person", "full_name", person.id, person.full_name),
        ("accounts_user", "display_name", voter.id, voter.display_name),
    ]:
        assert plain and plain not in raw(table, column, pk)
    assert raw("coalitions_organisation", "name_index", organisation.id) == crypto.blind_index(
        organisation.name, coalition.id
    )
    assert (
        Organisation.objects.get(name_is(organisation.name.upper(), coalition)).id
        == organisation.id
    )
    assert raw("coalitions_person", "name_index", person.id) == crypto.blind_index(
        person.full_name, coalition.id
    )
