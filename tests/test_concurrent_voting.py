"""Votes arriving at the same moment, through a real server, on the suite's database.

``coalesce serve`` (gunicorn, two workers of eight threads, all middleware; settings
``tests.server_settings``: production's, static files left uncompressed) runs in a
subprocess on its own database: SQLite in a temporary data folder, or — when
DATABASE_URL names a PostgreSQL server, as in ``./dev test``'s second pass — a fresh
database on that server, dropped afterwards. ``tests.voting_world`` fills it; votes go
to ``POST /api/coalitions/{slug}/proposals/{id}/ballot`` from a thread pool behind a
barrier, so they reach the server together. Closing and counting is done by
``tests.voting_world close`` in the server's database.
"""

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
VOTERS = 40
PAIRS = 20  # voters who each send two ballots at the same moment
PROPOSALS = ["open_many", "secret_many", "open_twice", "secret_twice"]


# --- the server and its database --------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PostgresDatabase:
    """A database of its own on the PostgreSQL server of DATABASE_URL."""

    def __init__(self, url: str):
        import psycopg

        self.psycopg = psycopg
        parts = urllib.parse.urlsplit(url)
        self.name = f"coalesce_voting_{secrets.token_hex(4)}"
        self.url = urllib.parse.urlunsplit(parts._replace(path="/" + self.name))
        self.admin_url = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
        with psycopg.connect(self.admin_url, autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{self.name}"')

    def drop(self):
        with self.psycopg.connect(self.admin_url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def is_postgres(url: str | None) -> bool:
    return bool(url) and url.split(":", 1)[0] in {"postgres", "postgresql", "pgsql"}


def python(args, env, **kwargs):
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        **kwargs,
    )


def run_json(args, env):
    done = python(args, env)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def server():
    data_dir = tempfile.mkdtemp(prefix="coalesce-voting-")
    env = {
        **os.environ,
        "COALESCE_DATA_DIR": data_dir,
        "DJANGO_SETTINGS_MODULE": "tests.server_settings",
    }
    # The production defaults: tasks queued in the database, no test-only backends.
    env.pop("TASKS_BACKEND", None)
    env.pop("EMAIL_BACKEND", None)
    database = None
    if is_postgres(os.environ.get("DATABASE_URL")):
        database = PostgresDatabase(os.environ["DATABASE_URL"])
        env["DATABASE_URL"] = database.url
    else:
        env.pop("DATABASE_URL", None)
    process = None
    log = Path(data_dir) / "server.log"
    try:
        world = run_json(
            [
                "-m",
                "tests.voting_world",
                "seed",
                "--voters",
                str(VOTERS),
                "--proposals",
                *PROPOSALS,
            ],
            env,
        )
        port = free_port()
        with log.open("w") as out:
            process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "coalesce",
                    "serve",
                    f"127.0.0.1:{port}",
                    "--workers",
                    "2",
                    "--threads",
                    "8",
                ],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        base = f"http://127.0.0.1:{port}"
        wait_until_up(base, process, log)
        yield Server(base, world, env, log)
    finally:
        if process is not None:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if database is not None:
            database.drop()
        shutil.rmtree(data_dir, ignore_errors=True)


def wait_until_up(base, process, log, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the server stopped: {log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(base + "/api/openapi.json", timeout=2) as answer:
                if answer.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    pytest.fail(f"the server did not start: {log.read_text()[-3000:]}")


class Server:
    def __init__(self, base, world, env, log):
        self.base, self.world, self.env, self.log = base, world, env, log
        self.slug = world["slug"]
        self.tokens = world["tokens"]

    def proposal(self, name) -> int:
        return self.world["proposals"][name]

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

    def vote_all_at_once(self, votes) -> list[tuple[int, str]]:
        """Send every (token, proposal id, position) together; answers in the same order."""
        barrier = threading.Barrier(len(votes))

        def vote(args):
            token, proposal_id, position = args
            barrier.wait(timeout=30)
            return self.request(
                "POST",
                f"/api/coalitions/{self.slug}/proposals/{proposal_id}/ballot",
                token,
                {"position": position, "reason": f"Voting {position} at once."},
            )

        with ThreadPoolExecutor(max_workers=len(votes)) as pool:
            return list(pool.map(vote, votes))

    def published(self, name) -> dict:
        """The proposal as the API shows it to a voter."""
        status, body = self.request(
            "GET", f"/api/coalitions/{self.slug}/proposals/{self.proposal(name)}", self.tokens[0]
        )
        assert status == 200, body
        return json.loads(body)

    def close(self, *names) -> dict:
        ids = [str(self.proposal(name)) for name in names]
        report = run_json(["-m", "tests.voting_world", "close", "--proposals", *ids], self.env)
        return {name: report[i] for name, i in zip(names, ids, strict=True)}


def assert_healthy(answers, server):
    for status, body in answers:
        assert status < 500, body
        assert "database is locked" not in body.lower()
    log = server.log.read_text()
    assert "database is locked" not in log.lower()
    assert "Traceback" not in log, log[-3000:]


def position_for(n: int) -> str:
    return ("yes", "no", "abstain")[n % 3]


def expected_counts(positions) -> dict:
    positions = list(positions)
    return {p: sum(1 for q in positions if q == p) for p in ("yes", "no", "abstain")}


# --- the tests ----------------------------------------------------------------------


def test_forty_voters_at_once_on_an_open_ballot(server):
    proposal_id = server.proposal("open_many")
    votes = [(token, proposal_id, position_for(n)) for n, token in enumerate(server.tokens)]
    answers = server.vote_all_at_once(votes)
    assert_healthy(answers, server)
    assert [status for status, _ in answers] == [200] * VOTERS, answers
    assert all(json.loads(body) == {"receipt": None} for _, body in answers)
    report = server.close("open_many")["open_many"]
    assert report["ballots"] == report["electors_with_ballot"] == VOTERS
    assert report["result"]["participants"] == VOTERS
    assert report["result"]["counts"] == expected_counts(p for _, _, p in votes)
    published = server.published("open_many")
    assert published["status"] == "closed" and published["took_part"] == VOTERS
    assert published["result"] == report["result"]
    assert published["counts"] == report["result"]["counts"]


def test_forty_voters_at_once_on_a_secret_ballot(server):
    proposal_id = server.proposal("secret_many")
    votes = [(token, proposal_id, position_for(n)) for n, token in enumerate(server.tokens)]
    answers = server.vote_all_at_once(votes)
    assert_healthy(answers, server)
    assert [status for status, _ in answers] == [200] * VOTERS, answers
    receipts = [json.loads(body)["receipt"] for _, body in answers]
    assert all(receipts) and len(set(receipts)) == VOTERS
    report = server.close("secret_many")["secret_many"]
    assert report["secret_ballots"] == report["electors_voted"] == VOTERS
    assert report["ballots"] == 0  # nothing links a secret choice to its voter
    assert report["result"]["counts"] == expected_counts(p for _, _, p in votes)
    published = server.published("secret_many")
    assert published["status"] == "closed" and published["took_part"] == VOTERS
    assert published["result"] == report["result"]


def test_the_same_voter_twice_at_once_on_an_open_ballot(server):
    proposal_id = server.proposal("open_twice")
    tokens = server.tokens[:PAIRS]
    votes = [(t, proposal_id, "yes") for t in tokens] + [(t, proposal_id, "no") for t in tokens]
    answers = server.vote_all_at_once(votes)
    assert_healthy(answers, server)
    # Both are accepted: the later one replaces the earlier, one ballot per voter remains.
    assert [status for status, _ in answers] == [200] * len(votes), answers
    report = server.close("open_twice")["open_twice"]
    assert report["ballots"] == report["electors_with_ballot"] == PAIRS
    assert report["result"]["participants"] == PAIRS
    counts = report["result"]["counts"]
    assert counts["yes"] + counts["no"] == PAIRS and counts["abstain"] == 0


def test_the_same_voter_twice_at_once_on_a_secret_ballot(server):
    proposal_id = server.proposal("secret_twice")
    tokens = server.tokens[:PAIRS]
    votes = [(t, proposal_id, "yes") for t in tokens] + [(t, proposal_id, "no") for t in tokens]
    answers = server.vote_all_at_once(votes)
    assert_healthy(answers, server)
    for n in range(PAIRS):
        first, second = answers[n][0], answers[PAIRS + n][0]
        assert sorted([first, second]) == [200, 409], (answers[n], answers[PAIRS + n])
    accepted = [json.loads(body)["receipt"] for status, body in answers if status == 200]
    assert len(accepted) == PAIRS and all(accepted)
    refused = [json.loads(body) for status, body in answers if status == 409]
    assert all(body["detail"] for body in refused)
    report = server.close("secret_twice")["secret_twice"]
    assert report["secret_ballots"] == report["electors_voted"] == PAIRS
    assert report["result"]["participants"] == PAIRS
