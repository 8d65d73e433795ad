"""A live session through the JSON API only: the facilitator's controls with a bearer
token, participants' phones with the token ``join_live_session`` returns (no account),
the board, the checklist, groups, the pre/post test, paper answers, results, closing,
carrying the room's work into a coalition, bad input, and anonymity."""

import json

import pytest
from django.test import Client

from coalesce.accounts.models import ApiToken
from coalesce.coalitions.models import CharterPolicy, Coalition
from coalesce.groundwork.models import Challenge, ProspectivePartner
from coalesce.training.models import BoardCard, Participant, QuizAnswer
from tests.support.api import Api, assert_error
from tests.support.factories import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_hashing")]

DISCUSSION = "strengths-weaknesses"
ACTIVITY = "challenges-activity"
RIGHT = {"q-12-1": 2, "q-12-2": 3}


class Phone:
    """A participant's phone: no account, only the token join gave it."""

    def __init__(self, code: str, token: str | None):
        self.code, self.token = code, token
        self.client = Client()

    def _headers(self):
        return {"X-Participant-Token": self.token} if self.token else {}

    def get(self):
        return self.client.get(f"/api/training/live/{self.code}", headers=self._headers())

    def post(self, what, body):
        return self.client.post(
            f"/api/training/live/{self.code}/{what}",
            json.dumps(body),
            content_type="application/json",
            headers=self._headers(),
        )

    def card(self, text, item_id=DISCUSSION):
        return self.post("cards", {"item_id": item_id, "text": text})

    def answer(self, phase, answers):
        return self.post("quiz", {"phase": phase, "answers": answers})


def join(code, name=""):
    response = Client().post(
        "/api/training/live/join",
        json.dumps({"code": code, "display_name": name}),
        content_type="application/json",
    )
    return response


def joined(code, name="") -> Phone:
    response = join(code, name)
    assert response.status_code == 201, response.content
    return Phone(code, response.json()["token"])


@pytest.fixture
def facilitator():
    user = make_user("facilitator@example.org")
    return user, Api(ApiToken.issue(user, "tests")[1])


@pytest.fixture
def plan_id(facilitator):
    _user, api = facilitator
    response = api.post(
        "/training/plans",
        {"module_id": "module-12", "title": "Nairobi, March", "available_minutes": 120},
    )
    assert response.status_code == 201, response.content
    return response.json()["id"]


def open_session(api, plan_id, anonymous=False) -> dict:
    response = api.post(f"/training/plans/{plan_id}/sessions", {"anonymous": anonymous})
    assert response.status_code == 201, response.content
    return response.json()


class Facilitator:
    """The facilitator's controls of one session; each returns the session's state."""

    def __init__(self, api, session_id):
        self.api, self.base = api, f"/training/sessions/{session_id}"

    def ok(self, response, status=200):
        assert response.status_code == status, response.content
        return response.json()

    def state(self):
        return self.ok(self.api.get(self.base))

    def do(self, path, body=None):
        return self.api.post(self.base + path, body or {})

    def go(self, item_id):
        return self.ok(self.do("/go", {"item_id": item_id}))

    def quiz(self, phase):
        return self.ok(self.do("/quiz", {"phase": phase}))


def test_a_whole_session_through_the_api(facilitator, plan_id):
    _user, api = facilitator
    opened = open_session(api, plan_id)
    code, room = opened["code"], Facilitator(api, opened["id"])
    assert len(code) == 6 and code in opened["join_path"]
    assert opened["status"] == "open" and not opened["anonymous"]
    assert opened["item"]["id"] == "introduction-talking-points" and opened["position"] == 1
    assert opened["timer"]["planned_minutes"] > 0 and not opened["timer"]["over"]
    assert opened["rest"]["slots"][0]["item_id"] == "introduction-talking-points"
    listed = api.get("/training/sessions").json()
    assert [s["code"] for s in listed] == [code]

    # Participants join with the code, without an account; the token is their key.
    ada = joined(code.lower(), "Ada")
    ben = joined(f"{code[:3]}-{code[3:]}", "Ben")
    cy, dee = joined(code, "Cy"), joined(code, "Dee")
    assert room.state()["participants"] == 4
    phone = ada.get().json()
    assert phone["display_name"] == "Ada" and phone["item"]["id"] == "introduction-talking-points"
    assert phone["quiz_phase"] == "" and phone["questions"] == []
    for nobody in (Phone(code, None), Phone(code, "forged-token")):
        assert assert_error(nobody.get(), 404)["detail"] == "Join the session first."
        assert_error(nobody.card("Sneaky"), 404)

    # The pre-test: once per person, only while it is open, nothing stored when refused.
    room.quiz("pre")
    phone = ada.get().json()
    assert phone["quiz_phase"] == "pre" and [q["id"] for q in phone["questions"]] == list(RIGHT)
    assert all(len(q["options"]) == 4 for q in phone["questions"])
    assert "answer" not in json.dumps(phone["questions"])  # never the key
    assert ada.answer("pre", RIGHT).json() == {"phase": "pre", "answered": 2}
    assert ada.get().json()["handed_in"] is True
    assert_error(ada.answer("pre", {"q-12-1": 0, "q-12-2": 0}), 409, "phase")
    assert QuizAnswer.objects.filter(participant__display_name="Ada").count() == 2
    assert_error(ben.answer("pre", {"q-12-1": 9}), 400, "answers")
    assert_error(ben.answer("pre", {"q-12-9": 1}), 400, "answers")
    assert_error(ben.answer("pre", {}), 400, "answers")
    assert_error(ben.answer("post", RIGHT), 409, "phase")  # the post-test is not open
    assert_error(ben.post("quiz", {"phase": "pre", "answers": ["no"]}), 422, "answers")
    assert not QuizAnswer.objects.filter(participant__display_name="Ben").exists()
    assert ben.answer("pre", {"q-12-1": 0, "q-12-2": 3}).status_code == 201
    assert room.state()["handed_in"] == {"pre": 2, "post": 0}
    room.quiz("")
    assert_error(cy.answer("pre", RIGHT), 409, "phase")  # the test has closed
    assert QuizAnswer.objects.count() == 4

    # The discussion's board.
    assert_error(ada.card("Too early"), 409, "item_id")  # the room is not there yet
    state = room.go(DISCUSSION)
    assert state["position"] == 3 and state["done"][0]["item"] == "introduction-talking-points"
    first = ada.card("Decisions take much longer")
    assert first.status_code == 201, first.content
    slow = ben.card("It is slow to decide anything").json()["id"]
    cy.card("We reach more people")
    assert_error(ada.card("x" * 501), 422, "text")
    assert_error(ada.card("   "), 400, "text")
    assert_error(ada.card("Elsewhere", item_id=ACTIVITY), 409, "item_id")
    assert BoardCard.objects.count() == 3
    assert ada.get().json()["my_cards"] == ["Decisions take much longer"]
    board = room.state()["board"]
    assert board["card_count"] == 3 and len(board["points"]) == 11
    assert [(c["author"], c["suggestion"]) for c in board["unsorted"]] == [
        ("Ada", 6),
        ("Ben", 6),
        ("Cy", 3),
    ]
    assert board["points"][6]["suggested"] == 2
    longer = first.json()["id"]
    board = room.ok(room.do(f"/cards/{slow}/merge", {"into_id": longer}))["board"]
    assert [c["merged"] for c in board["unsorted"]][0][0]["text"] == "It is slow to decide anything"
    board = room.ok(room.do(f"/cards/{longer}/move", {"point": 6}))["board"]
    assert [c["text"] for c in board["points"][6]["cards"]] == ["Decisions take much longer"]
    board = room.ok(room.do("/points", {"item_id": DISCUSSION, "point": 6}))["board"]
    assert board["confirmed"] == 1 and board["points"][6]["confirmed"]
    assert_error(room.do(f"/cards/{longer}/move", {"direction": "sideways"}), 400, "direction")
    assert_error(room.do(f"/cards/{longer}/move", {"point": 11}), 400, "point")
    assert_error(room.do(f"/cards/{longer}/merge", {"into_id": longer}), 400, "into_id")
    assert_error(room.do("/points", {"item_id": ACTIVITY, "point": 0}), 400, "item_id")
    assert_error(room.do("/cards/999999/unmerge"), 400, "card_id")
    board = room.ok(room.do(f"/cards/{slow}/unmerge"))["board"]  # stays where it was placed
    assert [c["text"] for c in board["points"][6]["cards"]] == [
        "Decisions take much longer",
        "It is slow to decide anything",
    ]
    board = room.ok(room.do(f"/cards/{slow}/move", {"direction": "up"}))["board"]
    assert [c["id"] for c in board["points"][6]["cards"]] == [slow, longer]
    board = room.ok(room.do(f"/cards/{slow}/move", {"point": -1}))["board"]
    assert [c["text"] for c in board["unsorted"]] == [
        "It is slow to decide anything",
        "We reach more people",
    ]

    # The activity: random groups to the module's size, each records its work.
    state = room.ok(room.do("/go", {"next": True}))
    assert state["item"]["id"] == ACTIVITY and state["board"] is None
    assert_error(ada.card("Late answer"), 409, "item_id")  # the discussion has closed
    groups = room.ok(room.do("/groups", {"item_id": ACTIVITY}))
    assert len(groups) == 1 and sorted(groups[0]["members"]) == ["Ada", "Ben", "Cy", "Dee"]
    phone = ada.get().json()
    assert phone["item"]["record_fields"] == ["Partner type", "Challenge", "Strategy"]
    assert phone["group"]["number"] == 1
    work = {
        "Partner type": "Faith-based organisations",
        "Challenge": "They distrust the police",
        "Strategy": "Meet their leaders first",
    }
    recorded = dee.post("group", {"item_id": ACTIVITY, "record": work})
    assert recorded.status_code == 200, recorded.content
    assert recorded.json()["record"] == work
    assert_error(ada.post("group", {"item_id": ACTIVITY, "record": {"Nope": "x"}}), 400)
    too_long = {"Strategy": "s" * 301}
    refused = ada.post("group", {"item_id": ACTIVITY, "record": too_long})
    assert_error(refused, 422, "record.Strategy")
    assert ada.get().json()["group"]["record"] == work
    assert room.state()["groups"][0]["record"] == work
    assert_error(room.do("/groups", {"item_id": ACTIVITY}), 409)  # a group has recorded

    # The post-test and paper answers.
    room.quiz("post")
    assert ada.answer("post", RIGHT).status_code == 201
    assert ben.answer("post", RIGHT).status_code == 201
    sheet = room.ok(room.do("/paper-participants", {"label": "Sheet 1"}), 201)
    assert sheet["on_paper"] and sheet["label"] == "Sheet 1"
    assert_error(room.do("/paper-participants", {"label": "n" * 61}), 422, "label")
    paper = f"/paper-participants/{sheet['id']}/answers"
    assert room.ok(room.do(paper, {"phase": "pre", "answers": {"q-12-1": 1}}))["answered"] == 1
    room.ok(room.do(paper, {"phase": "post", "answers": {"q-12-1": 0, "q-12-2": 3}}))
    room.ok(room.do(paper, {"phase": "post", "answers": RIGHT}))  # corrected: replaces
    ada_id = Participant.objects.get(display_name="Ada").pk
    paper_ada = f"/paper-participants/{ada_id}/answers"
    assert_error(room.do(paper_ada, {"phase": "pre", "answers": RIGHT}), 400, "participant_id")

    results = room.ok(room.api.get(room.base + "/results"))
    scores = {p["participant"]: (p["pre"], p["post"], p["change"]) for p in results["participants"]}
    assert scores == {"Ada": (2, 2, 0), "Ben": (1, 2, 1), "Sheet 1": (0, 2, 2)}
    assert results["out_of"] == 2
    assert results["takers"] == {"pre": 3, "post": 3}
    assert results["mean"] == {"pre": 1.0, "post": 2.0} and results["mean_change"] == 1.0
    q1 = results["questions"][0]
    assert q1["question_id"] == "q-12-1" and q1["answered"] == {"pre": 3, "post": 3}
    assert q1["correct"] == {"pre": 1, "post": 3}
    assert q1["share_correct"]["post"] == 1.0
    assert q1["most_chosen_wrong"]["pre"]["count"] == 1 and q1["most_chosen_wrong"]["post"] is None

    # Closing; then the room's work goes into a coalition.
    assert_error(room.do("/coalition", {"name": "Too soon"}), 409)
    closed = room.ok(room.do("/close"))
    assert closed["status"] == "closed" and closed["quiz_open"] == "" and closed["closed_at"]
    assert_error(room.do("/close"), 409)
    assert_error(room.do("/go", {"item_id": DISCUSSION}), 409)
    assert_error(ada.get(), 409)
    assert_error(ada.answer("post", RIGHT), 409)
    assert_error(join(code, "Late"), 409)
    carried = room.ok(room.do("/coalition", {"name": "Safer Streets Network"}), 201)
    assert carried["created"] and carried["partners"] == 1 and carried["challenges"] == 1
    assert carried["policies"] >= 1
    coalition = Coalition.objects.get(slug=carried["slug"])
    assert ProspectivePartner.objects.get(coalition=coalition).description == (
        "Faith-based organisations"
    )
    assert Challenge.objects.get(coalition=coalition).strategy == "Meet their leaders first"
    assert CharterPolicy.objects.filter(coalition=coalition).exclude(guidance="").exists()
    again = room.ok(room.do("/coalition", {"coalition_slug": carried["slug"]}))
    assert again == {**carried, "created": False, "partners": 0, "challenges": 0, "policies": 0}
    assert_error(room.do("/coalition", {"coalition_slug": "no-such-coalition"}), 404)
    assert_error(room.do("/coalition", {"name": "n" * 161}), 422, "name")


def test_unknown_codes_and_other_peoples_sessions(facilitator, plan_id):
    _user, api = facilitator
    opened = open_session(api, plan_id)
    assert_error(join("ZZZZZZ", "Eve"), 404)
    assert_error(join(opened["code"], "n" * 61), 422, "display_name")
    assert_error(join(opened["code"], "n" * 1001), 422, "display_name")
    assert_error(Phone("ZZZZZZ", "x").get(), 404)
    assert not Participant.objects.exists()
    stranger = Api(ApiToken.issue(make_user(), "t")[1])
    base = f"/training/sessions/{opened['id']}"
    assert_error(stranger.get(base), 404)
    assert_error(stranger.get(base + "/results"), 404)
    assert_error(stranger.post(base + "/close"), 404)
    assert_error(stranger.post(f"/training/plans/{plan_id}/sessions", {}), 404)
    assert stranger.get("/training/sessions").json() == []
    assert_error(Api().get(base), 401)
    assert_error(api.get("/training/sessions/999999"), 404)
    assert_error(api.post(base + "/go", {"item_id": "no-such-item"}), 400, "item_id")
    assert_error(api.post(base + "/go", {"item_id": "x" * 61}), 422, "item_id")
    assert_error(api.post(base + "/quiz", {"phase": "during"}), 400, "phase")
    assert api.get(base).json()["item"]["id"] == "introduction-talking-points"


def test_an_anonymous_session_shows_no_names_and_links_nothing(facilitator, plan_id):
    _user, api = facilitator
    opened = open_session(api, plan_id, anonymous=True)
    assert opened["anonymous"]
    code, room = opened["code"], Facilitator(api, opened["id"])
    answered = join(code, "Secret Sam")
    assert answered.status_code == 201 and answered.json()["anonymous"]
    sam = Phone(code, answered.json()["token"])
    others = [joined(code, f"Hidden {n}") for n in range(3)]
    tokens = [sam.token] + [p.token for p in others]
    assert sam.get().json()["display_name"] == ""
    seen = [opened, room.quiz("pre")]
    assert sam.answer("pre", RIGHT).status_code == 201
    seen += [room.quiz(""), room.go(DISCUSSION)]
    card = sam.card("My organisation would be exposed").json()["id"]
    other = others[0].card("We need a safe channel").json()["id"]
    assert not BoardCard.objects.filter(participant__isnull=False).exists()
    assert set(BoardCard.objects.values_list("author_label", flat=True)) == {""}
    seen.append(room.ok(room.do(f"/cards/{card}/merge", {"into_id": other})))
    seen.append(room.ok(room.do(f"/cards/{other}/move", {"point": 0})))
    seen.append(room.ok(room.do("/points", {"item_id": DISCUSSION, "point": 0})))
    seen.append(room.go(ACTIVITY))
    seen.append(room.ok(room.do("/groups", {"item_id": ACTIVITY})))
    recorded = sam.post("group", {"item_id": ACTIVITY, "record": {"Challenge": "Trust"}})
    assert recorded.status_code == 200, recorded.content
    seen.append(room.state())
    seen.append(room.ok(api.get("/training/sessions")))
    seen.append(room.ok(room.api.get(room.base + "/results")))
    seen.append(room.ok(room.do("/close")))
    everything = json.dumps(seen)
    assert "Secret Sam" not in everything and "Hidden" not in everything
    assert not any(token in everything for token in tokens)
    codes = set(Participant.objects.values_list("code", flat=True))
    assert {p["participant"] for p in seen[-2]["participants"]} <= codes
    assert set(seen[-5][0]["members"]) == codes  # groups show codes only
    assert set(Participant.objects.values_list("display_name", flat=True)) == {""}
    assert not Participant.objects.exclude(token_hash=None).exists()  # closed: unlinked
