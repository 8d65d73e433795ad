"""A member takes a consensus position in the browser and reads the outcome."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from coalesce.decisions import services
from coalesce.decisions.models import Ballot, Proposal
from tests.browser.conftest import sign_in
from tests.support.factories import PASSWORD
from tests.support.targets import decision_targets

pytestmark = pytest.mark.browser


def test_a_member_blocks_with_a_reason_then_reads_the_explained_outcome(
    transactional_db, world, new_page
):
    ids = decision_targets(world)
    slug = world.coalition.slug
    page = new_page()
    sign_in(page, "chair@example.org", PASSWORD)
    page.goto(f"/c/{slug}/decisions/{ids['proposal']}/")
    page.get_by_label("Block").check()
    page.get_by_role("button", name="Record my position").click()
    expect(page.locator("main")).to_contain_text(re.compile("reason", re.I))  # refused: no reason
    assert not Ballot.objects.filter(
        proposal_id=ids["proposal"], position="block", reason=""
    ).exists()
    page.get_by_label("Block").check()
    page.get_by_label(re.compile("^Reason")).fill("The text names a survivor.")
    page.get_by_role("button", name="Record my position").click()
    expect(page.locator("main")).to_contain_text("The text names a survivor.")

    services.close_proposal(ids["proposal"], now=timezone.now() + timedelta(days=3))
    assert Proposal.objects.get(pk=ids["proposal"]).outcome == "not_adopted"
    page.goto(f"/c/{slug}/decisions/{ids['proposal']}/")
    main = page.locator("main")
    expect(main).to_contain_text("Not adopted")
    expect(main).to_contain_text("block")
    assert world.markers["pseudonymous_name"] not in page.content()
