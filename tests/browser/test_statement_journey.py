"""A joint statement in the browser: a member drafts it and locks it for approval, the
steering committee's decision adopts it, members sign (one counted but unnamed), the
steering committee publishes it, and a visitor reads it."""

import urllib.request
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from coalesce.decisions import services as decisions
from coalesce.statements.models import Statement
from tests.browser.conftest import sign_in
from tests.support.factories import PASSWORD
from tests.support.statements import actor, approval_category, logo_png

pytestmark = pytest.mark.browser


def warm_up(live_server):
    """The server's first answer imports the whole project (slow on a busy machine):
    have it before the browser's first step, whose wait is shorter."""
    urllib.request.urlopen(live_server.url + "/healthz", timeout=300).close()


def test_draft_approve_sign_and_publish_a_statement(transactional_db, world, new_page, live_server):
    warm_up(live_server)
    approval_category(world)
    slug = world.coalition.slug
    page = new_page()
    sign_in(page, "member@example.org", PASSWORD)
    page.goto(f"/c/{slug}/statements/")
    page.get_by_role("link", name="New statement").click()
    page.get_by_label("Title").fill("Stop arbitrary arrests")
    page.get_by_label("Text").fill("We call for an end to **arbitrary** arrests.")
    page.get_by_label("Comment window (working days, Monday to Friday)").fill("0")
    page.get_by_role("button", name="Save the draft").click()
    main = page.locator("main")
    expect(main).to_contain_text("We call for an end to")
    page.get_by_label("Decision category").select_option(label="Press statements")
    page.get_by_role("button", name="Lock and send for approval").click()
    statement = Statement.objects.get(title="Stop arbitrary arrests")
    expect(main).to_contain_text(statement.locked_hash)

    # the steering committee consents; the decision closes (as the worker would)
    proposal = statement.proposal
    decisions.cast(actor(world, "steering"), proposal.id, position="consent")
    decisions.close_proposal(proposal.id, now=proposal.closes_at + timedelta(seconds=1))

    page.reload()
    page.get_by_role("link", name="Sign").click()
    expect(main).to_contain_text(statement.locked_hash)
    page.get_by_label("Named, with our logo").check()
    page.get_by_label("Logo image").set_input_files(
        files=[{"name": "logo.png", "mimeType": "image/png", "buffer": logo_png()}]
    )
    page.get_by_role("button", name="Sign this text").click()
    expect(main).to_contain_text("Your signature is recorded.")

    chair = new_page()
    sign_in(chair, "chair@example.org", PASSWORD)
    chair.goto(f"/c/{slug}/statements/{statement.id}/sign/")
    chair.get_by_label("Counted, but not named").check()
    chair.get_by_role("button", name="Sign this text").click()
    expect(chair.locator("main")).to_contain_text("Signed by 2 member organisations.")

    steering = new_page()
    sign_in(steering, "steering@example.org", PASSWORD)
    steering.goto(f"/c/{slug}/statements/{statement.id}/")
    steering.get_by_role("button", name="Publish").click()
    expect(steering.locator("main")).to_contain_text("The statement is published.")

    visitor = new_page()
    visitor.goto(f"/c/{slug}/statements/{statement.id}/public/")
    public = visitor.locator("main")
    expect(public).to_contain_text("Stop arbitrary arrests")
    expect(public).to_contain_text("Signed by 2 member organisations.")
    expect(public).to_contain_text(statement.locked_hash)
    assert "Women Police Association" not in visitor.content()  # counted but unnamed
    member_view = page
    member_view.goto(f"/c/{slug}/statements/{statement.id}/public/")
    expect(member_view.locator("main")).to_contain_text("Open Hands Network")
    logo = member_view.locator("main img.signatory-logo")
    expect(logo).to_have_count(1)
    assert logo.evaluate("image => image.complete && image.naturalWidth > 0")
    assert "Women Police Association" not in member_view.content()
    with visitor.expect_download() as download:
        visitor.get_by_role("link", name="Download as PDF").click()
    assert download.value.suggested_filename == f"statement-{statement.id}.pdf"
