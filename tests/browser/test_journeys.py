"""End-to-end journeys in Debian's chromium, at phone width."""

import re

import pytest
from playwright.sync_api import expect

from coalesce.coalitions.models import Membership, name_is
from tests.browser.conftest import sign_in
from tests.support.factories import PASSWORD

pytestmark = pytest.mark.browser


def test_an_organisation_applies_is_approved_acknowledges_and_joins_a_committee(
    transactional_db, world, new_page
):
    slug = world.coalition.slug
    applicant = new_page()
    sign_in(applicant, "outsider@example.org", PASSWORD)
    applicant.goto(f"/c/{slug}/apply/")
    applicant.get_by_label("Your full name").fill("Rehema Juma")
    applicant.get_by_label("Organisation name").fill("Lake Region Women Mediators")
    applicant.get_by_label("Type of organisation").select_option("cso")
    applicant.get_by_label("Country").select_option("TZ")
    applicant.get_by_role("button", name="Send application").click()
    expect(applicant.locator("main")).to_contain_text("Lake Region Women Mediators")

    steering = new_page(width=1280, height=900)
    sign_in(steering, "steering@example.org", PASSWORD)
    steering.goto(f"/c/{slug}/applications/")
    steering.get_by_role("link", name=re.compile("Lake Region Women Mediators")).click()
    steering.get_by_role("button", name="Approve").click()
    expect(steering.locator("main")).to_contain_text(re.compile("approved", re.I))

    applicant.goto(f"/c/{slug}/applications/")  # refused for applicants: go via the application
    membership = Membership.objects.get(
        name_is("Lake Region Women Mediators", world.coalition, "organisation__")
    )
    assert membership.status == "awaiting_conduct"
    applicant.goto(f"/c/{slug}/members/{membership.id}/")
    applicant.get_by_label("I have read the code of conduct and agree to follow it").check()
    applicant.get_by_role("button", name="Acknowledge and activate").click()
    membership.refresh_from_db()
    assert membership.status == "active"

    chair = new_page()
    sign_in(chair, "chair@example.org", PASSWORD)
    chair.goto(f"/c/{slug}/committees/{world.committee.id}/")
    chair.get_by_label(re.compile(r"^Member:?$")).select_option(label="Lake Region Women Mediators")
    chair.get_by_role("button", name="Save the seat").click()
    expect(chair.locator("main table")).to_contain_text("Lake Region Women Mediators")
    assert membership.seats.filter(committee=world.committee).exists()


def test_an_ordinary_member_sees_a_pseudonymous_member_only_by_alias(
    transactional_db, world, new_page
):
    page = new_page()
    sign_in(page, "member@example.org", PASSWORD)
    page.goto(f"/c/{world.coalition.slug}/members/")
    main = page.locator("main")
    expect(main).to_contain_text("Friends of the Riverside")
    assert world.markers["pseudonymous_name"] not in page.content()
    page.get_by_role("link", name=re.compile("Friends of the Riverside")).click()
    assert world.markers["pseudonymous_person"] not in page.content()
    assert world.markers["pseudonymous_email"] not in page.content()


def test_core_pages_work_with_javascript_turned_off(transactional_db, world, browser, live_server):
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    page = context.new_page()
    sign_in(page, "steering@example.org", PASSWORD)
    page.goto(f"/c/{world.coalition.slug}/charter/leadership/edit/")
    page.get_by_label("Status").select_option("draft")
    page.get_by_label("Text").fill("A steering committee of five.")
    page.get_by_role("button", name=re.compile("Save")).click()
    expect(page.locator("main")).to_contain_text("A steering committee of five.")
    context.close()
