"""The member-import pages: upload, preview, confirm; the directory's link; the export."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from coalesce.audit.models import AuditEvent
from coalesce.coalitions import member_file as mf
from coalesce.coalitions.models import Membership, Organisation, name_is
from tests.support.authz import database_snapshot

pytestmark = pytest.mark.django_db

HEADER = ",".join(mf.COLUMNS)
GOOD = (
    f"{HEADER}\r\n"
    "Mothers for Peace,organisation,cso,KE,Policing,,members,,,,\r\n"
    "Женская сеть,organisation,academia,UA,,,public,,,,\r\n"
    "Justice Watch,organisation,cso,KE,,,public,,,,\r\n"
)
BAD = f"{HEADER}\r\nGood,person,,,,,,,,,\r\nBad,organisation,cso,Atlantis,,,,,,,\r\n"


def url(world, name):
    return reverse(f"coalitions:{name}", args=[world.coalition.slug])


def upload(client, world, text, name="members.csv"):
    data = text.encode() if isinstance(text, str) else text
    return client.post(url(world, "members_import"), {"file": SimpleUploadedFile(name, data)})


def test_the_upload_page_has_a_labelled_file_field(world):
    response = world.client("steering").get(url(world, "members_import"))
    body = response.content.decode()
    assert response.status_code == 200
    assert 'type="file"' in body and 'for="id_file"' in body
    assert 'enctype="multipart/form-data"' in body


def test_preview_shows_counts_and_each_row_and_writes_nothing(world):
    client = world.client("steering")
    before = database_snapshot()
    response = upload(client, world, GOOD)
    assert database_snapshot() == before
    body = response.content.decode()
    assert response.status_code == 200
    assert "<strong>2</strong> new" in body and "<strong>1</strong> already registered" in body
    assert "Женская сеть" in body and "Policing" in body  # a new focus area is named
    assert reverse("coalitions:members_import_confirm", args=[world.coalition.slug]) in body
    assert 'name="content"' in body


def test_confirm_imports_and_goes_to_the_directory(world):
    client = world.client("admin")
    response = client.post(url(world, "members_import_confirm"), {"content": GOOD})
    assert response.status_code == 302 and response["Location"] == url(world, "members")
    page = client.get(response["Location"]).content.decode()
    assert "2 members imported; 1 were already registered." in page
    membership = Organisation.objects.get(name_is("Mothers for Peace", world.coalition)).membership
    assert membership.status == "active"


def test_the_whole_flow_with_an_xlsx_file(world):
    client = world.client("steering")
    records = [
        mf.MemberRecord(name="O'Neill Fund", kind="organisation", actor_type="media", country="IE")
    ]
    preview = upload(client, world, mf.write_xlsx(records), "members.xlsx")
    assert preview.status_code == 200
    content = preview.context["confirm"].initial["content"]
    assert "O'Neill Fund" in content
    client.post(url(world, "members_import_confirm"), {"content": content})
    assert (
        Organisation.objects.get(name_is("O'Neill Fund", world.coalition)).membership.status
        == "active"
    )


def test_rows_with_problems_are_shown_and_there_is_nothing_to_confirm(world):
    response = upload(world.client("steering"), world, BAD)
    body = response.content.decode()
    assert response.status_code == 200
    assert "<strong>1</strong> with problems" in body
    assert "country</strong>: Unknown country" in body and "Atlantis" in body
    assert 'name="content"' not in body


def test_a_confirm_with_a_bad_row_writes_nothing_and_says_where(world):
    before = database_snapshot()
    response = world.client("steering").post(url(world, "members_import_confirm"), {"content": BAD})
    assert response.status_code == 400
    assert database_snapshot() == before
    assert "Row 3, country" in response.content.decode()


@pytest.mark.parametrize(
    "data,status,text",
    [
        (b"name,colour\r\nX,red\r\n", 400, "Unknown column: colour"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", 400, "not a CSV"),
        (b"name,kind\r\n" + b"x" * (mf.MAX_IMPORT_BYTES + 1), 413, "larger than 2 MB"),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_on_the_form(data, status, text, world):
    response = upload(world.client("steering"), world, data)
    assert response.status_code == status
    assert text in response.content.decode()


def test_a_50_mb_upload_is_refused_cleanly(world):
    before = database_snapshot()
    big = io.BytesIO(b"name,kind\r\n" + b"A" * (50 * 1024 * 1024))
    big.name = "huge.csv"
    response = world.client("steering").post(url(world, "members_import"), {"file": big})
    assert response.status_code == 413
    assert database_snapshot() == before


def test_the_directory_links_the_import_for_steering_and_admins_only(world):
    link = url(world, "members_import")
    for role in ["member", "chair", "steering", "admin", "custodian"]:
        body = world.client(role).get(url(world, "members")).content.decode()
        assert (link in body) == (role in ("steering", "admin")), role


@pytest.mark.parametrize("role", ["member", "chair", "custodian", "outsider", "applicant"])
def test_other_roles_are_refused(role, world):
    client = world.client(role)
    assert client.get(url(world, "members_import")).status_code in (403, 404)
    before = database_snapshot()
    assert upload(client, world, GOOD).status_code in (403, 404)
    response = client.post(url(world, "members_import_confirm"), {"content": GOOD})
    assert response.status_code in (403, 404)
    assert database_snapshot() == before


def test_anonymous_visitors_are_asked_to_sign_in(world):
    response = world.client("anonymous").get(url(world, "members_import"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


# --- the export ---------------------------------------------------------------------


def test_export_has_the_import_columns_and_an_xlsx_version(world):
    client = world.client("steering")
    text = client.get(url(world, "members_export")).content.decode()
    assert text.splitlines()[0] == HEADER
    xlsx = client.get(url(world, "members_export"), {"format": "xlsx"})
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    parsed = mf.parse(xlsx.content, "m.xlsx")
    assert world.markers["steering_only_name"] in {r.name for r in parsed.rows}


def test_contacts_come_only_with_the_custodians_explicit_request_and_are_audited(world):
    client = world.client("custodian")
    plain = client.get(url(world, "members_export")).content.decode()
    assert world.markers["pseudonymous_email"] not in plain
    assert (
        "Download as CSV with contact details" in client.get(url(world, "members")).content.decode()
    )
    with_contacts = client.post(url(world, "members_export"), {"contacts": "1"}).content.decode()
    assert world.markers["pseudonymous_email"] in with_contacts
    reads = AuditEvent.objects.filter(action="membership.view_contacts")
    assert reads.count() == Membership.objects.filter(coalition=world.coalition).count()


def test_steering_asking_for_contacts_gets_only_its_own(world):
    text = world.client("steering").post(url(world, "members_export"), {"contacts": "1"})
    body = text.content.decode()
    for key in ("pseudonymous_email", "pseudonymous_phone", "steering_only_email"):
        assert world.markers[key] not in body
