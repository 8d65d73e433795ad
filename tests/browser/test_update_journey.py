"""The steering committee posts an update asking for acknowledgement; a member reads it
on a phone and acknowledges it; the author sees the count and the name."""

import pytest
from playwright.sync_api import expect

from coalesce.updates.models import Receipt, Update
from tests.browser.conftest import sign_in
from tests.support.factories import PASSWORD

pytestmark = pytest.mark.browser


def test_post_an_update_and_acknowledge_it(transactional_db, world, new_page):
    slug = world.coalition.slug
    author = new_page()
    author.set_default_timeout(30_000)  # a busy machine: generous waits, no timing asserts
    sign_in(author, "steering@example.org", PASSWORD)
    author.goto(f"/c/{slug}/updates/")
    author.get_by_role("link", name="New update").click()
    author.get_by_label("Title").fill("Security protocol for Thursday")
    author.get_by_label("Text").fill("Travel **in pairs**.")
    author.get_by_label("Audience").select_option(label="The whole coalition")
    author.get_by_label("Ask every reader to acknowledge it").check()
    author.get_by_role("button", name="Post the update").click()
    expect(author.locator("main")).to_contain_text("Your update is posted")
    expect(author.locator("main")).to_contain_text("0 acknowledged")
    update = Update.objects.get()

    reader = new_page()
    reader.set_default_timeout(30_000)
    sign_in(reader, "member@example.org", PASSWORD)
    reader.goto(f"/c/{slug}/updates/")
    expect(reader.locator("main")).to_contain_text("Please acknowledge")
    reader.get_by_role("link", name="Security protocol for Thursday").click()
    expect(reader.locator("main strong").filter(has_text="in pairs")).to_be_visible()
    reader.get_by_role("button", name="Acknowledge").click()
    expect(reader.locator("main")).to_contain_text("You acknowledged this update")
    expect(reader.get_by_role("button", name="Acknowledge")).to_have_count(0)
    receipt = Receipt.objects.get(update=update, person__user=world.users["member"])
    assert receipt.acknowledged_at is not None

    author.reload()
    expect(author.locator("#tally")).to_contain_text("1 acknowledged")
    expect(author.locator("#tally")).to_contain_text("Open Hands Network")
    assert world.markers["pseudonymous_name"] not in author.content()
