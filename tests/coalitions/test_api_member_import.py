"""The members import and export operations of the API."""

import csv
import io
import json

import pytest
from django.test import Client

from coalesce.accounts.models import ApiToken
from coalesce.coalitions import member_file as mf
from coalesce.coalitions.models import Organisation, name_is
from tests.support.authz import CONTACT_MARKERS, ENTITLED, database_snapshot

pytestmark = pytest.mark.django_db

HEADER = ",".join(mf.COLUMNS)
GOOD = (
    f"{HEADER}\r\n"
    "Mothers for Peace,organisation,cso,KE,Policing,,members,,,,\r\n"
    "Amina Yusuf,person,,,,,pseudonymous,Friend A,,,\r\n"
    "Open Hands Network,organisation,cso,KE,,,,,,,\r\n"
)


def api(world, role):
    _token, raw = ApiToken.issue(world.users[role], "test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def import_url(world, dry_run=None):
    base = f"/api/coalitions/{world.coalition.slug}/members/import"
    return base if dry_run is None else f"{base}?dry_run={str(dry_run).lower()}"


def post_file(client, url, data: bytes, name="members.csv"):
    upload = io.BytesIO(data)
    upload.name = name
    return client.post(url, {"file": upload})


def test_dry_run_is_the_default_and_writes_nothing(world):
    client = api(world, "steering")
    before = database_snapshot()
    response = post_file(client, import_url(world), GOOD.encode())
    assert response.status_code == 200, response.content
    body = response.json()
    assert database_snapshot() == before
    assert body["dry_run"] is True and body["imported"] == 0
    assert (body["new"], body["existing"], body["errors"]) == (2, 1, 0)
    assert body["new_focus_areas"] == ["Policing"]
    assert [r["result"] for r in body["rows"]] == ["new", "new", "existing"]
    assert body["rows"][0]["row"] == 2


def test_without_dry_run_it_imports(world):
    response = post_file(api(world, "admin"), import_url(world, False), GOOD.encode())
    assert response.status_code == 200
    assert response.json()["imported"] == 2
    assert (
        Organisation.objects.get(name_is("Mothers for Peace", world.coalition)).membership.status
        == "active"
    )


def test_a_bad_row_is_a_400_naming_row_and_column_and_writes_nothing(world):
    data = (GOOD + "Bad Org,organisation,spies,KE,,,,,,,\r\n").encode()
    client = api(world, "steering")
    before = database_snapshot()
    response = post_file(client, import_url(world, False), data)
    assert response.status_code == 400
    body = response.json()
    assert body["row"] == 5 and body["field"] == "actor_type"
    assert "Row 5, actor_type" in body["detail"]
    assert [r["result"] for r in body["rows"]][-1] == "error"
    assert database_snapshot() == before


@pytest.mark.parametrize(
    "data,status,field",
    [
        (b"name,colour\r\nX,red\r\n", 400, "columns"),
        (b"\x00\x01\x02binary", 400, "file"),
    ],
)
def test_files_that_cannot_be_read_are_400(data, status, field, world):
    for dry_run in (True, False):
        response = post_file(api(world, "steering"), import_url(world, dry_run), data)
        assert response.status_code == status
        assert response.json()["field"] == field


def test_a_50_mb_file_is_refused_with_413(world):
    client = api(world, "steering")
    before = database_snapshot()
    big = b"name,kind\r\n" + b"A" * (50 * 1024 * 1024)
    response = post_file(client, import_url(world, False), big)
    assert response.status_code == 413
    assert "detail" in response.json()
    assert database_snapshot() == before


def test_no_file_is_a_400(world):
    response = api(world, "steering").post(import_url(world), {})
    assert response.status_code == 400 and response.json()["field"] == "file"


@pytest.mark.parametrize("role", ["member", "chair", "custodian", "outsider"])
def test_other_roles_may_not_import(role, world):
    client = api(world, role)
    before = database_snapshot()
    response = post_file(client, import_url(world, False), GOOD.encode())
    assert response.status_code in (403, 404)
    assert database_snapshot() == before


# --- export -------------------------------------------------------------------------


def export(world, role, **query):
    url = f"/api/coalitions/{world.coalition.slug}/members/export"
    return api(world, role).get(url, query)


def test_export_as_json_and_as_csv(world):
    rows = export(world, "steering").json()
    assert {r["name"] for r in rows} >= {"Justice Watch", "Friends of the Riverside"}
    response = export(world, "steering", format="csv")
    assert response["Content-Type"].startswith("text/csv")
    parsed = list(csv.reader(io.StringIO(response.content.decode())))
    assert tuple(parsed[0]) == mf.COLUMNS and len(parsed) == len(rows) + 1


@pytest.mark.parametrize("role", ["steering", "admin", "custodian"])
@pytest.mark.parametrize("contacts", [False, True])
@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_export_never_shows_what_the_role_may_not_see(role, contacts, fmt, world):
    response = export(world, role, format=fmt, contacts=json.dumps(contacts))
    assert response.status_code == 200
    body = response.content.decode()
    entitled = set(ENTITLED.get(role, set()))
    if role == "custodian" and contacts:
        entitled |= CONTACT_MARKERS
    for key, marker in world.markers.items():
        if key not in entitled:
            assert marker not in body, (role, key)
    # names are what an export holds (not the people representing a member)
    for key in entitled - {"pseudonymous_person"}:
        assert world.markers[key] in body, (role, key)


def test_an_api_export_imports_back(world):
    data = export(world, "custodian", format="csv", contacts="true").content
    from tests.support import factories as f

    fresh = f.make_coalition(world.users["admin"], name="Fresh", slug="fresh")
    url = f"/api/coalitions/{fresh.slug}/members/import?dry_run=false"
    response = post_file(api(world, "admin"), url, data)
    assert response.status_code == 200, response.content
    assert response.json()["imported"] == len(export(world, "custodian").json())
