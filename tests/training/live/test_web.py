"""The live session in the browser, without JavaScript: the facilitator opens a session
from the plan page and runs the control room; participants join from their phones
(separate clients, no account), send answers, record group work and hand in the test.
Bad input, late and double answers are refused with a message and change nothing."""

import re
from datetime import timedelta

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from coalesce.training.live import services as live
from coalesce.training.models import (
    ActivityGroup,
    BoardCard,
    LiveSession,
    Participant,
    Plan,
    PointCheck,
    QuizAnswer,
)

DISCUSSION = "strengths-weaknesses"
ACTIVITY = "challenges-activity"


@pytest.fixture
def facilitator(world):
    return world.client("member")


@pytest.fixture
def plan(world):
    return Plan.objects.create(
        owner=world.users["member"], module_id="module-12", title="Nairobi", available_minutes=120
    )


def _open(client, plan, **data):
    response = client.post(reverse("training:session_open", args=[plan.pk]), data)
    assert response.status_code == 302
    session = LiveSession.objects.filter(plan=plan).order_by("-id").first()
    assert response["Location"] == reverse("training:session", args=[session.pk])
    return session


def _join(code, name=""):
    """A phone joins: its own client, the token in a cookie."""
    phone = Client()
    response = phone.post(reverse("live:enter", args=[code]), {"display_name": name})
    assert response.status_code == 302, response.content.decode()[:500]
    assert response["Location"] == reverse("live:phone", args=[code])
    cookie = response.cookies[f"live_{code}"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax" and cookie["path"] == "/live/"
    assert not cookie["max-age"] and not cookie["expires"]
    return phone


def _post(client, name, session, data=None, **kwargs):
    return client.post(reverse(name, kwargs={"session_id": session.pk, **kwargs}), data or {})


def _body(response):
    return response.content.decode()


def test_a_facilitator_runs_a_session_and_two_phones_fill_the_board(world, facilitator, plan):
    page = _body(facilitator.get(reverse("training:plan", args=[plan.pk])))
    assert reverse("training:session_open", args=[plan.pk]) in page
    assert 'name="anonymous"' in page and "Run live" in page
    session = _open(facilitator, plan)
    room = facilitator.get(reverse("training:session", args=[session.pk]))
    body = _body(room)
    assert room.status_code == 200
    assert session.code in body and reverse("training:session_qr", args=[session.pk]) in body
    assert f"/live/{session.code}/join/" in body
    assert "Item 1 of 6" in body
    room_url = reverse("training:session_room", args=[session.pk])
    assert f'hx-get="{room_url}"' in body
    assert 'hx-trigger="every 3s"' in body and "htmx.min.js" in body
    assert "Refresh" in body and "style=" not in body and "<script>" not in body
    assert "Inclusive Security" in body  # the module's citation

    # Two phones join by the code typed on the join form, with names.
    typed = Client().post(reverse("live:join"), {"code": session.code.lower()})
    assert typed.status_code == 302
    assert typed["Location"] == reverse("live:enter", args=[session.code])
    ada, ben = _join(session.code, "Ada"), _join(session.code, "Ben")
    assert set(session.participants.values_list("display_name", flat=True)) == {"Ada", "Ben"}
    wait = _body(ada.get(reverse("live:phone", args=[session.code])))
    assert "You are <strong>Ada</strong>" in wait and "Wait for the facilitator" in wait

    # The room moves to the discussion; the phones send answers.
    assert (
        _post(facilitator, "training:session_go", session, {"item_id": DISCUSSION}).status_code
        == 302
    )
    phone = _body(ada.get(reverse("live:phone", args=[session.code])))
    assert "Your answer" in phone and 'maxlength="500"' in phone
    card_url = reverse("live:card", args=[session.code])
    for client, text in [
        (ada, "Decisions take much longer"),
        (ben, "It is slow to decide anything"),
        (ben, "We reach more people"),
    ]:
        response = client.post(card_url, {"item_id": DISCUSSION, "text": text})
        assert response.status_code == 302
    assert "Decisions take much longer" in _body(
        ada.get(reverse("live:phone", args=[session.code]))
    )
    by_htmx = ada.post(
        card_url, {"item_id": DISCUSSION, "text": "Shared risk"}, HTTP_HX_REQUEST="1"
    )
    assert by_htmx.status_code == 200 and "<html" not in _body(by_htmx)
    assert _body(by_htmx).lstrip().startswith('<div id="phone"') and "Shared risk" in _body(by_htmx)
    BoardCard.objects.filter(text="Shared risk").delete()
    cards = {c.text: c for c in BoardCard.objects.filter(session=session)}
    slow, longer = cards["It is slow to decide anything"], cards["Decisions take much longer"]

    room = _body(facilitator.get(reverse("training:session", args=[session.pk])))
    assert "Seems to raise:" in room and "Place it there" in room
    assert "3 answers" in room and "0 of 11 points raised" in room
    assert re.search(r'class="timer">0 of \d+ min<', room)
    LiveSession.objects.filter(pk=session.pk).update(
        item_started_at=timezone.now() - timedelta(minutes=200)
    )
    late_room = _body(facilitator.get(reverse("training:session_room", args=[session.pk])))
    assert re.search(r'class="timer over">\d+ min over<', late_room)

    # Merge, move, confirm.
    response = _post(facilitator, "training:card_merge", session, {"into_id": longer.pk},
                     card_id=slow.pk)  # fmt: skip
    assert response.status_code == 302
    assert BoardCard.objects.get(pk=slow.pk).merged_into_id == longer.pk
    _post(facilitator, "training:card_move", session, {"point": "6"}, card_id=longer.pk)
    assert BoardCard.objects.get(pk=longer.pk).point == 6
    _post(facilitator, "training:point_check", session,
          {"item_id": DISCUSSION, "point": "6", "confirmed": "1"})  # fmt: skip
    assert PointCheck.objects.filter(session=session, point=6).exists()
    room = _body(facilitator.get(reverse("training:session", args=[session.pk])))
    assert "1 of 11 points raised" in room and "Un-tick" in room
    assert re.search(r'class="confirmed".*?Decisions take much longer', room, re.S)
    reach = cards["We reach more people"]
    _post(facilitator, "training:card_move", session, {"direction": "up"}, card_id=reach.pk)
    _post(facilitator, "training:card_unmerge", session, card_id=slow.pk)
    assert BoardCard.objects.get(pk=slow.pk).merged_into_id is None
    _post(facilitator, "training:point_check", session,
          {"item_id": DISCUSSION, "point": "6", "confirmed": "0"})  # fmt: skip
    assert not PointCheck.objects.filter(session=session).exists()

    # A bad control changes nothing and says why, with a 4xx status.
    bad = _post(facilitator, "training:card_move", session, {"point": "99"}, card_id=reach.pk)
    assert bad.status_code == 400 and "Choose one of this discussion" in _body(bad)
    assert BoardCard.objects.get(pk=reach.pk).point is None
    bad = _post(facilitator, "training:card_merge", session, {"into_id": "x"}, card_id=reach.pk)
    assert bad.status_code == 400 and BoardCard.objects.get(pk=reach.pk).merged_into_id is None

    # With htmx a control answers the refreshed fragment.
    response = facilitator.post(
        reverse("training:card_move", args=[session.pk, reach.pk]),
        {"point": "3"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200 and "<html" not in _body(response)
    assert 'id="room"' in _body(response) and "The card is moved." in _body(response)

    # Answering a discussion the room has left: refused, nothing saved.
    _post(facilitator, "training:session_go", session, {"next": "1"})
    assert LiveSession.objects.get(pk=session.pk).current_item == ACTIVITY
    late = ada.post(card_url, {"item_id": DISCUSSION, "text": "Late answer"})
    assert late.status_code == 409 and "the room has moved on" in _body(late)
    assert not BoardCard.objects.filter(text="Late answer").exists()

    # Groups are formed; a phone records its group's work, prefilled afterwards.
    assert "Form groups of 3" in _body(
        facilitator.get(reverse("training:session", args=[session.pk]))
    )
    _post(facilitator, "training:session_groups", session, {"item_id": ACTIVITY})
    assert ActivityGroup.objects.filter(session=session).count() == 1
    phone = _body(ada.get(reverse("live:phone", args=[session.code])))
    assert "You are in group 1" in phone and 'name="record_0"' in phone
    assert '<label for="record_0">Partner type</label>' in phone
    response = ada.post(reverse("live:group", args=[session.code]),
                        {"item_id": ACTIVITY, "record_0": "Women police association",
                         "record_2": "Agree what can be said in public"})  # fmt: skip
    assert response.status_code == 302
    group = ActivityGroup.objects.get(session=session)
    assert group.record["Partner type"] == "Women police association"
    assert "Women police association" in _body(ben.get(reverse("live:phone", args=[session.code])))
    room = _body(facilitator.get(reverse("training:session", args=[session.pk])))
    assert "Group 1" in room and "Agree what can be said in public" in room


def test_the_test_is_handed_in_once_without_a_timer(world, facilitator, plan):
    session = _open(facilitator, plan)
    ada = _join(session.code, "Ada")
    quiz_url = reverse("live:quiz", args=[session.code])
    early = ada.post(quiz_url, {"phase": "pre", "answer_q-12-1": "2"})
    assert early.status_code == 409 and QuizAnswer.objects.count() == 0
    _post(facilitator, "training:session_quiz", session, {"phase": "pre"})
    phone = _body(ada.get(reverse("live:phone", args=[session.code])))
    assert "<fieldset" in phone and "<legend>" in phone and 'name="answer_q-12-1"' in phone
    assert "timer" not in phone.lower().replace("there is no timer", "")
    response = ada.post(quiz_url, {"phase": "pre", "answer_q-12-1": "2", "answer_q-12-2": "1"})
    assert response.status_code == 302
    assert QuizAnswer.objects.filter(session=session).count() == 2
    assert "Thank you" in _body(ada.get(reverse("live:phone", args=[session.code])))
    again = ada.post(quiz_url, {"phase": "pre", "answer_q-12-1": "0"})
    assert again.status_code == 409 and "already handed in" in _body(again)
    assert sorted(QuizAnswer.objects.values_list("choice", flat=True)) == [1, 2]
    bad = _join(session.code, "Ben").post(quiz_url, {"phase": "pre", "answer_q-12-1": "x"})
    assert bad.status_code == 400 and QuizAnswer.objects.count() == 2
    room = _body(facilitator.get(reverse("training:session", args=[session.pk])))
    assert "The pre-test is open." in room and "Handed in: pre-test 1, post-test 0." in room
    _post(facilitator, "training:session_quiz", session, {"phase": ""})
    assert LiveSession.objects.get(pk=session.pk).quiz_open == ""


def test_oversized_text_is_refused_and_kept_in_the_form(world, facilitator, plan):
    session = _open(facilitator, plan)
    live.go_to(world.users["member"], session.pk, DISCUSSION)
    ada = _join(session.code, "Ada")
    response = ada.post(reverse("live:card", args=[session.code]),
                        {"item_id": DISCUSSION, "text": "x" * 501})  # fmt: skip
    assert response.status_code == 400 and "Keep this under 500 characters" in _body(response)
    assert "x" * 501 in _body(response)  # the draft is not lost
    assert BoardCard.objects.count() == 0
    too_long = Client().post(reverse("live:enter", args=[session.code]), {"display_name": "n" * 61})
    assert too_long.status_code == 400 and Participant.objects.count() == 1


def test_an_anonymous_session_asks_no_names_and_a_signed_in_joiner_stays_unnamed(
    world, facilitator, plan
):
    session = _open(facilitator, plan, anonymous="1")
    assert session.anonymous
    signed_in = world.client("outsider")
    form = _body(signed_in.get(reverse("live:enter", args=[session.code])))
    assert "Your answers are anonymous" in form and 'name="display_name"' not in form
    response = signed_in.post(reverse("live:enter", args=[session.code]), {"display_name": "Eve"})
    assert response.status_code == 302
    me = Participant.objects.get(session=session)
    assert me.display_name == ""
    live.go_to(world.users["member"], session.pk, DISCUSSION)
    phone = _body(signed_in.get(reverse("live:phone", args=[session.code])))
    assert f"You are <strong>{me.code}</strong>" in phone
    outsider = world.users["outsider"]
    assert outsider.email not in phone
    signed_in.post(reverse("live:card", args=[session.code]), {"item_id": DISCUSSION, "text": "Hi"})
    card = BoardCard.objects.get(session=session)
    assert card.participant_id is None and card.author_label == ""
    assert "Your answers so far" not in _body(
        signed_in.get(reverse("live:phone", args=[session.code]))
    )


def test_unknown_and_closed_codes(world, facilitator, plan):
    unknown = Client().post(reverse("live:join"), {"code": "ZZZZZZ"})
    assert unknown.status_code == 404 and "There is no session with this code" in _body(unknown)
    assert 'name="code"' in _body(unknown)
    assert Client().get(reverse("live:enter", args=["ZZZZZZ"])).status_code == 404
    session = _open(facilitator, plan)
    ada = _join(session.code, "Ada")
    closing = _post(facilitator, "training:session_close", session)
    assert closing.status_code == 302
    closed = Client().post(reverse("live:join"), {"code": session.code})
    assert closed.status_code == 409 and "This session has closed" in _body(closed)
    assert Client().get(reverse("live:enter", args=[session.code])).status_code == 409
    phone = ada.get(reverse("live:phone", args=[session.code]))
    assert phone.status_code == 409 and "This session has closed" in _body(phone)
    late = ada.post(reverse("live:card", args=[session.code]), {"item_id": "x", "text": "Hi"})
    assert late.status_code == 409 and BoardCard.objects.count() == 0
    state = ada.get(reverse("live:phone_state", args=[session.code]), HTTP_HX_REQUEST="true")
    assert "This session has closed" in _body(state) and "hx-get" not in _body(state)
    room = _body(facilitator.get(reverse("training:session", args=[session.pk])))
    assert "This session has closed" in room and "hx-get" not in room
    again = _post(facilitator, "training:session_go", session, {"next": "1"})
    assert again.status_code == 409


def test_a_phone_without_its_cookie_is_sent_to_join(world, facilitator, plan):
    session = _open(facilitator, plan)
    stranger = Client()
    response = stranger.get(reverse("live:phone", args=[session.code]))
    assert response.status_code == 302
    assert response["Location"] == reverse("live:enter", args=[session.code])
    htmx = stranger.get(reverse("live:phone_state", args=[session.code]), HTTP_HX_REQUEST="true")
    assert htmx["HX-Redirect"] == reverse("live:enter", args=[session.code])
    stranger.cookies[f"live_{session.code}"] = "forged"
    assert stranger.get(reverse("live:phone", args=[session.code])).status_code == 302
    live.go_to(world.users["member"], session.pk, DISCUSSION)
    refused = stranger.post(reverse("live:card", args=[session.code]),
                            {"item_id": DISCUSSION, "text": "Hi"})  # fmt: skip
    assert refused.status_code == 404 and BoardCard.objects.count() == 0


def test_the_qr_code_is_svg_without_style_and_fragments_are_partials(world, facilitator, plan):
    session = _open(facilitator, plan)
    qr = facilitator.get(reverse("training:session_qr", args=[session.pk]))
    assert qr.status_code == 200 and qr["Content-Type"] == "image/svg+xml"
    svg = qr.content.decode()
    assert svg.startswith("<svg") and "style=" not in svg and "<?xml" not in svg
    fragment = facilitator.get(reverse("training:session_room", args=[session.pk]))
    assert fragment.status_code == 200
    assert _body(fragment).lstrip().startswith('<div id="room"') and "<html" not in _body(fragment)
    ada = _join(session.code, "Ada")
    state = ada.get(reverse("live:phone_state", args=[session.code]))
    assert state.status_code == 200
    assert _body(state).lstrip().startswith('<div id="phone"') and "<html" not in _body(state)
    assert "style=" not in _body(ada.get(reverse("live:phone", args=[session.code])))


def test_the_join_address_uses_the_lan_address_when_the_screen_is_on_localhost(
    world, facilitator, plan
):
    session = _open(facilitator, plan)
    url = reverse("training:session", args=[session.pk])
    hosts = ["localhost", "127.0.0.1", "testserver", "192.168.1.20"]
    with override_settings(ALLOWED_HOSTS=hosts):
        local = _body(facilitator.get(url, HTTP_HOST="127.0.0.1:8000"))
        assert f"http://192.168.1.20:8000/live/{session.code}/join/" in local
        assert "local network" in local
        direct = _body(facilitator.get(url, HTTP_HOST="192.168.1.20:8000"))
        assert f"http://192.168.1.20:8000/live/{session.code}/join/" in direct
        assert "local network at the address above" not in direct
    plain = _body(facilitator.get(url, HTTP_HOST="127.0.0.1:8000"))
    assert f"http://127.0.0.1:8000/live/{session.code}/join/" in plain


def test_another_person_gets_404_and_the_sessions_list_is_ones_own(world, facilitator, plan):
    session = _open(facilitator, plan)
    other = world.client("steering")
    for name in ["training:session", "training:session_room", "training:session_qr"]:
        assert other.get(reverse(name, args=[session.pk])).status_code == 404
    assert _post(other, "training:session_close", session).status_code == 404
    assert LiveSession.objects.get(pk=session.pk).is_open
    assert session.code not in _body(other.get(reverse("training:sessions")))
    mine = _body(facilitator.get(reverse("training:sessions")))
    assert session.code in mine and reverse("training:session", args=[session.pk]) in mine
    assert world.client("anonymous").get(reverse("training:sessions")).status_code == 302


def test_pages_make_a_bounded_number_of_queries(
    world, facilitator, plan, django_assert_max_num_queries
):
    session = _open(facilitator, plan)
    owner = world.users["member"]
    live.go_to(owner, session.pk, DISCUSSION)
    phones = [_join(session.code, f"P{n}") for n in range(6)]
    people = list(Participant.objects.filter(session=session))
    for person in people:
        for n in range(3):
            live.post_card(person, DISCUSSION, f"Answer {n} from {person.display_name}")
    cards = list(BoardCard.objects.filter(session=session))
    live.merge_cards(owner, session.pk, cards[1].pk, cards[0].pk)
    live.move_card(owner, session.pk, cards[0].pk, point=2)
    live.check_point(owner, session.pk, DISCUSSION, 2)
    with django_assert_max_num_queries(10):
        assert facilitator.get(reverse("training:session", args=[session.pk])).status_code == 200
    with django_assert_max_num_queries(10):
        facilitator.get(reverse("training:session_room", args=[session.pk]))
    with django_assert_max_num_queries(6):
        assert phones[0].get(reverse("live:phone", args=[session.code])).status_code == 200
    live.go_to(owner, session.pk, ACTIVITY)
    live.make_groups(owner, session.pk, ACTIVITY)
    with django_assert_max_num_queries(10):
        facilitator.get(reverse("training:session_room", args=[session.pk]))
    with django_assert_max_num_queries(6):
        phones[0].get(reverse("live:phone_state", args=[session.code]))


def test_lan_option_binds_every_interface_and_allows_the_lan_address(monkeypatch, capsys):
    from coalesce import cli

    found = cli.lan_address()  # the real probe: a private address or None, never loopback
    assert found is None or not found.startswith("127.")
    monkeypatch.setenv("ALLOWED_HOSTS", "localhost,127.0.0.1")
    monkeypatch.setattr(cli, "lan_address", lambda: "192.168.4.7")
    assert cli.use_lan("127.0.0.1:8123") == "0.0.0.0:8123"
    assert cli.use_lan("127.0.0.1:8123") == "0.0.0.0:8123"  # twice: added once
    import os

    assert os.environ["ALLOWED_HOSTS"] == "localhost,127.0.0.1,192.168.4.7"
    assert "http://192.168.4.7:8123/live/" in capsys.readouterr().out
    monkeypatch.setattr(cli, "lan_address", lambda: None)
    assert cli.use_lan("8000") == "0.0.0.0:8000"
    assert "No local network address" in capsys.readouterr().out
