"""The issue's first two promises, end to end.

* An at-risk member marks the police station: the scheduler never proposes it, and
  nothing the organisers can read — pages, API answers, e-mails, calendar files, the
  audit log — links that member to that venue. The organisers' view is the same, byte
  for byte, whoever marked it.
* Calendar files round-trip through ``icalendar``: one UID across exports, SEQUENCE
  rising with every change of time, place or status, ``STATUS:CANCELLED`` once
  cancelled, and no other member's e-mail address.
"""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from coalesce.accounts.models import ApiToken
from coalesce.coalitions.models import Visibility
from coalesce.meetings import planning, services
from tests.meetings.test_services import answer_all, soon
from tests.support import factories as f

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_hashing")]

AT_RISK = {"name": "MARKER-ATRISK-ORG-5d1e", "alias": "Riverside Survivors", "person": "Mar Kerr"}


@pytest.fixture
def at_risk(world):
    user = f.make_user("at-risk@example.org", AT_RISK["person"])
    f.make_member(
        world.coalition,
        user=user,
        name=AT_RISK["name"],
        person_name=AT_RISK["person"],
        visibility=Visibility.PSEUDONYMOUS,
        alias=AT_RISK["alias"],
    )
    world.users["at_risk"] = user
    return user


@pytest.fixture
def hearing(world, actor, at_risk):
    steering = actor("steering")
    police = services.add_venue(steering, name="Police station hall", address="Central")
    hall = services.add_venue(steering, name="Women's centre", address="Market St")
    meeting = services.create_meeting(
        steering,
        title="Hearing preparation",
        time_zone="Africa/Nairobi",
        duration_minutes=120,
        times=[soon(5), soon(6)],
        venue_ids=[police.id, hall.id],
    )
    answer_all(actor, meeting, roles=("member", "chair", "steering", "at_risk"))
    return meeting, police, hall


def organiser_view(world, meeting, role) -> list[bytes]:
    """Everything an organiser can read about the meeting and the venues."""
    client = world.client(role)
    _t, raw = ApiToken.issue(world.users[role], "privacy")
    api = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    slug = world.coalition.slug
    pages = [
        reverse("meetings:meeting", args=[slug, meeting.id]),
        reverse("meetings:plan", args=[slug, meeting.id]),
        reverse("meetings:index", args=[slug]),
        reverse("meetings:venues", args=[slug]),
    ]
    if meeting.starts_at:
        pages.append(reverse("meetings:ics", args=[slug, meeting.id]))
    apis = [
        f"/api/coalitions/{slug}/meetings/{meeting.id}",
        f"/api/coalitions/{slug}/meetings/{meeting.id}/proposals",
        f"/api/coalitions/{slug}/venues",
    ]
    seen = [_scrub(client.get(page).content) for page in pages]
    seen += [Client().get(path, **api).content for path in apis]
    if role == "admin":
        seen.append(_scrub(client.get(reverse("audit:log", args=[slug])).content))
    return seen


def _scrub(body: bytes) -> bytes:
    """Without the per-request CSRF token (and times of day in the audit log)."""
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", body)


def test_an_at_risk_members_mark_is_honoured_and_never_linked_to_them(
    world, actor, at_risk, hearing
):
    meeting, police, hall = hearing
    services.set_unsafe_venues(actor("at_risk"), venue_ids=[police.id])
    found = planning.plan(actor("steering"), meeting, limit=100)
    assert found.schedule.proposals and {p.venue for p in found.schedule.proposals} == {hall.id}

    marked_by_at_risk = {role: organiser_view(world, meeting, role) for role in ("steering",)}
    # the same mark, made by an ordinary member instead
    services.set_unsafe_venues(actor("at_risk"), venue_ids=[])
    services.set_unsafe_venues(actor("member"), venue_ids=[police.id])
    marked_by_member = {role: organiser_view(world, meeting, role) for role in ("steering",)}
    assert marked_by_at_risk == marked_by_member

    services.set_unsafe_venues(actor("member"), venue_ids=[])
    services.set_unsafe_venues(actor("at_risk"), venue_ids=[police.id])
    first = found.schedule.proposals[0]
    services.schedule_meeting(
        actor("steering"), meeting.id, time_id=first.slot, venue_id=first.venue
    )
    meeting.refresh_from_db()
    for role in ("steering", "admin"):
        for body in organiser_view(world, meeting, role):
            text = body.decode(errors="replace")
            for marker in (AT_RISK["name"], AT_RISK["person"], "at-risk@example.org"):
                assert marker not in text, (role, marker)
            if AT_RISK["alias"] in text:  # an alias may be listed, never beside the venue
                assert "Police station" not in text.split(AT_RISK["alias"])[1][:400]
    for message in mail.outbox:
        assert "Police station" not in message.body


def test_calendar_files_keep_their_uid_raise_their_sequence_and_show_cancellation(
    world, actor, at_risk, hearing
):
    meeting, police, hall = hearing
    steering, member = actor("steering"), world.client("member")
    url = reverse("meetings:ics", args=[world.coalition.slug, meeting.id])
    times = list(meeting.times.all())

    def export():
        data = member.get(url).content
        (event,) = Calendar.from_ical(data).walk("VEVENT")
        return data, event

    services.schedule_meeting(steering, meeting.id, time_id=times[0].id, venue_id=hall.id)
    first, event = export()
    again, same = export()
    assert str(event["UID"]) == str(same["UID"]) and first == again
    services.schedule_meeting(steering, meeting.id, time_id=times[1].id, venue_id=hall.id)
    _moved, moved = export()
    assert str(moved["UID"]) == str(event["UID"])
    assert int(moved["SEQUENCE"]) > int(event["SEQUENCE"])
    assert moved.decoded("DTSTART") == times[1].starts_at
    services.cancel_meeting(steering, meeting.id)
    cancelled_file, cancelled = export()
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert int(cancelled["SEQUENCE"]) > int(moved["SEQUENCE"])
    for data in (first, cancelled_file):
        assert b"VTIMEZONE" in data and b"TZID:Africa/Nairobi" in data
        for user in world.users.values():
            assert user.email.encode() not in data
        assert b"mailto:" not in data.lower()


def test_a_private_venue_is_told_only_to_those_invited(world, actor, at_risk):
    """A committee meeting whose venue is shown only to those invited: a member who is
    not on the committee sees when, never where (page, API, calendar file)."""
    steering = actor("steering")
    safe_house = services.add_venue(steering, name="Safe house", address="Known to few")
    meeting = services.create_meeting(
        steering,
        title="Outreach planning",
        time_zone="UTC",
        duration_minutes=60,
        times=[soon(4)],
        venue_ids=[safe_house.id],
        committee_id=world.committee.id,
        venue_private=True,
    )
    time = meeting.times.get()
    services.answer_poll(actor("chair"), meeting.id, answers={time.id: "yes"}, time_zone="UTC")
    services.schedule_meeting(steering, meeting.id, time_id=time.id, venue_id=safe_house.id)
    slug = world.coalition.slug
    outsider_of_committee = world.client("at_risk")  # a member, not on Outreach
    page = outsider_of_committee.get(reverse("meetings:meeting", args=[slug, meeting.id]))
    ics = outsider_of_committee.get(reverse("meetings:ics", args=[slug, meeting.id])).content
    assert b"Safe house" not in page.content and b"Told to those invited" in page.content
    assert b"Safe house" not in ics and b"LOCATION" not in ics
    _t, raw = ApiToken.issue(at_risk, "t")
    answer = (
        Client()
        .get(f"/api/coalitions/{slug}/meetings/{meeting.id}", HTTP_AUTHORIZATION=f"Bearer {raw}")
        .json()
    )
    assert answer["venue"] is None and answer["starts_at"]
    invited = world.client("chair").get(reverse("meetings:ics", args=[slug, meeting.id])).content
    assert b"Safe house" in invited
