"""``coalesce backup`` and ``coalesce restore``, run as an operator runs them.

Every command runs in a subprocess with its own environment, as tests/support/real_server.py
starts servers: a data folder of its own (COALESCE_DATA_DIR) and, when DATABASE_URL names
PostgreSQL (``./dev test``'s second pass), a fresh database on that server for each
installation — the source and every restore target.

* A small installation (``tests.support.voting_world`` with a few voters, some audit events and
  an encrypted contact, so there is a key file) is backed up plainly, encrypted, and
  encrypted with its keys. A restore into a new data folder gives the manifest's row
  counts and an intact audit chain (verified with the installation's keys: without them
  the restore says the chain cannot be verified with these keys); a non-empty target, a
  truncated or byte-altered file, another version's manifest, another vendor's, a wrong
  or missing passphrase are refused with a clear message and the target is left
  untouched; the keys are in a backup only with ``--include-keys`` (and never in an
  unencrypted one).
* The big one: ``coalesce backup`` while 8 voters vote (and create API tokens, which
  appends to the audit chain) over HTTP against a real server; restored into a new
  folder, the row counts equal the manifest, the chain verifies, and a server on the
  restored database answers the same pages with the same content for the same voter.

Deadlines are generous and nothing asserts how long anything took.
"""

import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import threading
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from coalesce.core import backup as backups
from tests.support.real_server import (
    ROOT,
    PostgresDatabase,
    coalesce_server,
    is_postgres,
    migrated_database,
    run_json,
    server_env,
    start_server,
    stop_server,
    wait_until_up,
)

ON_POSTGRES = is_postgres(os.environ.get("DATABASE_URL"))
PASSPHRASE = "correct horse battery staple, in the backup room"

STATE = """
import json, django
django.setup()
from django.db import connection
from coalesce.core.backup import database_state
tables = connection.introspection.table_names()
with connection.cursor() as cursor:
    print(json.dumps(database_state(cursor, tables)))
"""

COMMANDS = """
import io, json, sys, django
django.setup()
from django.core.management import CommandError, call_command
from django.db import connection
from coalesce.core.backup import database_state
answers = []
for args in json.loads(sys.argv[1]):
    if args == ["state"]:
        with connection.cursor() as cursor:
            answers.append(database_state(cursor, connection.introspection.table_names()))
        continue
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(*args, stdout=out, stderr=err)
        ok = True
    except CommandError as error:
        ok = False
        err.write(str(error))
    answers.append({"ok": ok, "said": out.getvalue() + err.getvalue()})
print(json.dumps(answers))
"""

EXTRA = """
import json, django
django.setup()
from coalesce.accounts.models import User
from coalesce.accounts.services import issue_api_token
from coalesce.coalitions.models import Coalition
from tests.support import factories as f
coalition = Coalition.objects.get(slug="voting-world")
f.make_member(coalition, name="Protected Org", contacts={"contact_email": "hidden@example.org"})
for user in User.objects.order_by("id")[:3]:
    issue_api_token(user, "backup test")
print(json.dumps({}))
"""


class Place:
    """An installation: a data folder and its database (SQLite in it, or PostgreSQL)."""

    def __init__(self, prefix: str, *, migrated=False):
        """``migrated``: start from a copy of the suite's migrated database (to be filled
        and backed up); otherwise empty (a restore target)."""
        self.dir = Path(tempfile.mkdtemp(prefix=f"coalesce-{prefix}-"))
        if migrated:
            self.database = migrated_database(self.dir)
        else:
            self.database = PostgresDatabase(os.environ["DATABASE_URL"]) if ON_POSTGRES else None
        self.env = server_env(self.dir, self.database.url if self.database else None)
        # Keys in the data folder's file, as an installation has them by default (the
        # suite's conftest puts a key in the environment).
        for name in (backups.PASSPHRASE_ENV, "COALESCE_ENCRYPTION_KEYS"):
            self.env.pop(name, None)

    def run(self, *args, check=False) -> subprocess.CompletedProcess:
        done = subprocess.run(
            [sys.executable, "-m", "coalesce", *map(str, args)],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=300,
            stdin=subprocess.DEVNULL,
        )
        if check:
            assert done.returncode == 0, done.stdout + done.stderr[-3000:]
        return done

    def state(self) -> dict:
        return run_json(["-c", STATE], self.env)

    def commands(self, *commands) -> list:
        """Run management commands (or ``["state"]``) one after the other in one process —
        a refused restore writes nothing, so one process can try many: each gives
        {"ok", "said"} (the state gives the database's state)."""
        args = [[str(a) for a in command] for command in commands]
        return run_json(["-c", COMMANDS, json.dumps(args)], self.env)

    def sqlite_file(self) -> Path:
        return self.dir / "coalesce.sqlite3"

    def untouched(self, state=None) -> bool:
        """Nothing was restored here: no database file, or no table at all."""
        if self.database is None:
            return not self.sqlite_file().exists()
        return (state or self.state())["row_counts"] == {}

    def remove(self):
        if self.database is not None:
            self.database.drop()
        shutil.rmtree(self.dir, ignore_errors=True)


@contextmanager
def place(prefix: str):
    made = Place(prefix)
    try:
        yield made
    finally:
        made.remove()


@pytest.fixture
def target():
    with place("restore") as made:
        yield made


def refused(done, *phrases):
    said = done.stdout + done.stderr
    assert done.returncode != 0, said
    assert "Traceback" not in said, said
    for phrase in phrases:
        assert phrase in said, said
    return said


def members(path: Path) -> list[str]:
    with tarfile.open(path) as archive:
        return archive.getnames()


@pytest.fixture(scope="module")
def source():
    """A small installation and three backups of it: plain, encrypted, encrypted + keys."""
    with ExitStack() as stack:
        made = Place("backup-source", migrated=True)
        stack.callback(made.remove)
        run_json(["-m", "tests.support.voting_world", "seed", "--voters", "4"], made.env)
        run_json(["-c", EXTRA], made.env)
        passphrase = made.dir / "passphrase"
        passphrase.write_text(PASSPHRASE + "\n")
        out = Path(tempfile.mkdtemp(prefix="coalesce-backups-"))
        stack.callback(shutil.rmtree, out, True)
        sealing = ["--passphrase-file", passphrase]
        plain, sealed, keyed = made.commands(
            ["backup", out / "plain.tar"],
            ["backup", out / "sealed.tar", *sealing],
            ["backup", out / "keyed.tar", *sealing, "--include-keys"],
        )
        assert plain["ok"] and sealed["ok"] and keyed["ok"], (plain, sealed, keyed)
        yield {
            "place": made,
            "passphrase": passphrase,
            "plain": out / "plain.tar",
            "sealed": out / "sealed.tar",
            "keyed": out / "keyed.tar",
            "said": {"plain": plain["said"], "sealed": sealed["said"], "keyed": keyed["said"]},
            "out": out,
        }


def manifest_of(path: Path, passphrase=None) -> dict:
    with backups.open_archive(path, passphrase) as opened:
        return opened.manifest


# --- backup and restore ------------------------------------------------------------------


def test_the_manifest_describes_the_snapshot(source):
    manifest = manifest_of(source["plain"])
    state = source["place"].state()
    from coalesce import __version__

    assert manifest["coalesce_version"] == __version__
    assert manifest["database_vendor"] == ("postgresql" if ON_POSTGRES else "sqlite")
    assert manifest["row_counts"] == state["row_counts"]
    assert manifest["migrations"] == state["migrations"]
    assert manifest["migrations"]["decisions"] and manifest["migrations"]["audit"]
    assert manifest["audit_chain"] == state["audit_chain"]
    assert manifest["audit_chain"]["events"] >= 3
    assert manifest["audit_chain"]["head"] == manifest["audit_chain"]["last_event_hash"]
    assert len(manifest["snapshot"]["sha256"]) == 64 and manifest["created_at"]
    assert sorted(members(source["plain"])) == sorted(
        ["manifest.json", "manifest.sha256", manifest["snapshot"]["file"]]
    )


def given_the_keys(source, target):
    """The source's keys put in the target's data folder, as an operator restores a
    backup without them (docs/operations.md)."""
    shutil.copy(source["place"].dir / "encryption_keys", target.dir / "encryption_keys")


def test_a_restore_into_a_new_data_folder_gives_the_same_rows_and_a_verified_chain(source, target):
    given_the_keys(source, target)
    done = target.run("restore", source["plain"], check=True)
    assert "Row counts match the manifest" in done.stdout
    assert "The audit chain is intact." in done.stdout
    assert "holds no encryption keys" in done.stdout
    manifest = manifest_of(source["plain"])
    state, verified, plan = target.commands(["state"], ["verify_audit"], ["migrate", "--plan"])
    assert state["row_counts"] == manifest["row_counts"]
    assert state["audit_chain"] == manifest["audit_chain"]
    assert verified["ok"] and "intact" in verified["said"]
    # Migrations are all applied already: nothing is left to do.
    assert "No planned migration operations" in plan["said"], plan


def test_a_restore_without_the_keys_says_the_chain_cannot_be_verified_with_these(source, target):
    (target.dir / "encryption_keys").write_text(Fernet.generate_key().decode() + "\n")
    done = target.run("restore", source["plain"])
    said = refused(done, "The backup was restored", "cannot be verified with these keys")
    assert str(target.dir / "encryption_keys") in said
    # With the installation's keys beside its own, the restored chain verifies.
    with (target.dir / "encryption_keys").open("a") as keys:
        keys.write((source["place"].dir / "encryption_keys").read_text())
    [verified] = target.commands(["verify_audit"])
    assert verified["ok"] and "intact" in verified["said"], verified


def test_an_encrypted_backup_restores_with_its_passphrase(source, target):
    given_the_keys(source, target)
    restored, state = target.commands(
        ["restore", source["sealed"], "--passphrase-file", source["passphrase"]], ["state"]
    )
    assert restored["ok"], restored
    assert "Row counts match the manifest" in restored["said"]
    assert state["row_counts"] == manifest_of(source["plain"])["row_counts"]


def test_a_non_empty_target_is_refused_and_left_untouched(source):
    installation = source["place"]
    before = installation.state()
    fingerprint = installation.sqlite_file().read_bytes() if not ON_POSTGRES else None
    done = installation.run("restore", source["plain"])  # the real command line: exit code
    refused(done, "not empty", "applied migrations", "nothing was changed")
    assert installation.state() == before
    if fingerprint is not None:
        assert installation.sqlite_file().read_bytes() == fingerprint


def attempts(target, tries: list) -> list[str]:
    """Try each restore in ``tries`` ([file, *args]) on ``target``: each must be refused
    and leave it untouched; what each said."""
    # The state is read only on PostgreSQL: reading it would create a SQLite file.
    state = [["state"]] if ON_POSTGRES else []
    answers = target.commands(*[["restore", *t] for t in tries], *state)
    said = answers[: len(tries)]
    for attempt, answer in zip(tries, said, strict=True):
        assert not answer["ok"], (attempt, answer)
        assert "Traceback" not in answer["said"], answer
    assert target.untouched(answers[-1] if ON_POSTGRES else None)
    return [answer["said"] for answer in said]


def rewritten(source, target, name, change) -> Path:
    """The plain backup with its manifest changed (and consistently re-summed)."""
    with backups.open_archive(source["plain"], None) as opened:
        manifest = json.loads(json.dumps(opened.manifest))
        change(manifest)
        snapshot = manifest["snapshot"]["file"]
        out = target.dir / name
        backups.write_archive(out, manifest, {snapshot: opened.files[snapshot]}, None)
    return out


def test_damaged_altered_foreign_or_locked_backups_are_refused_and_nothing_is_written(
    source, target
):
    passphrase = ["--passphrase-file", source["passphrase"]]
    tries, expected = [], []

    def attempt(path, args, *phrases):
        tries.append([path, *args])
        expected.append(phrases)

    # Truncated: plain and encrypted, cut in the middle and near the end.
    for kind in ("plain", "sealed"):
        whole = source[kind].read_bytes()
        for size in (len(whole) // 2, len(whole) - 700):
            cut = target.dir / f"cut-{kind}-{size}"
            cut.write_bytes(whole[:size])
            attempt(cut, passphrase if kind == "sealed" else [], "truncated")
    # One byte altered in the snapshot, and in an encrypted backup.
    whole = bytearray(source["plain"].read_bytes())
    with tarfile.open(source["plain"]) as archive:
        snapshot = archive.getmember(manifest_of(source["plain"])["snapshot"]["file"])
    whole[snapshot.offset_data + snapshot.size // 2] ^= 0x01
    altered = target.dir / "altered.tar"
    altered.write_bytes(bytes(whole))
    attempt(altered, [], "altered", "SHA-256 does not match")
    sealed = bytearray(source["sealed"].read_bytes())
    sealed[len(sealed) // 2] ^= 0x80
    altered_sealed = target.dir / "altered-sealed"
    altered_sealed.write_bytes(bytes(sealed))
    attempt(altered_sealed, passphrase, "cannot be decrypted", "Nothing was restored")
    # A digit of the manifest's row counts altered.
    whole = source["plain"].read_bytes()
    body = json.dumps(manifest_of(source["plain"]), indent=2, sort_keys=True).encode()
    start = whole.index(body) + body.index(b'"row_counts"')
    digit = next(i for i in range(start, len(whole)) if whole[i : i + 1].isdigit())
    changed = bytearray(whole)
    changed[digit] = ord("9") if whole[digit : digit + 1] != b"9" else ord("8")
    (target.dir / "manifest-altered.tar").write_bytes(bytes(changed))
    attempt(target.dir / "manifest-altered.tar", [], "manifest was altered")
    # Another version's backup, another vendor's.
    other = rewritten(source, target, "v.tar", lambda m: m.update(coalesce_version="0.0.9"))
    attempt(other, [], "made by Coalesce 0.0.9", "then upgrade")
    swap = "sqlite" if ON_POSTGRES else "postgresql"
    foreign = rewritten(source, target, "vendor.tar", lambda m: m.update(database_vendor=swap))
    attempt(foreign, [], f"backup is of a {swap} database")
    # A wrong passphrase, none at all, a file that is not there.
    wrong = target.dir / "wrong"
    wrong.write_text("not the passphrase")
    attempt(source["sealed"], ["--passphrase-file", wrong], "passphrase is wrong")
    attempt(source["sealed"], [], "This backup is encrypted")
    attempt(target.dir / "missing.tar", [], "No backup at")

    for attempted, said, phrases in zip(tries, attempts(target, tries), expected, strict=True):
        for phrase in phrases:
            assert phrase in said, (attempted, said)


def test_the_keys_are_in_a_backup_only_when_asked_and_only_encrypted(source, target):
    installation = source["place"]
    key_file = installation.dir / "encryption_keys"
    keys = key_file.read_text().split()
    assert keys
    # Not in the plain backup, anywhere in its bytes; the command says where they are.
    assert "encryption_keys" not in members(source["plain"])
    plain = source["plain"].read_bytes()
    assert not any(key.encode() in plain for key in keys)
    for kind in ("plain", "sealed"):
        assert "keys are NOT in this backup" in source["said"][kind]
        assert str(key_file) in source["said"][kind]
    assert manifest_of(source["sealed"], PASSPHRASE)["keys"] is None
    with backups.open_archive(source["sealed"], PASSPHRASE) as opened:
        assert "encryption_keys" not in opened.files
    # Asked for, in an encrypted backup: there, and restored into the new data folder.
    assert "keys ARE in this backup" in source["said"]["keyed"]
    keyed = source["keyed"].read_bytes()
    assert not any(key.encode() in keyed for key in keys)  # encrypted
    with backups.open_archive(source["keyed"], PASSPHRASE) as opened:
        assert opened.files["encryption_keys"].read_text().split() == keys
    [restored] = target.commands(
        ["restore", source["keyed"], "--passphrase-file", source["passphrase"]]
    )
    assert restored["ok"], restored
    assert (target.dir / "encryption_keys").read_text().split() == keys
    # Refused without a passphrase: no file is written.
    [unsealed] = installation.commands(["backup", source["out"] / "no.tar", "--include-keys"])
    assert not unsealed["ok"] and "--include-keys needs a passphrase" in unsealed["said"]
    assert not (source["out"] / "no.tar").exists()


def test_a_backup_does_not_overwrite_a_file(source):
    before = source["plain"].read_bytes()
    [answer] = source["place"].commands(["backup", source["plain"]])
    assert not answer["ok"] and "exists" in answer["said"]
    assert source["plain"].read_bytes() == before


# --- the big one: a backup while 8 voters vote -----------------------------------------

# Eight voters, not twenty as before: eight requests at a time keep both server workers
# writing (ballots, audit events, tokens) through the whole backup, which is what the test
# needs; twenty made it the slowest test of the suite (a minute) for nothing more proven.
VOTERS = 8


class Http:
    def __init__(self, base):
        self.base = base

    def request(self, method, path, token, body=None) -> tuple[int, str]:
        request = urllib.request.Request(
            self.base + path,
            method=method,
            data=json.dumps(body).encode() if body is not None else None,
            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=60) as answer:
                return answer.status, answer.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()


def pages(http: Http, world: dict, token: str) -> dict:
    """What a voter sees of things the voting did not change, as the API answers it."""
    slug, settled = world["slug"], world["proposals"]["settled"]
    found = {}
    for path in (
        f"/api/coalitions/{slug}",
        f"/api/coalitions/{slug}/memberships?limit=100",
        f"/api/coalitions/{slug}/proposals/{settled}",
    ):
        status, body = http.request("GET", path, token)
        assert status == 200, (path, status, body[:500])
        found[path] = json.loads(body)
    return found


def test_a_backup_while_eight_voters_vote_restores_to_the_same_pages(tmp_path):
    seed = ["-m", "tests.support.voting_world", "seed", "--voters", str(VOTERS)]
    seed += ["--proposals", "open", "secret", "settled"]
    with coalesce_server("backup-live", seed) as live, place("backup-restored") as restored:
        world, tokens = live.seeded, live.seeded["tokens"]
        http = Http(live.base)
        slug = world["slug"]
        ballot = f"/api/coalitions/{slug}/proposals/{{}}/ballot"
        # A proposal voted on and closed before the backup: its outcome must come back.
        for n, token in enumerate(tokens):
            position = ("yes", "no", "abstain")[n % 3]
            status, body = http.request(
                "POST", ballot.format(world["proposals"]["settled"]), token, {"position": position}
            )
            assert status == 200, body
        run_json(
            [
                "-m",
                "tests.support.voting_world",
                "close",
                "--proposals",
                str(world["proposals"]["settled"]),
            ],
            live.env,
        )
        before = pages(http, world, tokens[0])
        directory = before[f"/api/coalitions/{slug}/memberships?limit=100"]["items"]
        own = {item["name"]: item["id"] for item in directory}
        contacts = f"/api/coalitions/{slug}/memberships/{{}}/contacts"

        backed_up = threading.Event()
        first_round = threading.Barrier(VOTERS + 1)  # the backup starts after each voter's first
        after_backup = [0] * VOTERS
        answers = [[] for _ in range(VOTERS)]

        def voter(n):
            token = tokens[n]
            status, body = http.request(
                "POST", ballot.format(world["proposals"]["secret"]), token, {"position": "yes"}
            )
            answers[n].append((status, body))
            rounds = 0
            # Vote (and change one's vote) until the backup is done and one more vote is in.
            while after_backup[n] < 1:
                done = backed_up.is_set()
                position = ("yes", "no")[rounds % 2]
                answers[n].append(
                    http.request(
                        "POST",
                        ballot.format(world["proposals"]["open"]),
                        token,
                        {"position": position},
                    )
                )
                if rounds % 3 == 0:  # reading one's contacts: an audit event in the chain
                    mine = own[f"Voter organisation {n}"]
                    answers[n].append(http.request("POST", contacts.format(mine), token))
                if rounds % 3 == 0 and rounds < 9:  # a few tokens: one holds at most 20
                    answers[n].append(
                        http.request("POST", "/api/tokens", token, {"name": f"r{rounds}"})
                    )
                rounds += 1
                if rounds == 1:
                    first_round.wait(timeout=300)
                if done:
                    after_backup[n] += 1
            return rounds

        archive = tmp_path / "live.coalesce-backup"
        passphrase = tmp_path / "passphrase"
        passphrase.write_text(PASSPHRASE)
        backup_env = {**live.env}
        with ThreadPoolExecutor(max_workers=VOTERS) as pool:
            voting = [pool.submit(voter, n) for n in range(VOTERS)]
            try:
                first_round.wait(timeout=300)
                made = subprocess.run(
                    [sys.executable, "-m", "coalesce", "backup", str(archive)]
                    + ["--passphrase-file", str(passphrase), "--include-keys"],
                    cwd=ROOT,
                    env=backup_env,
                    capture_output=True,
                    text=True,
                    timeout=300,
                )
            finally:
                backed_up.set()
            rounds = [future.result(timeout=300) for future in voting]
        assert made.returncode == 0, made.stdout + made.stderr
        assert all(r >= 1 for r in rounds)
        for status, body in (a for per_voter in answers for a in per_voter):
            assert status in (200, 201), (status, body[:500])
        log = live.log.read_text()
        assert "Traceback" not in log, log[-3000:]
        assert "database is locked" not in log.lower()

        manifest = manifest_of(archive, PASSPHRASE)
        done, state, verified = restored.commands(
            ["restore", archive, "--passphrase-file", passphrase], ["state"], ["verify_audit"]
        )
        assert done["ok"], done
        assert "Row counts match the manifest" in done["said"]
        assert "The audit chain is intact." in done["said"]
        assert state["row_counts"] == manifest["row_counts"]
        assert state["audit_chain"] == manifest["audit_chain"]
        assert verified["ok"] and "intact" in verified["said"], verified
        assert manifest["row_counts"]["accounts_apitoken"] > VOTERS + 1
        assert manifest["audit_chain"]["events"] >= VOTERS  # one each, in the first round

        log = restored.dir / "server.log"
        process, base = start_server(restored.env, log, workers=1, threads=4)
        try:
            wait_until_up(base, process, log)
            again = Http(base)
            assert pages(again, world, tokens[0]) == before
            for token in tokens[1:4]:
                assert pages(again, world, token) == pages(http, world, token)
            for name in ("open", "secret"):
                path = f"/api/coalitions/{slug}/proposals/{world['proposals'][name]}"
                status, body = again.request("GET", path, tokens[0])
                assert status == 200, body
                assert json.loads(body)["took_part"] <= VOTERS
        finally:
            stop_server(process)
        # Nothing half-written in the snapshot: every voter marked as having voted has its
        # secret ballot, every elector with an open ballot has exactly one.
        ids = [str(world["proposals"][name]) for name in ("open", "secret")]
        report = run_json(
            ["-m", "tests.support.voting_world", "close", "--proposals", *ids], restored.env
        )
        opened, secret = report[ids[0]], report[ids[1]]
        assert (
            opened["ballots"] == opened["electors_with_ballot"] == opened["result"]["participants"]
        )
        assert secret["secret_ballots"] == secret["electors_voted"]
