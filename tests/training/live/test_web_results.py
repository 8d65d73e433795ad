"""The pages after a live session: results with charts and CSV, paper mode, and
"into a real coalition" — for the facilitator only."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coalesce.coalitions.models import CharterPolicy, Coalition
from coalesce.coalitions.policy import Role, actor_for
from coalesce.groundwork.models import Challenge, ProspectivePartner
from coalesce.groundwork.selectors import coalitions_kept_by
from coalesce.training.live import services as live
from coalesce.training.models import Participant, Plan, QuizAnswer
from tests.conftest import ROLES
from tests.support.authz import database_snapshot
from tests.support.factories import make_coalition

Q1, Q2 = "q-12-1", "q-12-2"  # answers: option 2 and option 3 (0-based)
RECORD = {
    "Partner type": "Women of Faith Forum",
    "Challenge": "Insists on consensus",
    "Strategy": "Agree the decision rule first",
}


def _url(name, session, **kwargs):
    return reverse(f"training:{name}", kwargs={"session_id": session.pk, **kwargs})


def run_session(user, *, anonymous=False, names=("Alice", "Bob", "Chen", "=SUM(1+1)")):
    """A session of Module 12: pre- and post-test, a paper sheet, a board, a group."""
    plan = Plan.objects.create(
        owner=user, module_id="module-12", title="Nairobi workshop", available_minutes=120
    )
    session = live.open_session(user, plan.pk, anonymous=anonymous)
    people = [live.join(session.code, name)[0] for name in names]
    live.set_quiz(user, session.pk, "pre")
    pre = [{Q1: 2, Q2: 0}, {Q1: 0, Q2: 0}, {Q1: 2, Q2: 3}, {Q1: 2, Q2: 0}]
    for person, choices in zip(people, pre, strict=False):
        live.answer_quiz(person, "pre", choices)
    sheet = live.add_paper_participant(user, session.pk, "Sheet 1")
    live.record_paper_answers(user, session.pk, sheet.pk, "pre", {Q1: 0, Q2: 3})
    live.go_to(user, session.pk, "strengths-weaknesses")
    card = live.post_card(people[0], "strengths-weaknesses", "Decisions take much longer")
    live.post_card(people[1], "strengths-weaknesses", "We reach more people")
    live.move_card(user, session.pk, card.pk, point=6)
    live.check_point(user, session.pk, "strengths-weaknesses", 6)
    live.go_to(user, session.pk, "challenges-activity")
    live.make_groups(user, session.pk, "challenges-activity")
    live.record_group(people[0], "challenges-activity", RECORD)
    live.set_quiz(user, session.pk, "post")
    post = [{Q1: 2, Q2: 3}, {Q1: 2, Q2: 1}, {Q1: 2, Q2: 3}]  # the fourth skips it
    for person, choices in zip(people, post, strict=False):
        live.answer_quiz(person, "post", choices)
    live.record_paper_answers(user, session.pk, sheet.pk, "post", {Q1: 2, Q2: 3})
    return session, people, sheet


@pytest.fixture
def facilitator(world):
    return world.users["steering"]  # also on the steering committee of world.coalition


@pytest.fixture
def ran(facilitator):
    return run_session(facilitator)


def test_results_show_scores_per_participant_and_question(world, facilitator, ran):
    session, _people, _sheet = ran
    response = world.client("steering").get(_url("session_results", session))
    assert response.status_code == 200
    body = response.content.decode()
    # pre: 1, 0, 2, 1, 1 (5 took it); post: 2, 1, 2, -, 2 (4 took it)
    assert "1.0 of 2" in body and "1.8 of 2" in body and "+0.8" in body
    results = response.context["results"]
    scores = {p.participant: (p.pre, p.post, p.change) for p in results.participants}
    assert scores == {
        "Alice": (1, 2, 1),
        "Bob": (0, 1, 1),
        "Chen": (2, 2, 0),
        "=SUM(1+1)": (1, None, None),
        "Sheet 1": (1, 2, 1),
    }
    summary = response.context["summary"]
    assert (summary["pre_takers"], summary["post_takers"]) == (5, 4)
    questions = {q["number"]: q for q in response.context["questions"]}
    first, second = questions["Q.12.1"], questions["Q.12.2"]
    assert (first["pre"], first["post"], second["pre"], second["post"]) == (60, 100, 40, 75)
    assert first["pre_wrong"][1] == 2 and second["pre_wrong"][1] == 3
    assert first["post_wrong"] is None and second["post_wrong"][1] == 1
    assert first["pre_wrong"][0] in body  # the option's text
    for text in ["60%", "40%", "100%", "75%", "Sheet 1", "=SUM(1+1)"]:
        assert text in body
    # two charts, each with a title and a description, and nothing a strict CSP refuses
    assert body.count('<svg class="chart"') == 2 and 'role="img"' in body
    assert "style=" not in body and "<script>" not in body
    # the session's record: the board under its points and the groups' records
    assert "Decisions take much longer" in body and "We reach more people" in body
    assert "1 of 11 expected points confirmed" in body
    assert RECORD["Partner type"] in body and RECORD["Strategy"] in body
    assert "Inclusive Security" in body  # the module's citation
    assert _url("session_results_csv", session) in body


def test_anonymous_participants_are_shown_by_their_codes(world, facilitator):
    session, people, _sheet = run_session(facilitator, anonymous=True)
    response = world.client("steering").get(_url("session_results", session))
    labels = [p.participant for p in response.context["results"].participants]
    assert labels == [*(p.code for p in people), "Sheet 1"]
    assert "Alice" not in response.content.decode()


def test_two_people_with_the_same_name_keep_their_own_scores(world, facilitator):
    session, people, _sheet = run_session(facilitator, names=("Ada", "Ada"))
    results = world.client("steering").get(_url("session_results", session)).context["results"]
    by_label = {p.participant: p for p in results.participants}
    assert by_label[f"Ada ({people[0].code})"].pre == 1
    assert by_label[f"Ada ({people[1].code})"].pre == 0
    assert all(p.pre <= p.out_of for p in results.participants)


def test_the_results_page_does_not_grow_its_queries_with_the_room(world, facilitator, ran):
    session, _people, _sheet = ran
    client = world.client("steering")
    url = _url("session_results", session)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    before = count()
    live.set_quiz(facilitator, session.pk, "pre")
    for n in range(6):
        person, _token = live.join(session.code, f"Late {n}")
        live.answer_quiz(person, "pre", {Q1: n % 4, Q2: 3})
        live.record_paper_answers(
            facilitator,
            session.pk,
            live.add_paper_participant(facilitator, session.pk, f"Sheet {n + 2}").pk,
            "pre",
            {Q1: 2},
        )
    assert count() == before
    assert before <= 25


def test_the_csv_has_a_row_per_participant_and_defuses_formulas(world, facilitator, ran):
    session, _people, _sheet = ran
    response = world.client("steering").get(_url("session_results_csv", session))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment;")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == [
        "participant",
        "pre-test score",
        "post-test score",
        "change",
        "Q.12.1 pre",
        "Q.12.1 post",
        "Q.12.2 pre",
        "Q.12.2 post",
    ]
    by_label = {row[0]: row[1:] for row in rows[1:]}
    assert by_label["Alice"] == ["1", "2", "1", "3", "3", "1", "4"]  # options are 1-based
    assert by_label["'=SUM(1+1)"] == ["1", "", "", "3", "", "1", ""]
    assert by_label["Sheet 1"] == ["1", "2", "1", "1", "3", "4", "4"]
    assert len(rows) == 6
    assert not any(cell.startswith(("=", "+", "@")) for row in rows for cell in row)


def test_a_stranger_gets_404_everywhere_and_changes_nothing(world, ran):
    session, _people, sheet = ran
    for role in ["member", "admin", "outsider"]:
        client = world.client(role)
        for name in [
            "session_results",
            "session_results_csv",
            "session_paper",
            "session_coalition",
        ]:
            assert client.get(_url(name, session)).status_code == 404, (role, name)
        before = database_snapshot()
        posts = [
            ("session_paper", {"action": "add", "label": "Sheet 9"}),
            (
                "session_paper",
                {
                    "action": "answers",
                    "participant_id": sheet.pk,
                    "phase": "pre",
                    f"answer_{Q1}": "1",
                },
            ),
            ("session_coalition", {"name": "Taken over"}),
        ]
        for name, data in posts:
            assert client.post(_url(name, session), data).status_code == 404, (role, name)
        assert database_snapshot() == before
    anonymous = world.client("anonymous").get(_url("session_results", session))
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]


# --- paper mode -----------------------------------------------------------------------


def test_paper_mode_adds_a_sheet_types_in_and_corrects_its_answers(world, ran):
    session, _people, _sheet = ran
    client = world.client("steering")
    url = _url("session_paper", session)
    page = client.get(url)
    assert page.status_code == 200 and "Sheet 1" in page.content.decode()
    added = client.post(url, {"action": "add", "label": "Sheet 4"})
    assert added.status_code == 302
    sheet = Participant.objects.get(session=session, display_name="Sheet 4")
    assert sheet.on_paper and sheet.token_hash is None
    prefilled = client.get(added["Location"])
    assert prefilled.context["answers_form"].initial["participant_id"] == sheet.pk
    data = {
        "action": "answers",
        "participant_id": sheet.pk,
        "phase": "pre",
        f"answer_{Q1}": "2",
        f"answer_{Q2}": "0",
    }
    assert client.post(url, data).status_code == 302
    assert dict(sheet.answers.filter(phase="pre").values_list("question_id", "choice")) == {
        Q1: 2,
        Q2: 0,
    }
    # correcting replaces that test's answers; a blank answer is "not answered"
    corrected = client.get(f"{url}?participant={sheet.pk}&phase=pre")
    assert corrected.context["answers_form"].initial[f"answer_{Q2}"] == "0"
    assert client.post(url, {**data, f"answer_{Q2}": "3", f"answer_{Q1}": ""}).status_code == 302
    assert dict(sheet.answers.filter(phase="pre").values_list("question_id", "choice")) == {Q2: 3}
    results = client.get(_url("session_results", session)).context["results"]
    assert {p.participant: p.pre for p in results.participants}["Sheet 4"] == 1


def test_paper_mode_errors_show_on_the_form_and_save_nothing(world, ran):
    session, people, sheet = ran
    client = world.client("steering")
    url = _url("session_paper", session)
    before = database_snapshot()
    bad = [
        {"action": "add", "label": ""},
        {"action": "add", "label": "x" * 61},
        {"action": "answers", "participant_id": sheet.pk, "phase": "pre"},  # nothing ticked
        {"action": "answers", "participant_id": sheet.pk, "phase": "pre", f"answer_{Q1}": "9"},
        {"action": "answers", "participant_id": sheet.pk, "phase": "mid", f"answer_{Q1}": "1"},
        # a phone's participant is not typed in by the facilitator
        {"action": "answers", "participant_id": people[0].pk, "phase": "pre", f"answer_{Q1}": "1"},
        {"action": "answers", "participant_id": "x", "phase": "pre", f"answer_{Q1}": "1"},
        {"action": "other"},
        {},
    ]
    for data in bad:
        response = client.post(url, data)
        assert response.status_code == 400, data
        assert database_snapshot() == before, data
    nothing = client.post(url, bad[2])
    assert "Answer at least one question." in nothing.content.decode()
    assert 'class="error' in client.post(url, bad[0]).content.decode()


def test_paper_mode_is_refused_once_the_session_has_closed(world, facilitator, ran):
    session, _people, sheet = ran
    live.close_session(facilitator, session.pk)
    client = world.client("steering")
    url = _url("session_paper", session)
    page = client.get(url).content.decode()
    assert "has closed" in page and 'name="action"' not in page
    before = QuizAnswer.objects.count()
    response = client.post(
        url, {"action": "answers", "participant_id": sheet.pk, "phase": "pre", f"answer_{Q1}": "1"}
    )
    assert response.status_code == 409 and "closed" in response.content.decode()
    assert client.post(url, {"action": "add", "label": "Late"}).status_code == 409
    assert QuizAnswer.objects.count() == before
    assert not Participant.objects.filter(display_name="Late").exists()


# --- into a real coalition ------------------------------------------------------------


def test_an_open_session_is_not_carried_over(world, ran):
    session, _people, _sheet = ran
    client = world.client("steering")
    url = _url("session_coalition", session)
    page = client.get(url).content.decode()
    assert "Close the session first" in page and RECORD["Partner type"] in page
    response = client.post(url, {"name": "Too early"})
    assert response.status_code == 409 and "Close the session first" in response.content.decode()
    assert not Coalition.objects.filter(name="Too early").exists()


def test_a_finished_session_becomes_a_coalition_once(world, facilitator, ran):
    session, _people, _sheet = ran
    live.close_session(facilitator, session.pk)
    client = world.client("steering")
    url = _url("session_coalition", session)
    page = client.get(url)
    body = page.content.decode()
    assert page.status_code == 200
    for text in RECORD.values():
        assert text in body  # the preview of what will be carried over
    assert "Decision-making processes" in body and "Inclusive Security" in body
    # only the coalitions this person keeps the charter of are offered
    offered = [slug for slug, _label in page.context["form"].fields["coalition"].choices]
    assert offered == ["", world.coalition.slug]

    response = client.post(url, {"name": "Aravia Coalition"})
    coalition = Coalition.objects.get(name="Aravia Coalition")
    assert response.status_code == 302
    assert response["Location"] == reverse("groundwork:index", args=[coalition.slug])
    partner = ProspectivePartner.objects.get(coalition=coalition)
    assert partner.description == RECORD["Partner type"] and partner.actor_type == "faith_based"
    challenge = Challenge.objects.get(coalition=coalition)
    assert (challenge.challenge, challenge.strategy) == (RECORD["Challenge"], RECORD["Strategy"])
    assert CharterPolicy.objects.filter(coalition=coalition).exclude(guidance="").count() == 9
    landed = client.get(response["Location"])
    body = landed.content.decode()
    assert landed.status_code == 200 and RECORD["Strategy"] in body
    assert "1 new prospective partners, 1 new challenges" in body
    charter = client.get(reverse("coalitions:charter", args=[coalition.slug])).content.decode()
    assert charter.count("What to decide:") == 9

    # again, into the same coalition (the facilitator now keeps its charter): nothing new
    again = client.post(url, {"coalition": coalition.slug})
    assert again.status_code == 302
    assert ProspectivePartner.objects.filter(coalition=coalition).count() == 1
    assert Challenge.objects.filter(coalition=coalition).count() == 1
    message = client.get(again["Location"]).content.decode()
    assert "0 new prospective partners, 0 new challenges" in message
    assert Coalition.objects.filter(name="Aravia Coalition").count() == 1


def test_carrying_into_a_coalition_one_does_not_keep_is_refused(world, facilitator, ran):
    session, _people, _sheet = ran
    live.close_session(facilitator, session.pk)
    client = world.client("steering")
    url = _url("session_coalition", session)
    before = database_snapshot()
    for data in [
        {"coalition": world.other_coalition.slug},  # steers nothing there
        {"coalition": "no-such-coalition"},
        {"coalition": world.coalition.slug, "name": "Both"},
        {"name": ""},
        {"name": "x" * 161},
    ]:
        response = client.post(url, data)
        assert response.status_code == 400, data
        assert database_snapshot() == before, data
    make_coalition(name="Taken", slug="taken")
    before = database_snapshot()
    clash = client.post(url, {"name": "Taken"})  # its address is taken
    assert clash.status_code == 409 and database_snapshot() == before


def test_the_coalitions_offered_are_those_whose_charter_one_keeps(world):
    for role in ROLES:
        user = world.users.get(role)
        kept = set(coalitions_kept_by(user)) if user else set(coalitions_kept_by(None))
        for coalition in [world.coalition, world.other_coalition]:
            actor = actor_for(user, coalition)
            assert (coalition in kept) == actor.has(Role.STEERING, Role.ADMIN), (role, coalition)


def test_the_demo_has_a_finished_session_with_results(db, client):
    from django.core.management import call_command

    from coalesce.accounts.models import User
    from coalesce.training.models import LiveSession

    call_command("load_demo")
    admin = User.objects.get(email="admin@demo.coalesce.test")
    session = LiveSession.objects.get(facilitator=admin)
    assert not session.is_open and session.participants.count() == 9
    assert session.groups.exclude(record={}).count() == 3
    client.force_login(admin)
    response = client.get(_url("session_results", session))
    assert response.status_code == 200
    summary = response.context["summary"]
    assert (summary["pre_takers"], summary["post_takers"]) == (9, 8)
    assert summary["post_mean"] > summary["pre_mean"]
    assert response.content.decode().count('<svg class="chart"') == 2
