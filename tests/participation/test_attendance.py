"""Meetings attended: recorded by the meeting's organisers once it has started, only for
active members invited to it; the page's form and the API use the same service."""

import pytest
from django.urls import reverse

from coalesce.core.errors import Conflict, DomainError, Forbidden
from coalesce.meetings import attendance
from coalesce.meetings.models import Attendance
from tests.support.targets import held_meeting


def test_organisers_record_and_replace_who_attended(world, actor, held):
    steering = actor("steering")
    m = world.memberships
    attendance.record_attendance(
        steering, meeting=held, memberships=[m["member"].id, m["chair"].id]
    )
    rows = attendance.record_attendance(steering, meeting=held.id, memberships=[m["chair"].id])
    attended = {r.member.id for r in rows if r.attended}
    assert attended == {m["chair"].id}
    assert set(Attendance.objects.values_list("membership_id", flat=True)) == {m["chair"].id}


def test_a_member_not_invited_or_not_active_is_refused_and_nothing_changes(world, actor):
    steering = actor("steering")
    committee_meeting = held_meeting(
        steering, committee_id=world.committee.id, invitee=actor("member")
    )
    with pytest.raises(DomainError) as error:
        attendance.record_attendance(
            steering, meeting=committee_meeting, memberships=[world.memberships["steering"].id]
        )
    assert error.value.field == "membership_ids"
    assert not Attendance.objects.exists()


def test_a_meeting_to_come_takes_no_attendance(world, actor):
    from tests.support.targets import meetings_targets

    steering = actor("steering")
    upcoming = meetings_targets(world)["meeting_scheduled"]
    with pytest.raises(Conflict):
        attendance.record_attendance(
            steering, meeting=upcoming, memberships=[world.memberships["member"].id]
        )


def test_only_organisers_record_attendance(world, actor, held):
    with pytest.raises(Forbidden):
        attendance.record_attendance(
            actor("member"), meeting=held, memberships=[world.memberships["member"].id]
        )
    assert not Attendance.objects.exists()


def test_an_admin_neither_sees_nor_clears_a_member_hidden_from_it(world, actor, held):
    hidden = world.memberships["steering_only"].id
    attendance.record_attendance(actor("steering"), meeting=held, memberships=[hidden])
    rows = attendance.record_attendance(
        actor("admin"), meeting=held, memberships=[world.memberships["member"].id]
    )
    assert hidden not in {r.member.id for r in rows}
    assert Attendance.objects.filter(membership_id=hidden).exists()
    with pytest.raises(DomainError):
        attendance.record_attendance(actor("admin"), meeting=held, memberships=[hidden])


def test_the_attendance_form_names_a_pseudonymous_member_by_its_alias(world, held):
    client = world.client("admin")
    meeting_page = reverse("meetings:meeting", args=[world.coalition.slug, held.id])
    url = reverse("meetings:attendance", args=[world.coalition.slug, held.id])
    assert url in client.get(meeting_page).content.decode()
    body = client.get(url).content.decode()
    assert "Friends of the Riverside" in body
    assert world.markers["pseudonymous_name"] not in body
    assert world.markers["steering_only_name"] not in body
    pseudonymous = world.memberships["pseudonymous"].id
    post = reverse("meetings:attendance", args=[world.coalition.slug, held.id])
    response = client.post(post, {"membership_ids": [pseudonymous]})
    assert response.status_code == 302
    assert Attendance.objects.filter(membership_id=pseudonymous).exists()
    bad = client.post(post, {"membership_ids": ["999999"]})
    assert bad.status_code == 400 and "Who attended" in bad.content.decode()
    assert Attendance.objects.count() == 1


def test_the_api_reads_and_records_attendance(world, held):
    from coalesce.accounts.models import ApiToken

    _token, raw = ApiToken.issue(world.users["steering"], "t")
    client = world.client("steering")
    url = f"/api/coalitions/{world.coalition.slug}/meetings/{held.id}/attendance"
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    member = world.memberships["member"].id
    put = client.put(url, {"membership_ids": [member]}, content_type="application/json", **auth)
    assert put.status_code == 200, put.content
    assert [r["membership_id"] for r in put.json() if r["attended"]] == [member]
    bad = client.put(url, {"membership_ids": [999999]}, content_type="application/json", **auth)
    assert bad.status_code == 400 and bad.json()["field"] == "membership_ids"
    got = client.get(url, **auth).json()
    assert {r["membership_id"] for r in got if r["attended"]} == {member}
