"""coalesce import_members / export_members."""

import pytest
from django.core.management import CommandError, call_command

from coalesce.coalitions import member_file as mf
from coalesce.coalitions.models import Membership, Organisation, name_is
from tests.support.authz import database_snapshot

pytestmark = pytest.mark.django_db

HEADER = ",".join(mf.COLUMNS)
GOOD = (
    f"{HEADER}\r\n"
    "Mothers for Peace,organisation,cso,KE,Policing,,members,,,,\r\n"
    "Амина Юсуф,person,,,,,members,,,,\r\n"
    "Open Hands Network,organisation,cso,KE,,,,,,,\r\n"
)


def run(*args):
    from io import StringIO

    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_a_dry_run_prints_the_preview_and_writes_nothing(world, tmp_path):
    path = tmp_path / "members.csv"
    path.write_text(GOOD, encoding="utf-8")
    before = database_snapshot()
    out = run("import_members", str(path), "--coalition", world.coalition.slug, "--dry-run")
    assert database_snapshot() == before
    assert "row 2: new: Mothers for Peace" in out
    assert "row 4: already registered" in out
    assert "2 new, 1 already registered, 0 with problems." in out
    assert "New focus areas: Policing" in out


def test_import_writes_as_the_operator(world, tmp_path):
    path = tmp_path / "members.csv"
    path.write_text(GOOD, encoding="utf-8")
    out = run("import_members", str(path), "--coalition", world.coalition.slug)
    assert "Imported 2 members; 1 were already registered." in out
    assert (
        Organisation.objects.get(name_is("Mothers for Peace", world.coalition)).membership.status
        == "active"
    )


def test_problems_fail_the_command_and_write_nothing(world, tmp_path):
    path = tmp_path / "members.csv"
    path.write_text(GOOD + "Bad,organisation,cso,Atlantis,,,,,,,\r\n", encoding="utf-8")
    before = database_snapshot()
    with pytest.raises(CommandError, match="nothing was imported"):
        run("import_members", str(path), "--coalition", world.coalition.slug)
    assert database_snapshot() == before


@pytest.mark.parametrize(
    "content,message",
    [(b"name,colour\r\n", "Unknown column"), (b"\x00\x01", "not a CSV")],
)
def test_unreadable_files_fail_the_command(content, message, world, tmp_path):
    path = tmp_path / "members.csv"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        run("import_members", str(path), "--coalition", world.coalition.slug)


def test_unknown_coalition_or_missing_file(world, tmp_path):
    with pytest.raises(CommandError, match="No coalition"):
        run("import_members", str(tmp_path / "x.csv"), "--coalition", "nope")
    with pytest.raises(CommandError, match="Cannot read"):
        run("import_members", str(tmp_path / "x.csv"), "--coalition", world.coalition.slug)


def test_export_is_the_steering_view_without_contacts(world, tmp_path):
    out = run("export_members", "--coalition", world.coalition.slug)
    assert out.splitlines()[0] == HEADER
    assert world.markers["steering_only_name"] in out
    for key in ("pseudonymous_name", "pseudonymous_email", "steering_only_email"):
        assert world.markers[key] not in out
    target = tmp_path / "out.xlsx"
    run("export_members", "--coalition", world.coalition.slug, "--output", str(target))
    parsed = mf.parse(target.read_bytes(), "out.xlsx")
    assert len(parsed.rows) == Membership.objects.filter(coalition=world.coalition).count()


def test_an_exported_file_imports_into_another_coalition(world, tmp_path):
    from tests.support import factories as f

    target = tmp_path / "out.csv"
    run("import_members", _write(tmp_path, GOOD), "--coalition", world.coalition.slug)
    run("export_members", "--coalition", world.coalition.slug, "--output", str(target))
    fresh = f.make_coalition(world.users["admin"], name="Fresh", slug="fresh")
    # pseudonymous organisations are exported without actor type and country (the
    # operator does not see who they are): leave them out of the new coalition
    lines = [
        line
        for line in target.read_text(encoding="utf-8").splitlines()
        if ",pseudonymous," not in line
    ]
    path = _write(tmp_path, "\r\n".join(lines) + "\r\n", "back.csv")
    out = run("import_members", path, "--coalition", fresh.slug)
    assert f"Imported {len(lines) - 1} members" in out
    assert Membership.objects.filter(name_is("Амина Юсуф", fresh, "person__")).exists()


def _write(tmp_path, text, name="in.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)
