"""Votes arriving at the same moment, through a real server, on the suite's database.

``coalesce serve`` (gunicorn, two workers of eight threads, all middleware; settings
``tests.support.server_settings``: production's, static files left uncompressed) runs in a
subprocess on its own database: SQLite in a temporary data folder, or — when
DATABASE_URL names a PostgreSQL server, as in ``./dev test``'s second pass — a fresh
database on that server, dropped afterwards. ``tests.support.voting_world`` fills it; votes go
to ``POST /api/coalitions/{slug}/proposals/{id}/ballot`` from a thread pool behind a
barrier, so they reach the server together. Closing and counting is done by
``tests.support.voting_world close`` in the server's database.
"""

import json
import threading
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.support.real_server import coalesce_server, run_json

VOTERS = 40
PAIRS = 20  # voters who each send two ballots at the same moment
PROPOSALS = ["open_many", "secret_many", "open_twice", "secret_twice"]


@pytest.fixture(scope="module")
def server():
    seed = [
        "-m",
        "tests.support.voting_world",
        "seed",
        "--voters",
        str(VOTERS),
        "--proposals",
        *PROPOSALS,
    ]
    with coalesce_server("voting", seed) as running:
        yield Server(running.base, running.seeded, running.env, running.log)


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
        report = run_json(
            ["-m", "tests.support.voting_world", "close", "--proposals", *ids], self.env
        )
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
    assert report["sealed_ballots"] == 0  # the close released the whole mix
    assert report["ballots"] == 0  # nothing links a secret choice to its voter
    check = f"/api/coalitions/{server.slug}/proposals/{proposal_id}/receipts/check"
    for code in receipts:
        status, body = server.request("POST", check, server.tokens[0], {"code": code})
        assert status == 200 and json.loads(body) == {"counted": True}, body
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
