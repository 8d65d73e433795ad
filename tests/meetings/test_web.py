"""The meetings pages end to end: venues and a private mark, a poll planned in the page,
answers, the proposals (never the marked venue, never who marked it), scheduling, the
calendar file and the secret feed; bad input re-renders with the error, saves nothing."""

import re

import pytest
from django.urls import reverse
from icalendar import Calendar

from coalesce.meetings.models import Meeting, PollAnswer, Venue
from tests.meetings.test_services import soon

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_hashing")]


def url(world, name, **kwargs):
    return reverse(f"meetings:{name}", kwargs={"slug": world.coalition.slug, **kwargs})


def add_venue(world, name, **extra):
    response = world.client("steering").post(
        url(world, "venue_add"), {"name": name, "address": "Somewhere", **extra}
    )
    assert response.status_code == 302
    return Venue.objects.get(name=name)


def test_plan_a_meeting_from_a_poll_with_a_venue_someone_marked(world):
    police = add_venue(world, "Police station conference room")
    church = add_venue(world, "Community hall", capacity="40")
    member = world.client("member")
    assert member.post(url(world, "marks"), {"venue_ids": [police.id]}).status_code == 302
    assert (
        "checked"
        in member.get(url(world, "venues")).content.decode().split(f'value="{police.id}"')[1][:80]
    )

    steering = world.client("steering")
    created = steering.post(
        url(world, "new"),
        {
            "title": "Hearing preparation",
            "time_zone": "Africa/Nairobi",
            "times": f"{soon(5)}\n{soon(6, 14)}",
            "duration_minutes": "90",
            "venue_ids": [police.id, church.id],
        },
    )
    assert created.status_code == 302
    meeting = Meeting.objects.get()
    times = list(meeting.times.all())
    for role in ("member", "chair", "steering"):
        answered = world.client(role).post(
            url(world, "answer", meeting_id=meeting.id),
            {"time_zone": "UTC", **{f"time_{t.id}": "yes" for t in times}},
        )
        assert answered.status_code == 302, answered.content.decode()[:2000]

    page = steering.get(url(world, "meeting", meeting_id=meeting.id)).content.decode()
    assert url(world, "plan", meeting_id=meeting.id) in page
    plan = steering.get(url(world, "plan", meeting_id=meeting.id)).content.decode()
    plan = plan.split('id="plan-title"')[1]
    assert "Community hall" in plan and "Police station" not in plan
    assert "1 venue" in plan  # not suitable for this meeting, never why nor by whom
    assert "Open Hands" not in page and "Open Hands" not in plan

    scheduled = steering.post(
        url(world, "schedule", meeting_id=meeting.id),
        {"time_id": times[0].id, "venue_id": church.id},
    )
    assert scheduled.status_code == 302
    refused = steering.post(
        url(world, "schedule", meeting_id=meeting.id),
        {"time_id": times[0].id, "venue_id": police.id},
    )
    assert refused.status_code == 409
    meeting.refresh_from_db()
    assert meeting.venue == church

    ics = member.get(url(world, "ics", meeting_id=meeting.id))
    assert ics["Content-Type"].startswith("text/calendar")
    event = next(c for c in Calendar.from_ical(ics.content).walk("VEVENT"))
    assert str(event["UID"]) == f"{meeting.uid}@coalesce" and int(event["SEQUENCE"]) == 1
    assert "Community hall" in str(event["LOCATION"])
    assert b"@example.org" not in ics.content


def test_the_secret_feed_lists_my_meetings_and_can_be_reset(world):
    venue = add_venue(world, "Video call", online="on")
    world.client("steering").post(
        url(world, "new"),
        {
            "title": "Monthly call",
            "time_zone": "UTC",
            "times": soon(3),
            "duration_minutes": "60",
            "venue_ids": [venue.id],
        },
    )
    meeting = Meeting.objects.get()
    time = meeting.times.get()
    world.client("member").post(
        url(world, "answer", meeting_id=meeting.id), {"time_zone": "UTC", f"time_{time.id}": "yes"}
    )
    world.client("steering").post(
        url(world, "schedule", meeting_id=meeting.id),
        {"time_id": meeting.times.get().id, "venue_id": venue.id},
    )
    member = world.client("member")
    page = member.post(url(world, "calendar")).content.decode()
    feed = re.search(r'<code class="secret">https?://[^/]+([^<]+)</code>', page).group(1)
    answer = world.client("anonymous").get(feed)
    assert answer.status_code == 200 and b"Monthly call" in answer.content
    member.post(url(world, "calendar"))
    assert world.client("anonymous").get(feed).status_code == 404


@pytest.mark.parametrize(
    "change,message",
    [
        ({"times": "2001-01-01 10:00"}, "Every time must be in the future"),
        ({"times": "someday"}, "YYYY-MM-DD HH:MM"),
        ({"time_zone": "Moon/Base"}, "time zone"),
        ({"title": ""}, "This field is required"),
    ],
)
def test_bad_input_re_renders_and_saves_nothing(world, change, message):
    venue = add_venue(world, "Hall")
    data = {
        "title": "Hearing",
        "time_zone": "UTC",
        "times": soon(3),
        "duration_minutes": "60",
        "venue_ids": [venue.id],
        **change,
    }
    response = world.client("steering").post(url(world, "new"), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Meeting.objects.exists()


def test_a_bad_answer_shows_and_saves_nothing(world):
    venue = add_venue(world, "Hall")
    world.client("steering").post(
        url(world, "new"),
        {
            "title": "Hearing",
            "time_zone": "UTC",
            "times": soon(3),
            "duration_minutes": "60",
            "venue_ids": [venue.id],
        },
    )
    meeting = Meeting.objects.get()
    response = world.client("member").post(
        url(world, "answer", meeting_id=meeting.id),
        {"time_zone": "Nowhere/Zone", f"time_{meeting.times.get().id}": "yes"},
    )
    assert response.status_code == 400 and "time zone" in response.content.decode()
    assert not PollAnswer.objects.exists()
