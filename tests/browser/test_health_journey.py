"""The health check in Debian's chromium, at phone width: the steering committee opens a
wave, a member answers it (the statements with their sources on the page), four more
members answer, the steering committee closes it, and the member reads the trend: scores
per theme in a table beside a plain SVG chart — and no name beside any answer."""

import urllib.request

import pytest
from playwright.sync_api import expect

from coalesce.coalitions.policy import actor_for
from coalesce.health import services
from coalesce.health.items import ITEM_KEYS
from coalesce.health.models import SealedResponse, Wave
from tests.browser.conftest import coalition_menu, sign_in
from tests.health.helpers import soon
from tests.support import factories as f
from tests.support.factories import PASSWORD

pytestmark = pytest.mark.browser


def open_page(new_page):
    """A phone-width page with generous waits: a loaded machine answers slowly."""
    page = new_page()
    page.set_default_timeout(120_000)
    return page


def test_answer_a_health_check_and_read_the_trend(
    transactional_db, world, live_server, new_page, browser
):
    urllib.request.urlopen(live_server.url + "/accounts/login/", timeout=600).read()
    slug = world.coalition.slug
    steering = open_page(new_page)
    sign_in(steering, "steering@example.org", PASSWORD)
    steering.goto(f"/c/{slug}/")
    coalition_menu(steering).get_by_role("link", name="Health check").click()
    expect(steering.locator("h1")).to_have_text("Health check")
    steering.get_by_text("Open a health check").click()
    steering.get_by_label("Title").fill("Spring round")
    steering.get_by_label("Closes on").fill(soon(21))
    steering.get_by_role("button", name="Open it").click()
    expect(steering.locator("main")).to_contain_text("The health check is open.")
    wave = Wave.objects.get()

    member = open_page(new_page)
    sign_in(member, "member@example.org", PASSWORD)
    member.goto(f"/c/{slug}/health/")
    member.get_by_role("link", name="Answer").click()
    expect(member.locator("main")).to_contain_text("Principles of Partnership")
    for radio in member.locator('input[type="radio"][value="4"]').all():
        radio.check()
    member.get_by_label("Small: up to 10 staff").check()
    member.get_by_role("button", name="Send my answer").click()
    expect(member.locator("main")).to_contain_text("your answer is counted, without your name")
    assert SealedResponse.objects.count() == 1

    for i in range(4):
        user = f.make_user(f"journey{i}@example.org", f"Journey {i}")
        f.make_member(world.coalition, user=user, name=f"Journey Org {i}")
        services.answer(
            actor_for(user, world.coalition),
            wave.pk,
            scores=dict.fromkeys(ITEM_KEYS, 4),
            size="small",
        )
    steering.goto(f"/c/{slug}/health/{wave.pk}/")
    steering.get_by_role("button", name="Close it now").click()
    expect(steering.locator("main")).to_contain_text("The health check is closed.")

    member.goto(f"/c/{slug}/health/")
    trend = member.locator("section", has=member.get_by_role("heading", name="Trend"))
    expect(trend).to_contain_text("Spring round")
    expect(trend).to_contain_text("4.00")
    expect(trend.locator("svg title")).to_have_text("Score per theme, wave by wave (1–5)")
    expect(member.locator("main")).not_to_contain_text("Open Hands Network")
    width = member.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, width

    # The charts are drawn by the server: with JavaScript off they are all there.
    quiet = browser.new_context(
        java_script_enabled=False, viewport={"width": 390, "height": 844}, base_url=live_server.url
    )
    quiet.set_default_timeout(120_000)
    no_script = quiet.new_page()
    sign_in(no_script, "member@example.org", PASSWORD)
    no_script.goto(f"/c/{slug}/health/{wave.pk}/")
    charts = no_script.locator("main svg")
    expect(charts.first).to_be_visible()
    assert charts.count() >= 3
    expect(no_script.locator("main")).to_contain_text("4.00")
    quiet.close()
