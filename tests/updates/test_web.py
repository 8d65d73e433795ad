"""The updates pages: list, post, read, acknowledge, reply, settings, preference."""

import pytest
from django.urls import reverse

from coalesce.updates import services
from coalesce.updates.models import Receipt, Reply, Update

pytestmark = pytest.mark.django_db


def url(world, name, *args):
    return reverse(f"updates:{name}", args=[world.coalition.slug, *args])


def test_post_an_update_to_a_committee_and_a_member_acknowledges_it(world):
    chair = world.client("chair")
    form = chair.get(url(world, "new")).content.decode()
    assert "Outreach" in form and "The whole coalition" not in form  # only where they may
    answer = chair.post(
        url(world, "new"),
        {
            "title": "Kit",
            "body": "Read the *kit*",
            "committee": world.committee.id,
            "asks_acknowledgement": "on",
        },
    )
    update = Update.objects.get()
    assert answer.status_code == 302 and answer["Location"] == url(world, "update", update.id)
    member = world.client("member")
    listing = member.get(url(world, "index")).content.decode()
    assert "Kit" in listing and "Unread" in listing and "Please acknowledge" in listing
    page = member.get(url(world, "update", update.id)).content.decode()
    assert "<em>kit</em>" in page and "Acknowledge" in page
    assert not Receipt.objects.filter(opened_at__isnull=False).exists()  # the GET wrote nothing
    assert member.post(url(world, "acknowledge", update.id)).status_code == 302
    again = member.post(url(world, "acknowledge", update.id))
    assert again.status_code == 409
    receipt = Receipt.objects.get(update=update, person__user=world.users["member"])
    assert receipt.acknowledged_at and receipt.opened_at
    counts = chair.get(url(world, "update", update.id)).content.decode()
    assert "1 acknowledged" in counts and "Open Hands Network" in counts
    assert "Who has it" not in member.get(url(world, "update", update.id)).content.decode()


def test_posting_to_a_committee_one_may_not_is_a_clear_refusal(world):
    member = world.client("member")
    answer = member.post(
        url(world, "new"),
        {"title": "X", "body": "Y", "committee": world.steering_committee.id},
    )
    assert answer.status_code == 400
    assert "Select a valid choice" in answer.content.decode()
    blank = member.post(
        url(world, "new"), {"title": "", "body": "Y", "committee": world.committee.id}
    )
    assert blank.status_code == 400 and "This field is required" in blank.content.decode()
    assert not Update.objects.exists()


def test_read_reply_and_the_naming_choice(world, act):
    update = services.post_update(act("steering"), title="News", body="Hello")
    member = world.client("member")
    assert member.post(url(world, "read", update.id)).status_code == 302
    assert (
        "You have marked this update read"
        in member.get(url(world, "update", update.id)).content.decode()
    )
    bad = member.post(url(world, "reply", update.id), {"body": ""})
    assert bad.status_code == 400 and not Reply.objects.exists()
    assert (
        member.post(url(world, "reply", update.id), {"body": "Thanks **all**"}).status_code == 302
    )
    page = world.client("chair").get(url(world, "update", update.id)).content.decode()
    assert "<strong>all</strong>" in page and "Open Hands Network" in page
    assert member.post(url(world, "preference"), {"counted_not_named": "on"}).status_code == 302
    assert "checked" in member.get(url(world, "preference")).content.decode()
    counts = world.client("steering").get(url(world, "update", update.id)).content.decode()
    assert "1 opened in the app" in counts and "Open Hands Network</li>" not in counts


def test_the_steering_committee_lets_members_post_to_everyone(world):
    steering = world.client("steering")
    assert steering.post(url(world, "settings"), {"members_may_post": "on"}).status_code == 302
    form = world.client("member").get(url(world, "new")).content.decode()
    assert "The whole coalition" in form
    assert steering.post(url(world, "settings"), {}).status_code == 302  # unticked: off again
    assert (
        "The whole coalition" not in world.client("member").get(url(world, "new")).content.decode()
    )


def test_a_committee_update_is_not_found_outside_its_audience(world, act):
    update = services.post_update(
        act("chair"), title="Kit", body="Draft", committee_id=world.committee.id
    )
    for role in ("admin", "custodian"):
        client = world.client(role)
        assert client.get(url(world, "update", update.id)).status_code == 404
        assert client.post(url(world, "reply", update.id), {"body": "Hi"}).status_code == 404
        assert "Kit" not in client.get(url(world, "index")).content.decode()
    assert not Reply.objects.exists()
