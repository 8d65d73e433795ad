"""Health-check pages: answering (and the clear message for bad input), the results with
"fewer than 5 answers", charts that are plain SVG (no JavaScript), the trend, concerns."""

import re

import pytest
from django.urls import reverse
from django.utils.html import escape

from coalesce.health import services
from coalesce.health.items import ITEMS
from coalesce.health.models import Participation, SealedResponse, Wave
from tests.health.helpers import actor, answer_all, answerers, open_wave, soon
from tests.support.authz import database_snapshot

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_hashing")]


def url(world, name, **kwargs):
    return reverse(f"health:{name}", kwargs={"slug": world.coalition.slug, **kwargs})


def form_data(value="4", **overrides):
    return {"size": "small", **{item.key: overrides.get(item.key, value) for item in ITEMS}}


def test_a_member_answers_through_the_page_once(world):
    wave = open_wave(world)
    client = world.client("member")
    page = client.get(url(world, "answer", wave_id=wave.pk))
    assert page.status_code == 200
    assert (
        escape(str(ITEMS[0].text)) in page.content.decode()
        and "Principles of Partnership" in page.content.decode()
    )
    done = client.post(url(world, "answer", wave_id=wave.pk), form_data())
    assert done.status_code == 302
    assert SealedResponse.objects.count() == 1
    again = client.post(url(world, "answer", wave_id=wave.pk), form_data())
    assert again.status_code == 409 and "You have answered" in again.content.decode()
    assert SealedResponse.objects.count() == 1


def test_a_missing_item_is_a_clear_message_and_saves_nothing(world):
    wave = open_wave(world)
    data = form_data()
    del data["benefit_fair"]
    before = database_snapshot()
    page = world.client("member").post(url(world, "answer", wave_id=wave.pk), data)
    assert page.status_code == 400 and "This field is required" in page.content.decode()
    out_of_range = world.client("member").post(
        url(world, "answer", wave_id=wave.pk), form_data("9")
    )
    assert out_of_range.status_code == 400
    assert database_snapshot() == before


def test_opening_a_wave_in_the_past_or_a_second_one_is_refused_on_the_page(world):
    client = world.client("steering")
    past = client.post(url(world, "wave_open"), {"title": "Old", "closes_on": "2020-01-01"})
    assert past.status_code == 400 and "after today" in past.content.decode()
    assert (
        client.post(url(world, "wave_open"), {"title": "A", "closes_on": soon()}).status_code == 302
    )
    second = client.post(url(world, "wave_open"), {"title": "B", "closes_on": soon()})
    assert second.status_code == 409 and "already open" in second.content.decode()
    assert Wave.objects.count() == 1


def test_four_answers_show_fewer_than_5_and_charts_are_plain_svg(world):
    wave = open_wave(world)
    answer_all(wave, answerers(world, 4), value=1)
    services.close_wave(actor(world, "steering"), wave.pk)
    html = world.client("member").get(url(world, "wave", wave_id=wave.pk)).content.decode()
    assert "fewer than 5 answers" in html
    assert "<svg" in html and "<script" not in html.split("<main")[-1]
    assert not re.search(r"<td[^>]*>\s*1\.00", html)  # no score over the four is shown
    assert "4 of 7 people" in html  # participation is shown always


def test_results_trend_and_a_concern_made_a_task_in_one_click(world):
    wave = open_wave(world)
    answer_all(wave, answerers(world, 5), value=2)
    services.close_wave(actor(world, "steering"), wave.pk)
    client = world.client("steering")
    html = client.get(url(world, "wave", wave_id=wave.pk)).content.decode()
    assert "Make it a task" in html and "Open a conflict-register item" in html
    assert re.search(r"<td[^>]*>2\.00</td>", html)
    done = client.post(
        url(world, "concern", wave_id=wave.pk),
        {"theme": "equity", "kind": "task", "committee_id": world.committee.pk},
    )
    assert done.status_code == 302
    html = client.get(url(world, "wave", wave_id=wave.pk)).content.decode()
    assert "Task: Health check" in html
    conflict = client.post(
        url(world, "concern", wave_id=wave.pk), {"theme": "equity", "kind": "conflict"}
    )
    assert conflict.status_code == 302
    again = client.post(
        url(world, "concern", wave_id=wave.pk), {"theme": "equity", "kind": "conflict"}
    )
    assert again.status_code == 409
    member_html = world.client("member").get(url(world, "wave", wave_id=wave.pk)).content.decode()
    assert "Make it a task" not in member_html
    trend = world.client("member").get(url(world, "index")).content.decode()
    assert "Spring check" in trend and "2.00" in trend and 'id="health-trend-title"' in trend


def test_no_page_tells_who_answered_what(world):
    wave = open_wave(world)
    services.answer(actor(world, "member"), wave.pk, scores={i.key: 5 for i in ITEMS}, size="large")
    assert Participation.objects.count() == 1
    for role in ("steering", "admin", "custodian", "chair"):
        for page in (url(world, "index"), url(world, "wave", wave_id=wave.pk)):
            html = world.client(role).get(page).content.decode()
            assert "Open Hands Network" not in html and "Member User" not in html


def test_the_change_since_the_last_wave_and_a_falling_theme(world):
    steering = actor(world, "steering")
    first = open_wave(world, title="First")
    answer_all(first, answerers(world, 5, prefix="a"), value=4)
    services.close_wave(steering, first.pk)
    second = open_wave(world, title="Second")
    answer_all(second, answerers(world, 5, prefix="b"), value=3)
    services.close_wave(steering, second.pk)
    client = world.client("steering")
    html = client.get(url(world, "wave", wave_id=second.pk)).content.decode()
    assert re.search(r"<td[^>]*>4\.00</td>", html) and re.search(r"<td[^>]*>-1\.00</td>", html)
    assert "(of concern)" in html
    assert 'id="health-scores-title"' in html and "Last wave" in html
    no_committee = client.post(
        url(world, "concern", wave_id=second.pk), {"theme": "equity", "kind": "task"}
    )
    assert (
        no_committee.status_code == 400
        and "This field is required" in no_committee.content.decode()
    )
    page = world.client("member").get(url(world, "index")).content.decode()
    trend = page.split('id="trend-heading"')[1]
    assert trend.index(">First<") < trend.index(">Second<")  # oldest first


def test_answering_a_closed_wave_or_as_staff_is_refused_on_the_page(world):
    wave = open_wave(world)
    refused = world.client("admin").post(url(world, "answer", wave_id=wave.pk), form_data())
    assert refused.status_code == 403
    services.close_wave(actor(world, "steering"), wave.pk)
    before = database_snapshot()
    closed = world.client("member").post(url(world, "answer", wave_id=wave.pk), form_data())
    assert closed.status_code == 409 and "This health check is closed." in closed.content.decode()
    assert database_snapshot() == before
    page = world.client("member").get(url(world, "answer", wave_id=wave.pk)).content.decode()
    assert "This health check is closed." in page and "Send my answer" not in page
