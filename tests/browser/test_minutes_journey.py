"""Minutes in Debian's chromium, at phone width: the steering committee records a
decision and an action in a meeting's minutes, closes them, and finds the action among
the committee's tasks, linked back to the meeting."""

import re
import urllib.request
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from coalesce.coalitions.policy import actor_for
from coalesce.goals.models import Task
from coalesce.meetings import services
from coalesce.meetings.models import DecisionRecord, Meeting
from tests.browser.conftest import sign_in
from tests.meetings.test_services import soon
from tests.support.factories import PASSWORD

pytestmark = pytest.mark.browser


def held_meeting(world):
    """A meeting scheduled through the services, which has now taken place."""
    steering = actor_for(world.users["steering"], world.coalition)
    venue = services.add_venue(steering, name="Community hall", address="Market St")
    meeting = services.create_meeting(
        steering,
        title="Hearing preparation",
        time_zone="UTC",
        duration_minutes=60,
        times=[soon(2)],
        venue_ids=[venue.id],
    )
    time = meeting.times.get()
    member = actor_for(world.users["member"], world.coalition)
    services.answer_poll(member, meeting.id, answers={time.id: "yes"}, time_zone="UTC")
    services.schedule_meeting(steering, meeting.id, time_id=time.id, venue_id=venue.id)
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now() - timedelta(hours=2))
    return meeting


def test_record_minutes_and_find_the_action_among_the_tasks(
    transactional_db, world, live_server, new_page
):
    urllib.request.urlopen(live_server.url + "/accounts/login/", timeout=600).read()
    meeting = held_meeting(world)
    page = new_page()
    page.set_default_timeout(120_000)
    sign_in(page, "steering@example.org", PASSWORD)
    page.goto(f"/c/{world.coalition.slug}/meetings/{meeting.id}/")
    expect(page.locator("h1")).to_contain_text("Hearing preparation")

    page.get_by_label(re.compile("^Kind")).select_option("decision")
    page.get_by_label(re.compile("^What was said")).fill("We adopt the three priorities")
    page.get_by_role("button", name="Add to the minutes").click()
    expect(page.locator("main")).to_contain_text("It is in the minutes.")
    page.get_by_label(re.compile("^Kind")).select_option("action")
    page.get_by_label(re.compile("^What was said")).fill("Draft the letter to the committee")
    page.get_by_label(re.compile("^Committee that owns")).select_option(label="Outreach")
    page.get_by_role("button", name="Add to the minutes").click()
    expect(page.locator("main")).to_contain_text("Draft the letter to the committee")

    page.get_by_role("button", name=re.compile("^Close the minutes")).click()
    expect(page.locator("main")).to_contain_text("The minutes are closed")
    assert DecisionRecord.objects.get().text == "We adopt the three priorities"
    assert Task.objects.get().title == "Draft the letter to the committee"

    page.get_by_role("link", name="a task of the committee").click()
    back = page.get_by_role("link", name="Minutes of Hearing preparation")
    expect(back).to_be_visible()
    back.click()
    expect(page.locator("h1")).to_contain_text("Hearing preparation")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, width
