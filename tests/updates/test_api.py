"""The updates API: the same rules and selectors as the pages; bad input a 4xx with the
field, and nothing changed."""

import pytest

from coalesce.updates.models import Receipt, Reply, Update
from tests.support.api import api_as, assert_error

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_hashing")]


@pytest.fixture
def base(world):
    return f"/coalitions/{world.coalition.slug}/updates"


def test_post_read_acknowledge_reply_and_count(world, base):
    steering = api_as(world, "steering")
    posted = steering.post(
        base, {"title": "Protocol", "body": "Pairs", "asks_acknowledgement": True}
    )
    assert posted.status_code == 201, posted.content
    update = posted.json()
    assert update["committee_id"] is None and update["author_label"] == "Justice Watch"
    member = api_as(world, "member")
    (listed,) = member.get(base).json()
    assert listed["id"] == update["id"] and listed["my_opened_at"] is None
    read = member.post(f"{base}/{update['id']}/read")
    assert read.status_code == 200 and read.json()["opened_at"]
    acknowledged = member.post(f"{base}/{update['id']}/acknowledge")
    assert acknowledged.status_code == 200 and acknowledged.json()["acknowledged_at"]
    assert_error(member.post(f"{base}/{update['id']}/acknowledge"), 409)
    reply = member.post(f"{base}/{update['id']}/replies", {"body": "Done"})
    assert reply.status_code == 201 and reply.json()["author_label"] == "Open Hands Network"
    detail = member.get(f"{base}/{update['id']}").json()
    assert [r["body"] for r in detail["thread"]] == ["Done"] and detail["my_acknowledged_at"]
    counts = steering.get(f"{base}/{update['id']}/counts").json()
    assert counts == {
        "recipients": 2,
        "delivered": 0,
        "opened": 1,
        "acknowledged": 1,
        "opened_names": ["Open Hands Network"],
        "acknowledged_names": ["Open Hands Network"],
    }
    assert_error(member.get(f"{base}/{update['id']}/counts"), 403)


def test_bad_input_and_refused_audiences_change_nothing(world, base):
    member = api_as(world, "member")
    assert_error(
        member.post(base, {"title": "X", "body": "Y", "committee_id": world.steering_committee.id}),
        400,
        "committee",
    )
    assert_error(member.post(base, {"title": "X", "body": "Y"}), 400, "committee")
    assert member.post(base, {"title": "X" * 201, "body": "Y"}).status_code == 422
    assert_error(api_as(world, "steering").post(base, {"title": "  ", "body": "Y"}), 400, "title")
    assert_error(api_as(world, "custodian").post(base, {"title": "X", "body": "Y"}), 403)
    assert not Update.objects.exists()


def test_a_committee_update_is_not_found_outside_its_audience(world, base):
    chair = api_as(world, "chair")
    posted = chair.post(base, {"title": "Kit", "body": "Draft", "committee_id": world.committee.id})
    assert posted.status_code == 201, posted.content
    update_id = posted.json()["id"]
    admin = api_as(world, "admin")
    assert admin.get(base).json() == []
    assert_error(admin.get(f"{base}/{update_id}"), 404)
    assert_error(admin.post(f"{base}/{update_id}/replies", {"body": "Hi"}), 404)
    assert_error(admin.get(f"{base}/{update_id}/counts"), 404)
    assert not Reply.objects.exists()
    assert not Receipt.objects.filter(opened_at__isnull=False).exists()
