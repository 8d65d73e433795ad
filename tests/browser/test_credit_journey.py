"""Credit in Debian's chromium: the steering committee records an output and the members'
contributions, and reads the acknowledgement line to copy; a member chooses its credit."""

import re
import urllib.request

import pytest
from playwright.sync_api import expect

from coalesce.credit.models import Contribution
from tests.browser.conftest import coalition_menu, sign_in
from tests.support.factories import PASSWORD

pytestmark = pytest.mark.browser


def open_page(new_page):
    """A phone-width page with generous waits: a loaded machine answers slowly."""
    page = new_page()
    page.set_default_timeout(120_000)
    return page


def test_record_contributions_and_read_the_acknowledgement_line(
    transactional_db, world, live_server, new_page
):
    # The server's first answer builds its URLs and API document: wait for it here.
    urllib.request.urlopen(live_server.url + "/accounts/login/", timeout=600).read()
    slug = world.coalition.slug
    steering = open_page(new_page)
    sign_in(steering, "steering@example.org", PASSWORD)
    steering.goto(f"/c/{slug}/")
    coalition_menu(steering).get_by_role("link", name="Credit").click()
    expect(steering.locator("h1")).to_have_text("Outputs and credit")
    steering.get_by_text("Record an output").click()
    steering.get_by_label("Title").fill("Statement on police custody")
    steering.get_by_label("Kind").select_option("statement")
    steering.get_by_label("Date").fill("2026-03-01")
    steering.get_by_label(re.compile("^Public")).check()
    steering.get_by_role("button", name="Record the output").click()
    expect(steering.locator("h1")).to_have_text("Statement on police custody")

    for member, role, degree in [
        ("Justice Watch", "drafting", "lead"),
        ("Friends of the Riverside", "research", "equal"),
        ("Open Hands Network", "translation", "supporting"),
    ]:
        steering.get_by_role("link", name="Record a contribution").click()
        steering.get_by_label("Member").select_option(label=member)
        steering.get_by_label("Role").select_option(role)
        steering.get_by_label("Degree").select_option(degree)
        steering.get_by_label("Name us", exact=True).check()
        steering.get_by_role("button", name="Record the contribution").click()
        expect(steering.locator("main")).to_contain_text("The contribution is recorded.")

    line = steering.get_by_label(re.compile("Copy it under the published output"))
    # Justice Watch is public; the pseudonymous and the members-only member are counted.
    expect(line).to_have_value(
        "With contributions from Justice Watch and two member organisations."
    )
    expect(steering.locator("main table")).to_contain_text("Friends of the Riverside")
    expect(steering.locator("main")).not_to_contain_text(world.markers["pseudonymous_name"])
    assert Contribution.objects.count() == 3

    member = open_page(new_page)
    sign_in(member, "member@example.org", PASSWORD)
    member.goto(steering.url)
    member.get_by_label(re.compile(r"^Credit:?$")).select_option("private")
    member.get_by_role("button", name="Save").click()
    expect(member.locator("main")).to_contain_text("Your choice of credit is saved.")
    assert Contribution.objects.filter(consent="private").count() == 1
