"""Secret ballots cannot be linked to their voters from copies of the database.

The attacker: someone with a copy of the database files taken after every single vote
(on SQLite the database file *and* its write-ahead log, opened read-only; on
PostgreSQL the tables with each row's ``ctid`` and ``xmin``), but not the key file.
They see which elector was marked as having voted in each copy. The mix
(``decisions.mix``) must leave them no better than chance among ``mix.BATCH``: a copy
adds no ballot or a batch of at least ``BATCH`` (at the close: all that were left),
nothing in the ballots table holds a voter, a time or a sequence, and the sealed pool
holds nothing readable.

pytest-django's SQLite test database lives in memory, so the votes are cast in a
subprocess on a database of its own (a file in a temporary data folder, or a fresh
database on the PostgreSQL server of DATABASE_URL), which copies or reads the tables
after each vote: ``python -m tests.decisions.test_ballot_unlinkable OUT_DIR``. The same
subprocess then has 40 voters vote at the same moment, from 40 threads.
"""

import base64
import json
import os
import shutil
import sqlite3
import sys
import tempfile
import threading
import uuid
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest

from tests.support.real_server import migrated_database, run_json

VOTERS = 40
CONCURRENT = 40
BALLOTS_COLUMNS = {"id", "proposal_id", "position", "reason", "receipt_hash"}
SEALED_COLUMNS = {"id", "proposal_id", "sealed"}
CONSENSUS = ("agree", "abstain", "stand_aside", "block")


def reason_for(n: int) -> str:
    """A block's reason: a marker to look for in the files, and a length of its own."""
    return f"MARKER-REASON-{n:02d}" + " because" * (n * 7 % 40)


# --- the subprocess: cast the votes, copy the database after each ------------------


def scenario(out: Path) -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coalesce.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from coalesce.accounts.models import User
    from coalesce.coalitions.models import Coalition
    from coalesce.coalitions.policy import actor_for
    from coalesce.decisions import mix, selectors, services
    from coalesce.decisions.models import Proposal
    from tests.support.voting_world import seed

    call_command("migrate", interactive=False, verbosity=0)
    slug = "unlinkable"
    world = seed(VOTERS, ["secret_concurrent"], slug)
    coalition = Coalition.objects.get(slug=slug)
    admin = actor_for(User.objects.get(email=f"admin@{slug}.example.org"), coalition)
    voters = [
        actor_for(User.objects.get(email=f"voter{n}@{slug}.example.org"), coalition)
        for n in range(VOTERS)
    ]
    category = services.create_category(admin, name="Sensitive statements")
    services.define_rule(
        admin,
        category.id,
        method="consensus",
        electorate="all_members",
        quorum_percent=0,
        window_hours=24,
        secret=True,
    )
    proposal = services.create_proposal(voters[0], category_id=category.id, title="T", body="B")
    services.open_proposal(voters[0], proposal.id)
    proposal = Proposal.objects.select_related("rule").get(pk=proposal.id)
    sqlite = connection.vendor == "sqlite"
    database = Path(connection.settings_dict["NAME"])

    def snapshot(name):
        if sqlite:  # the files as a backup or a stolen disk would have them
            shutil.copyfile(database, out / f"{name}.sqlite3")
            wal = Path(f"{database}-wal")
            if wal.exists():
                shutil.copyfile(wal, out / f"{name}.sqlite3-wal")
        else:
            (out / f"{name}.json").write_text(json.dumps(postgres_rows(connection, proposal.id)))

    cast, statuses = [], []
    snapshot("opened")
    for n, voter in enumerate(voters):
        position = CONSENSUS[n % len(CONSENSUS)]
        reason = reason_for(n) if position == "block" else ""
        code = services.cast(voter, proposal.id, position=position, reason=reason)
        key = f"m{min(voter.own_membership_ids)}"
        cast.append({"key": key, "code": code, "position": position, "reason": reason})
        snapshot(f"vote{n:02d}")
        statuses.append([selectors.receipt_status(proposal, c["code"]) for c in cast])
    later = timezone.now() + timedelta(days=2)
    closed = services.close_proposal(proposal.id, now=later)
    snapshot("closed")
    statuses.append([selectors.receipt_status(proposal, c["code"]) for c in cast])
    return {
        "vendor": connection.vendor,
        "proposal": proposal.id,
        "batch": mix.BATCH,
        "cast": cast,
        "statuses": statuses,
        "result": closed.result,
        "receipt_hashes": [services.receipt_hash(c["code"]) for c in cast],
        "concurrent": concurrent(world["proposals"]["secret_concurrent"], slug, later),
    }


def concurrent(proposal_id: int, slug: str, later) -> dict:
    """Every voter casts on one secret ballot at the same moment, each from its thread
    (and its own database connection)."""
    from django.db import connection

    from coalesce.accounts.models import User
    from coalesce.coalitions.models import Coalition
    from coalesce.coalitions.policy import actor_for
    from coalesce.decisions import selectors, services
    from coalesce.decisions.models import Proposal, SealedBallot, SecretBallot

    coalition = Coalition.objects.get(slug=slug)
    voters = [
        actor_for(User.objects.get(email=f"voter{n}@{slug}.example.org"), coalition)
        for n in range(CONCURRENT)
    ]
    barrier = threading.Barrier(CONCURRENT)
    answers = [None] * CONCURRENT

    def vote(n):
        try:
            barrier.wait(timeout=60)
            position = ("yes", "no", "abstain")[n % 3]
            answers[n] = ["ok", position, services.cast(voters[n], proposal_id, position=position)]
        except Exception as error:  # noqa: BLE001 — reported to the test, which fails
            answers[n] = ["error", repr(error), None]
        finally:
            connection.close()

    threads = [threading.Thread(target=vote, args=(n,)) for n in range(CONCURRENT)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    closed = services.close_proposal(proposal_id, now=later)
    proposal = Proposal.objects.get(pk=proposal_id)
    return {
        "answers": answers,
        "result": closed.result,
        "secret_ballots": SecretBallot.objects.filter(proposal_id=proposal_id).count(),
        "sealed_ballots": SealedBallot.objects.filter(proposal_id=proposal_id).count(),
        "found": [selectors.receipt_status(proposal, code) for _s, _p, code in answers if code],
    }


def postgres_rows(connection, proposal_id) -> dict:
    tables = {"ballots": "decisions_secretballot", "sealed": "decisions_sealedballot"}
    rows = {}
    with connection.cursor() as cursor:
        for name, table in tables.items():
            cursor.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = %s",
                [table],
            )
            rows[f"{name}_columns"] = sorted(r[0] for r in cursor.fetchall())
            cursor.execute(
                f"SELECT ctid::text, xmin::text, row_to_json(t)::text FROM {table} t "  # noqa: S608
                "WHERE proposal_id = %s",
                [proposal_id],
            )
            rows[name] = [
                {"ctid": ctid, "xmin": xmin, **json.loads(row)}
                for ctid, xmin, row in cursor.fetchall()
            ]
        cursor.execute(
            "SELECT key, xmin::text FROM decisions_elector WHERE proposal_id = %s AND has_voted",
            [proposal_id],
        )
        rows["voted"] = dict(cursor.fetchall())
    return rows


# --- the attacker's view of each copy -------------------------------------------------


class Copy:
    """One copy of the database: the ballots, the sealed pool, who has voted, and for
    each ballot where it sits (physical position) as the attacker can read it."""

    def __init__(self, name, ballots, sealed, voted, place, columns, raw=b""):
        self.name = name
        self.ballots = ballots  # id → row
        self.sealed = sealed  # id → the stored sealed text
        self.voted = voted  # elector keys marked as having voted
        self.place = place  # ballot id → a sortable physical position
        self.columns = columns  # {"ballots": set, "sealed": set}
        self.raw = raw  # SQLite: the bytes of the database file and its log


def read_sqlite(path: Path, proposal_id: int) -> Copy:
    wal = Path(f"{path}-wal")
    raw_wal = wal.read_bytes() if wal.exists() else b""
    raw_db = path.read_bytes()
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        columns = {
            name: {row[1] for row in db.execute(f"PRAGMA table_info({table})")}
            for name, table in [
                ("ballots", "decisions_secretballot"),
                ("sealed", "decisions_sealedballot"),
            ]
        }
        (create,) = db.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'decisions_secretballot'"
        ).fetchone()
        assert create.rstrip().upper().endswith("WITHOUT ROWID"), create
        with pytest.raises(sqlite3.OperationalError):
            db.execute("SELECT rowid FROM decisions_secretballot")
        ballots = {
            row[0]: dict(zip(("id", "position", "reason", "receipt_hash"), row, strict=True))
            for row in db.execute(
                "SELECT id, position, reason, receipt_hash FROM decisions_secretballot "
                "WHERE proposal_id = ?",
                [proposal_id],
            )
        }
        sealed = dict(
            db.execute(
                "SELECT id, sealed FROM decisions_sealedballot WHERE proposal_id = ?",
                [proposal_id],
            )
        )
        voted = {
            key
            for (key,) in db.execute(
                "SELECT key FROM decisions_elector WHERE proposal_id = ? AND has_voted",
                [proposal_id],
            )
        }
    finally:
        db.close()

    def place(ballot_id):
        # Where the row first appears: in the log (the commit that added it, then the
        # cell's offset in that page), else in the database file.
        at = raw_wal.find(ballot_id.encode())
        return at if at >= 0 else len(raw_wal) + raw_db.find(ballot_id.encode())

    places = {ballot_id: place(ballot_id) for ballot_id in ballots}
    return Copy(path.stem, ballots, sealed, voted, places, columns, raw_wal + raw_db)


def read_postgres(path: Path) -> Copy:
    rows = json.loads(path.read_text())
    ballots = {row["id"]: row for row in rows["ballots"]}
    places = {}
    for row in rows["ballots"]:
        page, offset = row["ctid"].strip("()").split(",")
        places[row["id"]] = (int(page), int(offset))
    columns = {"ballots": set(rows["ballots_columns"]), "sealed": set(rows["sealed_columns"])}
    sealed = {row["id"]: row["sealed"] for row in rows["sealed"]}
    copy = Copy(path.stem, ballots, sealed, set(rows["voted"]), places, columns)
    copy.xmin = {row["id"]: row["xmin"] for row in rows["ballots"]}
    return copy


@pytest.fixture(scope="module")
def run():
    out = Path(tempfile.mkdtemp(prefix="coalesce-unlinkable-"))
    data = out / "data"
    data.mkdir()
    env = {**os.environ, "COALESCE_DATA_DIR": str(data)}
    env["DJANGO_SETTINGS_MODULE"] = "coalesce.settings"
    env.pop("DATABASE_URL", None)
    database = migrated_database(data)  # the script's migrate then has nothing to do
    if database is not None:
        env["DATABASE_URL"] = database.url
    try:
        report = run_json(["-m", "tests.decisions.test_ballot_unlinkable", str(out)], env)
        names = ["opened"] + [f"vote{n:02d}" for n in range(VOTERS)] + ["closed"]
        if report["vendor"] == "sqlite":
            copies = [read_sqlite(out / f"{n}.sqlite3", report["proposal"]) for n in names]
        else:
            copies = [read_postgres(out / f"{n}.json") for n in names]
        yield report, copies
    finally:
        if database is not None:
            database.drop()
        shutil.rmtree(out, ignore_errors=True)


def releases(report, copies):
    """Each copy-to-copy change of the ballots table, as the attacker reads it: the
    ballots added, the voter who voted just before (None at the close), and the voters
    whose seals left the pool (known, from the copy in which each seal appeared)."""
    seal_owner = {}
    for before, after in zip(copies, copies[1:], strict=False):
        new_voters = after.voted - before.voted
        new_seals = after.sealed.keys() - before.sealed.keys()
        for seal in new_seals:
            assert len(new_voters) == 1
            seal_owner[seal] = next(iter(new_voters))
        left_pool = {seal_owner[s] for s in before.sealed.keys() - after.sealed.keys()}
        if new_voters and not new_seals:  # sealed and released in the same commit
            left_pool |= new_voters
        yield (
            after,
            [after.ballots[b] for b in after.ballots.keys() - before.ballots.keys()],
            before.ballots.keys() - after.ballots.keys(),
            left_pool,
            new_voters,
        )


def marker(cast) -> str:
    return cast["reason"].split()[0]


# --- the tests ----------------------------------------------------------------------


def test_every_change_of_the_ballots_table_is_none_or_a_whole_batch(run):
    report, copies = run
    k = report["batch"]
    assert k >= 5
    sizes = []
    for after, added, removed, _left_pool, new_voters in releases(report, copies):
        assert not removed, after.name  # a released ballot stays
        if after.name == "closed":
            assert not new_voters and not after.sealed
            assert len(added) >= k  # at least k voted: the close releases at least k
        else:
            assert len(new_voters) <= 1
            assert len(added) == 0 or len(added) >= k, after.name
            # the pool keeps k once it has had 2k: every later batch hides among k
            if len(after.voted) >= 2 * k:
                assert k <= len(after.sealed) < 2 * k, after.name
        if added:
            sizes.append(len(added))
    assert sum(sizes) == VOTERS and len(sizes) >= 3  # released during the vote and at close


def test_the_voters_of_a_batch_are_known_but_not_which_ballot_is_whose(run):
    report, copies = run
    owner = {h: c["key"] for h, c in zip(report["receipt_hashes"], report["cast"], strict=True)}
    order = [c["key"] for c in report["cast"]]
    strategies = {
        "physical position": lambda copy, b: copy.place[b["id"]],
        "primary key": lambda copy, b: b["id"],
        "receipt hash": lambda copy, b: b["receipt_hash"],
    }
    right = Counter()
    batches = 0
    for after, added, _removed, left_pool, _new in releases(report, copies):
        if not added:
            continue
        batches += 1
        # What the attacker can tell: which voters' seals left the pool for this batch.
        assert {owner[b["receipt_hash"]] for b in added} == left_pool
        if report["vendor"] == "postgresql":
            # one transaction per batch: xmin tells the batch, no more
            assert len({after.xmin[b["id"]] for b in added}) == 1
        voters = sorted(left_pool, key=order.index)  # in the order they voted
        for name, key in strategies.items():
            for reverse in (False, True):
                guess = sorted(added, key=lambda b: key(after, b), reverse=reverse)  # noqa: B023
                right[name, reverse] += sum(
                    owner[b["receipt_hash"]] == v for b, v in zip(guess, voters, strict=True)
                )
    assert batches >= 3
    # By chance, about one right per batch; 32 of 40 has a chance under 1e-10 (the
    # unshuffled insertion order would give all 40).
    assert all(n < 32 for n in right.values()), right


def test_no_column_holds_a_voter_a_time_or_a_sequence(run):
    report, copies = run
    for copy in copies:
        assert copy.columns == {"ballots": BALLOTS_COLUMNS, "sealed": SEALED_COLUMNS}
    final = copies[-1]
    assert len(final.ballots) == VOTERS
    for ballot in final.ballots.values():
        assert uuid.UUID(ballot["id"]).version == 4  # random, not time-based
    cast = {(c["position"], c["reason"]) for c in report["cast"]}
    assert {(b["position"], b["reason"]) for b in final.ballots.values()} == cast


def test_the_sealed_pool_holds_nothing_readable(run):
    report, copies = run
    hashes = report["receipt_hashes"]
    markers = [marker(c) for c in report["cast"] if c["reason"]]
    assert markers
    lengths = set()
    seen = 0
    for copy in copies:
        released = {b["receipt_hash"] for b in copy.ballots.values()}
        for text in copy.sealed.values():
            seen += 1
            lengths.add(len(text))
            token = base64.urlsafe_b64decode(text)
            assert token[0] == 0x80  # a Fernet token: AES with an HMAC
            assert not any(h in text for h in hashes)
            assert not any(m in text for m in markers)
        if copy.raw:  # SQLite: nowhere in the file or its log before its release
            for digest, cast in zip(hashes, report["cast"], strict=True):
                if digest not in released:
                    assert digest.encode() not in copy.raw, copy.name
                    if cast["reason"]:
                        assert marker(cast).encode() not in copy.raw, copy.name
        for cast in report["cast"]:  # the receipt code itself is never stored
            assert cast["code"].encode() not in copy.raw
    assert seen and len(lengths) == 1  # every seal as long as every other


def test_receipts_verify_while_sealed_once_released_and_after_the_close(run):
    report, _copies = run
    statuses = report["statuses"]
    during = [s for row in statuses[:-1] for s in row]
    assert None not in during
    assert "sealed" in during and "listed" in during
    assert statuses[-1] == ["listed"] * VOTERS


def test_the_tally_after_the_close_equals_the_positions_cast(run):
    report, _copies = run
    cast = Counter(c["position"] for c in report["cast"])
    assert report["result"]["counts"] == {p: cast[p] for p in CONSENSUS}
    assert report["result"]["participants"] == VOTERS


def test_forty_voters_at_once_lose_no_secret_ballot(run):
    report, _copies = run
    done = report["concurrent"]
    assert [a[0] for a in done["answers"]] == ["ok"] * CONCURRENT, done["answers"]
    codes = [code for _s, _p, code in done["answers"]]
    assert len(set(codes)) == CONCURRENT
    cast = Counter(position for _s, position, _c in done["answers"])
    assert done["result"]["counts"] == {p: cast[p] for p in ("yes", "no", "abstain")}
    assert done["result"]["participants"] == CONCURRENT
    assert done["secret_ballots"] == CONCURRENT and done["sealed_ballots"] == 0
    assert done["found"] == ["listed"] * CONCURRENT


def test_rotating_keys_reencrypts_the_sealed_ballots(key_file, world):
    from django.core.management import call_command
    from django.utils import timezone

    from coalesce.coalitions.policy import actor_for
    from coalesce.decisions import selectors, services
    from coalesce.decisions.models import SealedBallot

    a = {role: actor_for(user, world.coalition) for role, user in world.users.items()}
    category = services.create_category(a["admin"], name="New members")
    services.define_rule(
        a["admin"], category.id, method="simple_majority", electorate="all_members",
        quorum_percent=0, window_hours=1, secret=True,
    )  # fmt: skip
    proposal = services.create_proposal(a["member"], category_id=category.id, title="X", body="…")
    services.open_proposal(a["member"], proposal.id)
    votes = [("member", "yes"), ("chair", "no")]
    codes = [services.cast(a[role], proposal.id, position=p) for role, p in votes]
    before = stored_seals()
    assert len(before) == 2

    call_command("rotate_keys", "--retire")

    after = stored_seals()
    assert len(after) == 2 and not after & before  # every seal encrypted again
    proposal.refresh_from_db()
    assert all(selectors.receipt_status(proposal, code) == "sealed" for code in codes)
    closed = services.close_proposal(proposal.id, now=timezone.now() + timedelta(hours=2))
    assert closed.result["counts"] == {"yes": 1, "no": 1, "abstain": 0}
    assert all(selectors.receipt_status(closed, code) == "listed" for code in codes)
    assert not SealedBallot.objects.exists()


def stored_seals() -> set[str]:
    """The sealed column as stored (the field decrypts what the ORM reads)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT sealed FROM decisions_sealedballot")
        return {row[0] for row in cursor.fetchall()}


@pytest.mark.django_db
def test_the_ballots_table_has_no_rowid_after_every_migration():
    """Django rebuilds a table it alters on SQLite without WITHOUT ROWID: a later
    migration of SecretBallot must apply it again (``sqlite_tables.without_rowid``)."""
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL tables have no rowid (ballots arrive in shuffled batches)")
    with connection.cursor() as cursor:
        cursor.execute("SELECT sql FROM sqlite_master WHERE name = 'decisions_secretballot'")
        (create,) = cursor.fetchone()
    from coalesce.decisions.sqlite_tables import is_without_rowid

    assert is_without_rowid(create), create


if __name__ == "__main__":
    folder = Path(sys.argv[1])
    sys.stdout.write(json.dumps(scenario(folder), default=str) + "\n")
