"""Thirty phones at once, through a real server, on the suite's database.

``coalesce serve`` (gunicorn, two workers of eight threads; settings
``tests.support.server_settings``) runs in a subprocess on its own database — SQLite in a
temporary data folder, or a fresh database on the PostgreSQL server of DATABASE_URL —
exactly as ``tests/decisions/test_concurrent_voting.py`` starts it. A facilitator (made in the
server's database, with an API token) plans and opens a session through the API; thirty
participants join at once, then, released together by a barrier, each puts a card on
the board and hands in the pre-test (two questions). Every join, card and answer must
land, with no server error and no "database is locked"; handing in a second time at
once is refused (409) and stores nothing; the same phone handing in the post-test twice
at the same moment gets exactly one 201 and one 409.
"""

import json
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.support.real_server import coalesce_server

PARTICIPANTS = 30
DISCUSSION = "strengths-weaknesses"
TIMINGS: dict[str, float] = {}

SEED = """
import json, os
import django
django.setup()
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
from coalesce.accounts.models import ApiToken, User
user = User.objects.create_user("facilitator@live-world.example.org", None)
print(json.dumps({"token": ApiToken.issue(user, "live")[1]}))
"""


def pre_answers(n: int) -> dict:
    """Participant n's pre-test: q-12-1 right (2) for every fourth, q-12-2 always right."""
    return {"q-12-1": n % 4, "q-12-2": 3}


class Server:
    def __init__(self, base, token, log):
        self.base, self.token, self.log = base, token, log

    def request(self, method, path, body=None, headers=None) -> tuple[int, str]:
        request = urllib.request.Request(
            self.base + "/api/training" + path,
            method=method,
            data=json.dumps(body).encode() if body is not None else None,
            headers={"Content-Type": "application/json", **(headers or {})},
        )
        try:
            with urllib.request.urlopen(request, timeout=60) as answer:
                return answer.status, answer.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def facilitate(self, method, path, body=None, expect=200) -> dict:
        status, text = self.request(method, path, body, {"Authorization": f"Bearer {self.token}"})
        assert status == expect, text
        return json.loads(text)

    def phone(self, path, token, body) -> tuple[int, str]:
        return self.request("POST", path, body, {"X-Participant-Token": token})

    def all_at_once(self, calls) -> tuple[list[tuple[int, str]], float]:
        """Run every ``call()`` in its own thread, released together; answers in order."""
        barrier = threading.Barrier(len(calls))

        def run(call):
            barrier.wait(timeout=30)
            return call()

        started = time.monotonic()
        with ThreadPoolExecutor(max_workers=len(calls)) as pool:
            answers = list(pool.map(run, calls))
        return answers, time.monotonic() - started


@pytest.fixture(scope="module")
def server():
    with coalesce_server("live", ["-c", SEED]) as running:
        yield Server(running.base, running.seeded["token"], running.log)
    if TIMINGS:
        print("\nconcurrent participants, seconds:", json.dumps(TIMINGS))  # noqa: T201


def assert_healthy(answers, server):
    for status, body in answers:
        assert status < 500, body
        assert "database is locked" not in body.lower()
    log = server.log.read_text()
    assert "database is locked" not in log.lower()
    assert "Traceback" not in log, log[-3000:]


def test_thirty_participants_join_post_and_hand_in_at_once(server):
    plan = server.facilitate(
        "POST",
        "/plans",
        {"module_id": "module-12", "title": "Thirty phones", "available_minutes": 120},
        expect=201,
    )
    session = server.facilitate("POST", f"/plans/{plan['id']}/sessions", {}, expect=201)
    sid, code = session["id"], session["code"]
    server.facilitate("POST", f"/sessions/{sid}/go", {"item_id": DISCUSSION})
    server.facilitate("POST", f"/sessions/{sid}/quiz", {"phase": "pre"})

    def joining(n):
        return lambda: server.request(
            "POST", "/live/join", {"code": code, "display_name": f"Phone {n}"}
        )

    joins, TIMINGS["30 joins"] = server.all_at_once([joining(n) for n in range(PARTICIPANTS)])
    assert_healthy(joins, server)
    assert [status for status, _ in joins] == [201] * PARTICIPANTS, joins
    tokens = [json.loads(body)["token"] for _, body in joins]
    assert len(set(tokens)) == PARTICIPANTS
    assert len({json.loads(body)["participant_code"] for _, body in joins}) == PARTICIPANTS

    def card_and_test(n):
        def go():
            card = server.phone(
                f"/live/{code}/cards", tokens[n], {"item_id": DISCUSSION, "text": f"Card {n}"}
            )
            test = server.phone(
                f"/live/{code}/quiz", tokens[n], {"phase": "pre", "answers": pre_answers(n)}
            )
            return card, test

        return go

    pairs, TIMINGS["30 cards + 30 pre-tests"] = server.all_at_once(
        [card_and_test(n) for n in range(PARTICIPANTS)]
    )
    cards, tests = [c for c, _ in pairs], [t for _, t in pairs]
    assert_healthy(cards + tests, server)
    assert [status for status, _ in cards] == [201] * PARTICIPANTS, cards
    assert [status for status, _ in tests] == [201] * PARTICIPANTS, tests
    assert all(json.loads(body)["answered"] == 2 for _, body in tests)

    # A second hand-in by everybody, all at once (all answers right this time): refused.
    def again(n):
        return lambda: server.phone(
            f"/live/{code}/quiz", tokens[n], {"phase": "pre", "answers": {"q-12-1": 2}}
        )

    seconds, TIMINGS["30 second hand-ins"] = server.all_at_once(
        [again(n) for n in range(PARTICIPANTS)]
    )
    assert_healthy(seconds, server)
    assert [status for status, _ in seconds] == [409] * PARTICIPANTS, seconds
    assert all("already handed in" in json.loads(body)["detail"] for _, body in seconds)

    state = server.facilitate("GET", f"/sessions/{sid}")
    assert state["participants"] == PARTICIPANTS
    assert state["board"]["card_count"] == PARTICIPANTS
    texts = {c["text"] for c in state["board"]["unsorted"]}
    texts |= {c["text"] for p in state["board"]["points"] for c in p["cards"]}
    assert texts == {f"Card {n}" for n in range(PARTICIPANTS)}
    assert state["handed_in"] == {"pre": PARTICIPANTS, "post": 0}
    results = server.facilitate("GET", f"/sessions/{sid}/results")
    assert results["takers"]["pre"] == PARTICIPANTS
    answered = [q["answered"]["pre"] for q in results["questions"]]
    assert answered == [PARTICIPANTS, PARTICIPANTS]  # 60 answers, none twice
    right = sum(1 for n in range(PARTICIPANTS) if pre_answers(n)["q-12-1"] == 2)
    assert [q["correct"]["pre"] for q in results["questions"]] == [right, PARTICIPANTS]
    scores = {p["participant"]: p["pre"] for p in results["participants"]}
    assert scores == {f"Phone {n}": 1 + (n % 4 == 2) for n in range(PARTICIPANTS)}


def test_the_same_phone_handing_in_twice_at_the_same_moment(server):
    sessions = server.facilitate("GET", "/sessions")
    sid, code = sessions[0]["id"], sessions[0]["code"]
    tokens = []
    for n in range(PARTICIPANTS // 2):
        status, body = server.request(
            "POST", "/live/join", {"code": code, "display_name": f"Twice {n}"}
        )
        assert status == 201, body
        tokens.append(json.loads(body)["token"])
    server.facilitate("POST", f"/sessions/{sid}/quiz", {"phase": "post"})

    def hand_in(token, choice):
        return lambda: server.phone(
            f"/live/{code}/quiz", token, {"phase": "post", "answers": {"q-12-1": choice}}
        )

    calls = [hand_in(t, 2) for t in tokens] + [hand_in(t, 0) for t in tokens]
    answers, TIMINGS["15 phones x 2 post-tests"] = server.all_at_once(calls)
    assert_healthy(answers, server)
    half = len(tokens)
    for n in range(half):
        first, second = answers[n][0], answers[half + n][0]
        assert sorted([first, second]) == [201, 409], (answers[n], answers[half + n])
    results = server.facilitate("GET", f"/sessions/{sid}/results")
    assert results["takers"]["post"] == half
    assert results["questions"][0]["answered"]["post"] == half  # one answer per phone
    assert server.facilitate("GET", f"/sessions/{sid}")["handed_in"]["post"] == half
