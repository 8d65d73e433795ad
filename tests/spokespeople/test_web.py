"""The spokespeople pages: roster, grant/renew/end, requests, answers, the opt-out."""

from datetime import timedelta

import pytest
from django.urls import reverse

from coalesce.spokespeople.models import Assignment, Mandate, SafetyOptOut, VoiceRequest

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_hashing")]


def url(world, name, *args):
    return reverse(f"spokespeople:{name}", args=[world.coalition.slug, *args])


def test_steering_grants_on_the_roster_and_members_read_it(world, today):
    steering = world.client("steering")
    page = steering.get(url(world, "roster"))
    assert page.status_code == 200 and "Grant a mandate" in page.content.decode()
    response = steering.post(
        url(world, "grant"),
        {
            "membership_id": world.memberships["chair"].id,
            "topic": "Police oversight",
            "language": "fr",
            "region": "",
            "starts_on": str(today),
            "expires_on": str(today + timedelta(days=90)),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    body = world.client("member").get(url(world, "roster") + "?language=fr").content.decode()
    assert "Women Police Association" in body and "police-oversight" in body
    assert "Grant a mandate" not in body
    empty = world.client("member").get(url(world, "roster") + "?topic=prisons").content.decode()
    assert "Women Police Association" not in empty


def test_a_bad_grant_shows_the_error_and_saves_nothing(world, today):
    response = world.client("steering").post(
        url(world, "grant"),
        {
            "membership_id": world.memberships["chair"].id,
            "topic": "policing",
            "language": "en",
            "starts_on": str(today),
            "expires_on": str(today - timedelta(days=1)),
        },
    )
    assert response.status_code == 400
    assert "cannot expire before it starts" in response.content.decode()
    assert not Mandate.objects.exists()


def test_expired_mandates_are_shown_to_steering_only(world, grant, today):
    mandate = grant("member")
    Mandate.objects.filter(pk=mandate.pk).update(expires_on=today - timedelta(days=1))
    assert "Expired" in world.client("steering").get(url(world, "roster")).content.decode()
    member_page = world.client("member").get(url(world, "roster")).content.decode()
    assert "Open Hands Network" not in member_page
    renewed = world.client("steering").post(
        url(world, "renew", mandate.id), {"expires_on": str(today + timedelta(days=10))}
    )
    assert renewed.status_code == 302
    assert "Open Hands Network" in world.client("member").get(url(world, "roster")).content.decode()
    ended = world.client("steering").post(url(world, "end", mandate.id))
    assert ended.status_code == 302
    again = world.client("steering").post(url(world, "end", mandate.id))
    assert again.status_code == 409 and "ended already" in again.content.decode()


def test_a_new_request_shows_the_proposed_spokesperson(world, grant, today):
    grant("member")
    response = world.client("steering").post(
        url(world, "request_create"),
        {
            "title": "Press conference",
            "kind": "event",
            "topic": "policing",
            "language": "en",
            "needed_on": str(today + timedelta(days=1)),
        },
        follow=True,
    )
    body = response.content.decode()
    assert response.status_code == 200 and "Open Hands Network" in body and "Proposed" in body
    request = VoiceRequest.objects.get()
    # a member of another organisation does not see who was proposed
    assert "Open Hands Network" not in (
        world.client("chair").get(url(world, "request", request.id)).content.decode()
    )
    # the organisation asked sees it and answers
    page = world.client("member").get(url(world, "request", request.id)).content.decode()
    assert "Will you speak?" in page
    assignment = Assignment.objects.get()
    answered = world.client("member").post(
        url(world, "answer", assignment.id), {"answer": "accept"}
    )
    assert answered.status_code == 302
    listing = world.client("chair").get(url(world, "requests")).content.decode()
    assert "Open Hands Network" in listing and "Accepted" in listing


def test_accepting_under_an_expired_mandate_shows_the_message(world, grant, ask, today):
    mandate = grant("member")
    request = ask()
    Mandate.objects.filter(pk=mandate.pk).update(expires_on=today - timedelta(days=1))
    assignment = request.assignments.get()
    response = world.client("member").post(
        url(world, "answer", assignment.id), {"answer": "accept"}
    )
    assert response.status_code == 409
    assert "expired" in response.content.decode()
    assert Assignment.objects.get().status == "proposed"


def test_a_bad_request_is_refused_on_its_field(world, today):
    response = world.client("steering").post(
        url(world, "request_create"),
        {
            "title": "Past",
            "kind": "statement",
            "topic": "policing",
            "language": "en",
            "needed_on": str(today - timedelta(days=1)),
        },
    )
    assert response.status_code == 400 and "This date is past." in response.content.decode()
    assert not VoiceRequest.objects.exists()


def test_the_steering_committee_assigns_by_hand_on_the_request_page(world, grant, ask):
    grant("member")
    chosen = grant("chair")
    request = ask()
    page = world.client("steering").get(url(world, "request", request.id)).content.decode()
    assert "Choose the spokesperson yourself" in page
    response = world.client("steering").post(
        url(world, "assign", request.id), {"mandate_id": chosen.id}
    )
    assert response.status_code == 302
    assert request.assignments.get().mandate == chosen


def test_the_opt_out_page(world, grant, ask):
    grant("member")
    own = world.memberships["member"].id
    member = world.client("member")
    roster = member.get(url(world, "roster")).content.decode()
    assert url(world, "opt_out", own) in roster
    assert member.get(url(world, "opt_out", own)).status_code == 200
    assert member.post(url(world, "opt_out", own), {"opted_out": "on"}).status_code == 302
    assert SafetyOptOut.objects.filter(membership_id=own).exists()
    request = ask()
    assert not request.assignments.exists()
    assert world.client("chair").get(url(world, "opt_out", own)).status_code == 403
    chair_roster = world.client("chair").get(url(world, "roster")).content.decode()
    assert "Open Hands Network" not in chair_roster
    steering_roster = world.client("steering").get(url(world, "roster")).content.decode()
    assert "Opted out for safety" in steering_roster
