"""The health-check API: the same services and selectors as the pages; bad input is a
4xx JSON error that changes nothing; withheld numbers are null with withheld: true."""

import pytest

from coalesce.health import services
from coalesce.health.models import Response
from tests.health.helpers import actor, answer_all, answerers, open_wave, scores, soon
from tests.support.api import api_as, assert_error
from tests.support.authz import database_snapshot

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_hashing")]


@pytest.fixture
def base(world):
    return f"/coalitions/{world.coalition.slug}/health"


def test_open_answer_close_and_read(world, base):
    steering = api_as(world, "steering")
    made = steering.post(f"{base}/waves", {"title": "Check", "closes_on": soon()})
    assert made.status_code == 201, made.content
    wave_id = made.json()["id"]
    assert_error(steering.post(f"{base}/waves", {"title": "Two", "closes_on": soon()}), 409)
    member = api_as(world, "member")
    answered = member.post(
        f"{base}/waves/{wave_id}/answers", {"scores": scores(2), "size": "small"}
    )
    assert answered.status_code == 201 and answered.json() == {"answered": True}
    assert_error(
        member.post(f"{base}/waves/{wave_id}/answers", {"scores": scores(2), "size": "small"}), 409
    )
    open_read = member.get(f"{base}/waves/{wave_id}").json()
    assert open_read["results"] is None and open_read["answered"] == 1
    assert open_read["answered_by_me"] is True
    assert steering.post(f"{base}/waves/{wave_id}/close").status_code == 200
    closed = member.get(f"{base}/waves/{wave_id}").json()
    equity = closed["results"][0]
    assert equity["score"] == {"value": None, "answers": None, "withheld": True}
    assert equity["groups"]["steering"]["answers"] is None
    assert member.get(f"{base}/trend").json()["themes"]["equity"][0]["withheld"] is True
    assert len(member.get(f"{base}/items").json()) == 14


@pytest.mark.parametrize(
    "body,field",
    [
        ({"scores": scores(6), "size": "small"}, "scores.equity_voice"),
        ({"scores": {"equity_voice": 3}, "size": "small"}, "equity_roles"),
        ({"scores": scores(), "size": "giant"}, "size"),
    ],
)
def test_bad_answers_are_400_and_change_nothing(world, base, body, field):
    wave = open_wave(world)
    member = api_as(world, "member")
    before = database_snapshot()
    response = member.post(f"{base}/waves/{wave.pk}/answers", body)
    assert_error(response, 422 if field.startswith("scores.") else 400)
    assert response.json()["field"] == field
    assert database_snapshot() == before


def test_a_non_member_and_a_closed_wave_are_refused(world, base):
    wave = open_wave(world)
    assert_error(
        api_as(world, "admin").post(
            f"{base}/waves/{wave.pk}/answers", {"scores": scores(), "size": "small"}
        ),
        403,
    )
    services.close_wave(actor(world, "steering"), wave.pk)
    assert_error(
        api_as(world, "member").post(
            f"{base}/waves/{wave.pk}/answers", {"scores": scores(), "size": "small"}
        ),
        409,
    )
    assert_error(
        api_as(world, "steering").post(f"{base}/waves", {"title": "X", "closes_on": "2001-01-01"}),
        400,
    )
    assert Response.objects.count() == 0


def test_a_concern_becomes_a_conflict_item(world, base):
    wave = open_wave(world)
    answer_all(wave, answerers(world, 5), value=2)
    services.close_wave(actor(world, "steering"), wave.pk)
    steering = api_as(world, "steering")
    read = steering.get(f"{base}/waves/{wave.pk}").json()
    assert read["results"][0]["score"]["value"] == "2.00" and read["results"][0]["concern"]
    made = steering.post(
        f"{base}/waves/{wave.pk}/concerns", {"theme": "equity", "kind": "conflict"}
    )
    assert made.status_code == 201 and made.json()["conflict_id"]
    assert_error(
        steering.post(f"{base}/waves/{wave.pk}/concerns", {"theme": "equity", "kind": "task"}), 400
    )
    assert steering.get(f"{base}/waves/{wave.pk}").json()["results"][0]["conflict_id"]
