"""Meetings in Debian's chromium, at phone width: the steering committee keeps the venues,
a member privately marks the police station, a poll is planned, members answer it, and
the steering committee schedules the meeting the scheduler proposes — never at the
police station, and never told who marked it."""

import re
import urllib.request

import pytest
from playwright.sync_api import expect

from coalesce.meetings.models import Meeting, MeetingStatus
from tests.browser.conftest import coalition_menu, sign_in
from tests.meetings.test_services import soon
from tests.support.factories import PASSWORD

pytestmark = pytest.mark.browser


def open_page(new_page):
    """A phone-width page with generous waits: a loaded machine answers slowly."""
    page = new_page()
    page.set_default_timeout(120_000)
    return page


def add_venue(page, name, address, capacity=""):
    page.get_by_label(re.compile("^Name")).fill(name)
    page.get_by_label("Address, or how to join online").fill(address)
    page.get_by_label("Capacity").fill(capacity)
    page.get_by_role("button", name="Add the venue").click()
    expect(page.locator("main")).to_contain_text("The venue is on the list.")


def answer_every_time(page, url, choice):
    page.goto(url)
    page.get_by_label("Your time zone").fill("Africa/Nairobi")
    for radio in page.locator(f'input[type="radio"][value="{choice}"]').all():
        radio.check()
    page.get_by_role("button", name="Save my answers").click()
    expect(page.locator("main")).to_contain_text("Your answers are saved.")


def test_plan_a_meeting_from_a_poll_with_a_venue_someone_marked(
    transactional_db, world, live_server, new_page
):
    urllib.request.urlopen(live_server.url + "/accounts/login/", timeout=600).read()
    slug = world.coalition.slug
    steering = open_page(new_page)
    sign_in(steering, "steering@example.org", PASSWORD)
    steering.goto(f"/c/{slug}/")
    coalition_menu(steering).get_by_role("link", name="Meetings").click()
    expect(steering.locator("h1")).to_have_text("Meetings")
    steering.get_by_role("link", name="Venues").click()
    add_venue(steering, "Police station conference room", "Harambee Avenue", "40")
    add_venue(steering, "Women's centre hall", "Biashara Street", "60")

    member = open_page(new_page)
    sign_in(member, "member@example.org", PASSWORD)
    member.goto(f"/c/{slug}/meetings/venues/")
    member.get_by_label("Police station conference room").check()
    member.get_by_role("button", name="Save my private list").click()
    expect(member.locator("main")).to_contain_text("Your private list of venues is saved.")

    steering.goto(f"/c/{slug}/meetings/")
    steering.get_by_role("link", name="Plan a meeting").click()
    steering.get_by_label("Title").fill("Hearing preparation")
    steering.get_by_label("Time zone of the times below").fill("Africa/Nairobi")
    steering.get_by_label("Times to offer").fill(f"{soon(7)}\n{soon(8, 14)}")
    steering.get_by_label("Police station conference room").check()
    steering.get_by_label("Women's centre hall").check()
    steering.get_by_role("button", name="Start the poll").click()
    expect(steering.locator("h1")).to_contain_text("Hearing preparation")
    meeting_url = steering.url

    answer_every_time(member, meeting_url, "yes")
    chair = open_page(new_page)
    sign_in(chair, "chair@example.org", PASSWORD)
    answer_every_time(chair, meeting_url, "if_need_be")

    steering.goto(meeting_url)
    steering.get_by_role("link", name="See the best times and places").click()
    plan = steering.locator("main")
    expect(plan).to_contain_text("Women's centre hall")
    expect(plan).to_contain_text("1 venue")
    expect(plan).not_to_contain_text("Police station")
    expect(plan).not_to_contain_text("Open Hands Network")
    plan.get_by_role("button", name="Schedule it then and there").first.click()
    expect(steering.locator("main")).to_contain_text("The meeting is scheduled")
    expect(steering.locator("h1")).to_contain_text("Scheduled")
    meeting = Meeting.objects.get()
    assert meeting.status == MeetingStatus.SCHEDULED and meeting.venue.name == "Women's centre hall"
    width = steering.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, width
