"""The training issue's whole journey in a browser, with each person in their own
browser context: a facilitator plans Module 12 in 90 minutes and in 3 hours, prints the
run sheet and handout, runs the 3-hour plan live with two phones (one typing the code,
one opening the join address), sees the checklist fill, scores the pre/post test and
turns the finished session into a coalition."""

import re

import pytest
from playwright.sync_api import expect

from coalesce.groundwork.models import Challenge, ProspectivePartner
from coalesce.training.models import BoardCard, LiveSession, Plan, QuizAnswer
from tests.browser.conftest import sign_in
from tests.support.factories import PASSWORD, make_user

pytestmark = pytest.mark.browser


def plan(page, title, minutes):
    page.goto("/training/plans/new/?module=module-12")
    page.get_by_label("Title").fill(title)
    page.get_by_label("Time available (minutes)").fill(str(minutes))
    page.get_by_role("button", name="Save the plan").click()
    expect(page.locator("h1")).to_contain_text(title)


def pdf_at(page, link_name) -> bytes:
    href = page.get_by_role("link", name=link_name).first.get_attribute("href")
    response = page.request.get(href)
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    return response.body()


def join(phone, address, name):
    phone.goto(address)
    phone.get_by_label("Your name (optional)").fill(name)
    phone.get_by_role("button", name="Join").click()
    expect(phone.locator("main")).to_contain_text(f"You are {name}")


def hand_in(phone, choices):
    """Answer the open test: ``choices`` are the options' texts, one per question."""
    phone.get_by_role("link", name="Refresh").click()
    for option in choices:
        phone.get_by_label(option).check()
    phone.get_by_role("button", name="Hand in my answers").click()
    expect(phone.locator("main")).to_contain_text("your answers are handed in")


def test_plan_print_run_live_score_and_carry_into_a_coalition(transactional_db, new_page):
    make_user("trainer@example.org", "Trainer")
    desk = new_page(1280, 900)
    sign_in(desk, "trainer@example.org", PASSWORD)

    plan(desk, "Short version", 90)
    expect(desk.locator("main")).to_contain_text("Run the challenges exercise as a short plenary")
    assert pdf_at(desk, "Run sheet (PDF, A4)").startswith(b"%PDF")
    plan(desk, "Long version", 180)
    expect(desk.locator("main")).to_contain_text("Add a role play")
    desk.goto("/training/modules/module-12/")
    assert pdf_at(desk, re.compile("^Handout")).startswith(b"%PDF")

    long = Plan.objects.get(title="Long version")
    desk.goto(f"/training/plans/{long.pk}/")
    desk.get_by_role("button", name="Run live: open a session").click()
    session = LiveSession.objects.get(plan=long)
    expect(desk.locator("main")).to_contain_text(session.code)
    address = desk.locator("a.join-url").get_attribute("href")

    ama, ben = new_page(), new_page()
    ama.goto("/live/")
    ama.get_by_label(re.compile("code", re.I)).fill(session.code.lower())
    ama.get_by_role("button", name="Join").click()
    ama.get_by_label("Your name (optional)").fill("Ama")
    ama.get_by_role("button", name="Join").click()
    expect(ama.locator("main")).to_contain_text("You are Ama")
    join(ben, address, "Ben")

    correct = [
        "An alliance working towards the same goal.",
        "Effective organisation of its members.",
    ]
    desk.get_by_role("button", name="Open the pre-test").click()
    hand_in(ama, ["Always a group of like-minded CSOs.", "Office space."])
    hand_in(ben, correct)
    desk.get_by_role("button", name="Close the test").click()

    desk.get_by_label("Go to item").select_option("strengths-weaknesses")
    desk.get_by_role("button", name="Go", exact=True).click()
    for phone, answer in [(ama, "Decisions take much longer"), (ben, "More media attention")]:
        phone.get_by_role("link", name="Refresh").click()
        phone.get_by_label("Your answer").fill(answer)
        phone.get_by_role("button", name="Send").click()
        expect(phone.locator("main")).to_contain_text(answer)
    assert BoardCard.objects.filter(session=session).count() == 2

    board = desk.locator("main")
    expect(board).to_contain_text("Decisions take much longer")  # arrives by polling
    expect(board).to_contain_text("Seems to raise: Challenge: reaching decisions takes longer")
    desk.get_by_role("button", name="Place it there").first.click()
    desk.get_by_role("button", name="Place it there").first.click()
    expect(desk.get_by_role("button", name="Tick")).to_have_count(11)
    desk.get_by_role("button", name="Tick").nth(6).click()
    desk.get_by_role("button", name="Tick").nth(2).click()  # another point the room raised
    expect(desk.get_by_role("button", name="Un-tick")).to_have_count(2)
    expect(board).to_contain_text("Raised:")

    desk.get_by_role("button", name="Next item").click()
    desk.get_by_role("button", name=re.compile("^Form groups of 3")).click()
    ama.get_by_role("link", name="Refresh").click()
    ama.get_by_label("Partner type", exact=True).fill("Association of women police officers")
    ama.get_by_label("Challenge", exact=True).fill("Cannot criticise commanders in public")
    ama.get_by_label("Strategy", exact=True).fill("Agree what the coalition says in their name")
    ama.get_by_role("button", name="Save our answers").click()
    ben.get_by_role("link", name="Refresh").click()  # the same group: Ben sees it
    partner_field = ben.get_by_label("Partner type", exact=True)
    expect(partner_field).to_have_value("Association of women police officers")

    desk.get_by_role("button", name="Open the post-test").click()
    hand_in(ama, correct)
    hand_in(ben, correct)
    assert QuizAnswer.objects.filter(session=session).count() == 8
    desk.get_by_role("button", name=re.compile("^Close the session for good")).click()
    ama.get_by_role("link", name="Refresh").click()
    expect(ama.locator("main")).to_contain_text("This session has closed")

    desk.get_by_role("link", name="Test results").click()
    results = desk.locator("main")
    expect(results).to_contain_text("Ama")
    expect(desk.locator("main svg[role=img]")).to_have_count(2)
    row = desk.locator("tr", has_text="Ama")
    expect(row.first).to_contain_text("+2")

    desk.goto(f"/training/sessions/{session.pk}/coalition/")
    desk.get_by_label("Name of a new coalition").fill("Aravia Women's Security Coalition")
    desk.get_by_role("button", name="Carry the room's work over").click()
    expect(desk.locator("main")).to_contain_text("Association of women police officers")
    expect(desk.locator("main")).to_contain_text("Cannot criticise commanders in public")
    partner = ProspectivePartner.objects.get()
    assert partner.actor_type == "professional_association"
    assert Challenge.objects.get().strategy == "Agree what the coalition says in their name"
    desk.goto(f"/c/{partner.coalition.slug}/charter/")
    expect(desk.locator("main")).to_contain_text("What to decide")
