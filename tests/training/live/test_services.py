"""The live session's rules through its services: join, board, checklist, groups, the
pre/post test, closing, anonymity, and carrying the room's work into a coalition."""

import random

import pytest

from coalesce.coalitions.models import CharterPolicy
from coalesce.core.errors import Conflict, DomainError, NotFound
from coalesce.groundwork.models import Challenge, ProspectivePartner
from coalesce.groundwork.services import session_to_coalition
from coalesce.training.live import selectors as read
from coalesce.training.live import services as live
from coalesce.training.models import BoardCard, Participant, Plan, QuizAnswer
from tests.support.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def facilitator():
    return make_user("facilitator@example.org")


@pytest.fixture
def session(facilitator):
    plan = Plan.objects.create(
        owner=facilitator, module_id="module-12", title="Nairobi", available_minutes=120
    )
    return live.open_session(facilitator, plan.pk)


def test_a_room_joins_answers_and_the_checklist_fills(facilitator, session):
    assert len(session.code) == 6
    alice, alice_token = live.join(session.code.lower(), "Alice")
    bob, _ = live.join(f" {session.code[:3]}-{session.code[3:]} ", "Bob")
    assert alice.code != bob.code and alice.display_name == "Alice"
    with pytest.raises(DomainError):  # the first item is not a discussion
        live.post_card(alice, session.current_item, "Too early")
    live.go_to(facilitator, session.pk, "strengths-weaknesses")
    card = live.post_card(alice, "strengths-weaknesses", "Decisions take much longer")
    slow = live.post_card(bob, "strengths-weaknesses", "It is slow to decide anything")
    live.post_card(bob, "strengths-weaknesses", "We reach more people")
    room = read.room(facilitator, session.pk)
    assert room.board.card_count == 3
    assert [c.suggestion for c in room.board.unsorted] == [6, 6, 3]
    assert room.participants == 2

    live.merge_cards(facilitator, session.pk, slow.pk, card.pk)
    live.move_card(facilitator, session.pk, card.pk, point=6)
    live.check_point(facilitator, session.pk, "strengths-weaknesses", 6)
    board = read.room(facilitator, session.pk).board
    assert board.confirmed == 1 and board.points[6].confirmed
    assert [c.text for c in board.points[6].cards] == ["Decisions take much longer"]
    assert [c.text for c in board.points[6].cards[0].merged] == ["It is slow to decide anything"]
    assert [c.text for c in board.unsorted] == ["We reach more people"]

    live.go_to(facilitator, session.pk, "challenges-activity")
    with pytest.raises(Conflict, match="closed"):
        live.post_card(alice, "strengths-weaknesses", "Late answer")
    assert BoardCard.objects.filter(text="Late answer").count() == 0
    assert read.room(facilitator, session.pk).done[0]["item"] == "introduction-talking-points"
    assert live.participant(session.code, alice_token) == alice


def test_bad_input_is_refused_and_changes_nothing(facilitator, session):
    alice, _ = live.join(session.code, "Alice")
    live.go_to(facilitator, session.pk, "strengths-weaknesses")
    for text in ["", "   ", "x" * 501, 7, None, "nul\x00"]:
        with pytest.raises(DomainError):
            live.post_card(alice, "strengths-weaknesses", text)
    assert BoardCard.objects.count() == 0
    with pytest.raises(NotFound):
        live.join("ZZZZZZ", "Eve")
    with pytest.raises(DomainError):
        live.join(session.code, "n" * 61)
    with pytest.raises(NotFound):
        live.participant(session.code, "forged-token")
    with pytest.raises(DomainError):
        live.go_to(facilitator, session.pk, "no-such-item")
    stranger = make_user("stranger@example.org")
    with pytest.raises(NotFound):
        live.go_to(stranger, session.pk, "strengths-weaknesses")


def test_the_quiz_is_answered_once_while_open_and_scored(facilitator, session):
    alice, _ = live.join(session.code, "Alice")
    bob, _ = live.join(session.code, "Bob")
    with pytest.raises(Conflict, match="not open"):
        live.answer_quiz(alice, "pre", {"q-12-1": 2})
    live.set_quiz(facilitator, session.pk, "pre")
    live.answer_quiz(alice, "pre", {"q-12-1": 0, "q-12-2": 3})
    live.answer_quiz(bob, "pre", {"q-12-1": 0, "q-12-2": 0})
    with pytest.raises(Conflict, match="already"):
        live.answer_quiz(alice, "pre", {"q-12-1": 2})
    for bad in [{"q-12-1": 4}, {"nope": 1}, {"q-12-1": "2"}, {}, [1, 2]]:
        with pytest.raises(DomainError):
            live.answer_quiz(bob, "pre", bad)
    live.set_quiz(facilitator, session.pk, "post")
    with pytest.raises(Conflict):
        live.answer_quiz(bob, "pre", {"q-12-1": 2})
    live.answer_quiz(alice, "post", {"q-12-1": 2, "q-12-2": 3})
    live.answer_quiz(bob, "post", {"q-12-1": 2, "q-12-2": 0})
    paper = live.add_paper_participant(facilitator, session.pk, "Sheet 1")
    live.record_paper_answers(facilitator, session.pk, paper.pk, "pre", {"q-12-1": 1})
    live.record_paper_answers(facilitator, session.pk, paper.pk, "pre", {"q-12-1": 2})  # fixed
    results = read.results(facilitator, session.pk)
    by_name = {p.participant: p for p in results.participants}
    assert (by_name["Alice"].pre, by_name["Alice"].post, by_name["Alice"].change) == (1, 2, 1)
    assert (by_name["Bob"].pre, by_name["Bob"].post, by_name["Bob"].change) == (0, 1, 1)
    assert (by_name["Sheet 1"].pre, by_name["Sheet 1"].post) == (1, None)
    first = results.questions[0]
    assert first.answered["pre"] == 3 and first.correct["pre"] == 1
    assert first.most_chosen_wrong["pre"][1] == 2
    assert first.share_correct("post") == 1.0


def test_groups_are_random_to_the_module_size_and_record_their_work(facilitator, session):
    people = [live.join(session.code, f"P{n}")[0] for n in range(10)]
    live.go_to(facilitator, session.pk, "challenges-activity")
    groups = live.make_groups(facilitator, session.pk, "challenges-activity", random.Random(4))
    assert sorted(g.members.count() for g in groups) == [3, 3, 4]
    group = live.record_group(
        people[0],
        "challenges-activity",
        {
            "Partner type": "Association of women police officers",
            "Challenge": "Loyalty to commanders",
            "Strategy": "Agree what they can say in public",
        },  # fmt: skip
    )
    assert group.record["Partner type"].startswith("Association")
    with pytest.raises(Conflict):  # a group has recorded: the groups stay
        live.make_groups(facilitator, session.pk, "challenges-activity")
    with pytest.raises(DomainError):
        live.record_group(people[1], "challenges-activity", {"Colour": "blue"})


def test_an_anonymous_session_keeps_no_names_and_closing_unlinks_phones(facilitator):
    plan = Plan.objects.create(
        owner=facilitator, module_id="module-12", title="Anon", available_minutes=120
    )
    session = live.open_session(facilitator, plan.pk, anonymous=True)
    someone, token = live.join(session.code, "My Real Name")
    assert someone.display_name == ""
    live.go_to(facilitator, session.pk, "strengths-weaknesses")
    card = live.post_card(someone, "strengths-weaknesses", "More media attention")
    assert card.participant_id is None and card.author_label == ""
    live.close_session(facilitator, session.pk)
    assert Participant.objects.get(pk=someone.pk).token_hash is None
    with pytest.raises(Conflict):
        live.participant(session.code, token)
    with pytest.raises(Conflict):
        live.join(session.code)


def test_a_finished_session_becomes_a_coalition(facilitator, session):
    people = [live.join(session.code, f"P{n}")[0] for n in range(6)]
    live.go_to(facilitator, session.pk, "challenges-activity")
    live.make_groups(facilitator, session.pk, "challenges-activity")
    record = {
        "Partner type": "Women of Faith Forum",
        "Challenge": "Insists on consensus",
        "Strategy": "Agree the rule first",
    }
    live.record_group(people[0], "challenges-activity", record)
    with pytest.raises(Conflict, match="Close"):
        session_to_coalition(facilitator, session.pk, name="Aravia Coalition")
    live.close_session(facilitator, session.pk)
    with pytest.raises(DomainError):
        session_to_coalition(facilitator, session.pk, name="")
    carried = session_to_coalition(facilitator, session.pk, name="Aravia Coalition")
    assert carried.created and carried.partners == 1 and carried.challenges == 1
    partner = ProspectivePartner.objects.get(coalition=carried.coalition)
    assert partner.actor_type == "faith_based"
    assert Challenge.objects.get(coalition=carried.coalition).strategy == "Agree the rule first"
    guided = CharterPolicy.objects.filter(coalition=carried.coalition).exclude(guidance="")
    assert guided.count() == 9
    again = session_to_coalition(facilitator, session.pk, coalition_slug=carried.coalition.slug)
    assert not again.created and again.partners == 0 and again.challenges == 0
    assert QuizAnswer.objects.count() == 0
