"""The decision and conflict pages: behaviour, not just status codes."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from coalesce.coalitions import services as services_coalitions
from coalesce.coalitions.policy import actor_for
from coalesce.decisions import services, tasks
from coalesce.decisions.models import (
    Ballot,
    Category,
    Comment,
    Conflict,
    Proposal,
    ProposalStatus,
    SealedBallot,
    SecretBallot,
)
from tests.support.targets import decision_targets


def url(world, name, **kwargs):
    return reverse(f"decisions:{name}", kwargs={"slug": world.coalition.slug, **kwargs})


def actor(world, role):
    return actor_for(world.users[role], world.coalition)


@pytest.fixture
def targets(world):
    return decision_targets(world)


@pytest.fixture
def category(world):
    """A category with a simple-majority rule for the three active members with accounts."""
    found = services.create_category(actor(world, "steering"), name="Budget")
    services.define_rule(
        actor(world, "steering"),
        found.id,
        method="simple_majority",
        electorate="all_members",
        quorum_percent=40,
        window_hours=24,
    )
    return found


def test_a_member_drafts_and_opens_a_proposal(world, category):
    client = world.client("member")
    response = client.post(
        url(world, "proposal_create"),
        {"category_id": category.id, "title": "Buy a printer", "body": "We **need** one."},
    )
    proposal = Proposal.objects.get(title="Buy a printer")
    assert response.status_code == 302
    assert response["Location"] == url(world, "proposal", proposal_id=proposal.id)
    page = client.get(response["Location"]).content.decode()
    assert "<strong>need</strong>" in page  # Markdown rendered
    assert "Open for decision" in page and "Edit" in page

    edited = client.post(
        url(world, "proposal_edit", proposal_id=proposal.id),
        {"title": "Buy a printer", "body": "We need one, a small one."},
    )
    assert edited.status_code == 302

    opened = client.post(url(world, "proposal_open", proposal_id=proposal.id))
    assert opened.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.OPEN
    assert proposal.rule is not None and proposal.closes_at > timezone.now()
    page = client.get(url(world, "proposal", proposal_id=proposal.id)).content.decode()
    assert "Record my position" in page
    # An open proposal can no longer be edited.
    assert client.get(url(world, "proposal_edit", proposal_id=proposal.id)).status_code == 403


def test_the_charter_category_exists_for_rule_changes(world, category):
    # Made when a category or a first rule is set on the pages (here: by the services).
    services.ensure_charter_category(world.coalition)
    client = world.client("steering")
    page = client.get(
        url(world, "proposal_create") + f"?rule_change_category={category.id}"
    ).content.decode()
    charter = Category.objects.get(coalition=world.coalition, slug=Category.CHARTER_SLUG)
    assert f'<option value="{charter.id}" selected>' in page
    assert f'<option value="{category.id}" selected>' in page
    response = client.post(
        url(world, "proposal_create"),
        {
            "category_id": charter.id,
            "title": "Two-thirds for budgets",
            "body": "Raise the bar.",
            "rule_change_category_id": category.id,
            "method": "qualified_majority",
            "threshold_numerator": 2,
            "threshold_denominator": 3,
            "electorate": "all_members",
            "vote_unit": "member",
            "quorum_percent": 50,
            "window_hours": 72,
        },
    )
    assert response.status_code == 302
    proposal = Proposal.objects.get(title="Two-thirds for budgets")
    assert proposal.rule_change_category_id == category.id
    assert proposal.rule_change["threshold_numerator"] == 2
    page = client.get(response["Location"]).content.decode()
    assert "Proposed rule for" in page and "2/3 of the yes-or-no votes" in page


def test_votes_and_changes_position(world, targets):
    client = world.client("chair")
    vote = url(world, "proposal_vote", proposal_id=targets["proposal"])
    assert client.post(vote, {"position": "agree"}).status_code == 302
    assert client.post(vote, {"position": "stand_aside"}).status_code == 302
    ballot = Ballot.objects.get(
        proposal_id=targets["proposal"], elector__membership=world.memberships["chair"]
    )
    assert ballot.position == "stand_aside"
    page = client.get(url(world, "proposal", proposal_id=targets["proposal"])).content.decode()
    assert "Your current position: <strong>Stand aside</strong>" in page


def test_a_block_without_a_reason_is_refused_and_stores_nothing(world, targets):
    client = world.client("chair")
    response = client.post(
        url(world, "proposal_vote", proposal_id=targets["proposal"]), {"position": "block"}
    )
    assert response.status_code == 400
    assert "Give a reason for your position" in response.content.decode()
    assert 'id="id_reason_error"' in response.content.decode()
    assert not Ballot.objects.filter(elector__membership=world.memberships["chair"]).exists()


def test_a_position_the_method_does_not_allow_is_refused(world, targets):
    client = world.client("chair")
    response = client.post(
        url(world, "proposal_vote", proposal_id=targets["proposal"]), {"position": "yes"}
    )
    assert response.status_code == 400
    assert not Ballot.objects.filter(elector__membership=world.memberships["chair"]).exists()


def test_voting_outside_the_electorate_is_refused_with_a_clear_message(world):
    steering = actor(world, "steering")
    category = services.create_category(steering, name="Steering matters")
    services.define_rule(
        steering, category.id, method="consent", electorate="steering", window_hours=24
    )
    proposal = services.create_proposal(steering, category_id=category.id, title="T", body="B")
    services.open_proposal(steering, proposal.id)
    client = world.client("member")
    page = client.get(url(world, "proposal", proposal_id=proposal.id)).content.decode()
    assert "You are not in the electorate of this decision." in page
    assert "Record my position" not in page
    response = client.post(
        url(world, "proposal_vote", proposal_id=proposal.id), {"position": "consent"}
    )
    assert response.status_code == 400
    assert "You are not in the electorate of this decision." in response.content.decode()
    assert not Ballot.objects.filter(proposal=proposal).exists()


def test_the_outcome_page_after_closing_shows_counts_and_the_explanation(
    world, category, run_queued_tasks
):
    a = {role: actor(world, role) for role in ["member", "chair", "steering"]}
    proposal = services.create_proposal(a["member"], category_id=category.id, title="T", body="B")
    services.open_proposal(a["member"], proposal.id)
    services.cast(a["member"], proposal.id, position="yes")
    services.cast(a["chair"], proposal.id, position="yes")
    services.cast(a["steering"], proposal.id, position="no")
    client = world.client("steering")
    # Not everyone voted (two hidden members did not) and the window is open: refused.
    refused = client.post(url(world, "proposal_close", proposal_id=proposal.id))
    assert refused.status_code == 409
    assert "The voting window has not ended yet." in refused.content.decode()
    # Once the window has passed, the task worker closes it (viewing it does not).
    Proposal.objects.filter(pk=proposal.id).update(closes_at=timezone.now() - timedelta(minutes=1))
    counting = client.get(url(world, "proposal", proposal_id=proposal.id)).content.decode()
    assert "the outcome is being counted" in counting
    assert Proposal.objects.get(pk=proposal.id).status == ProposalStatus.OPEN
    tasks.schedule_closing()
    run_queued_tasks()
    page = client.get(url(world, "proposal", proposal_id=proposal.id)).content.decode()
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.CLOSED and proposal.outcome == "adopted"
    assert "Outcome" in page and "The proposal was adopted." in page
    assert "2 yes against 1 no; more yes than no is needed." in page  # the explanation
    assert "<svg" in page and "Positions counted" in page
    assert "<td>Yes</td><td>2</td>" in page and "<td>No</td><td>1</td>" in page
    assert "<dt>Electorate</dt><dd>5</dd>" in page


def test_a_closed_consensus_lists_blocks_with_their_reasons_by_alias(
    world, targets, run_queued_tasks
):
    Proposal.objects.filter(pk=targets["proposal"]).update(
        closes_at=timezone.now() - timedelta(minutes=1)
    )
    tasks.schedule_closing()
    run_queued_tasks()  # the task worker closes it
    page = world.client("member").get(url(world, "proposal", proposal_id=targets["proposal"]))
    body = page.content.decode()
    assert "Blocks and objections" in body
    assert "Friends of the Riverside" in body and "Our members would be exposed." in body
    assert world.markers["pseudonymous_name"] not in body
    assert "The proposal was not adopted." in body


def test_a_member_sees_the_pseudonymous_block_by_alias_only(world, targets):
    body = (
        world.client("member")
        .get(url(world, "proposal", proposal_id=targets["proposal"]))
        .content.decode()
    )
    assert "<strong>Friends of the Riverside</strong>" in body
    assert "Our members would be exposed." in body
    assert world.markers["pseudonymous_name"] not in body
    assert world.markers["pseudonymous_person"] not in body
    assert world.markers["steering_only_name"] not in body
    assert "<strong>—</strong>" in body  # the steering-only member's stand-aside, unnamed


def test_a_secret_ballot_hides_counts_while_open_and_gives_a_receipt_once(world, targets):
    client = world.client("member")
    view = url(world, "proposal", proposal_id=targets["secret_proposal"])
    services.cast(actor(world, "chair"), targets["secret_proposal"], position="no")
    before = client.get(view).content.decode()
    assert "the counts are shown only once it closes" in before
    assert "Counts so far" not in before and "<td>No</td>" not in before

    response = client.post(
        url(world, "proposal_vote", proposal_id=targets["secret_proposal"]), {"position": "yes"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Your receipt code" in body
    code = body.split('<p class="receipt-code"><code>')[1].split("</code>")[0]
    assert len(code) == 12
    after = client.get(view).content.decode()
    assert code not in after and "Your receipt code" not in after
    assert "You have voted. Your ballot is secret" in after
    assert "Record my position" not in after
    # Both still sealed in the mix (fewer than 2 × mix.BATCH): recorded, not yet listed.
    assert SealedBallot.objects.filter(proposal_id=targets["secret_proposal"]).count() == 2
    assert not SecretBallot.objects.filter(proposal_id=targets["secret_proposal"]).exists()

    receipts = url(world, "proposal_receipts", proposal_id=targets["secret_proposal"])
    found = client.post(receipts, {"code": code.lower()}).content.decode()
    assert "Found: your ballot is recorded, and counted when the decision closes." in found
    assert "0 counted ballots" in found and "2 more ballots are recorded but still sealed" in found
    assert "Yes" not in found.split("counted ballots")[1]  # no choices next to the hashes
    missing = client.post(receipts, {"code": "000000000000"}).content.decode()
    assert "Not found" in missing

    again = client.post(
        url(world, "proposal_vote", proposal_id=targets["secret_proposal"]), {"position": "no"}
    )
    assert again.status_code == 409
    assert SealedBallot.objects.filter(proposal_id=targets["secret_proposal"]).count() == 2

    services.close_proposal(targets["secret_proposal"], now=timezone.now() + timedelta(days=30))
    closed = client.post(receipts, {"code": code}).content.decode()
    assert "Found: your ballot is counted." in closed and "2 counted ballots" in closed
    assert "still sealed" not in closed


def test_comments_are_signed_with_what_every_member_may_see(world, targets):
    client = world.client("member")
    response = client.post(
        url(world, "proposal_comment", proposal_id=targets["draft_proposal"]),
        {"body": "Looks *good*."},
    )
    assert response.status_code == 302
    assert Comment.objects.filter(proposal_id=targets["draft_proposal"]).exists()
    page = world.client("chair").get(url(world, "proposal", proposal_id=targets["draft_proposal"]))
    assert "<em>good</em>" in page.content.decode()
    assert "Open Hands Network" in page.content.decode()
    empty = client.post(
        url(world, "proposal_comment", proposal_id=targets["draft_proposal"]), {"body": ""}
    )
    assert empty.status_code == 400


def test_an_anonymous_conflict_does_not_store_or_show_the_raiser(world):
    client = world.client("chair")
    response = client.post(
        url(world, "conflict_create"),
        {"title": "Harassment at the meeting", "description": "Details.", "anonymous": "on"},
    )
    assert response.status_code == 302
    conflict = Conflict.objects.get(title="Harassment at the meeting")
    assert conflict.raised_by_id is None
    # The raiser does not see it (nothing links it to them) …
    assert "Harassment at the meeting" not in client.get(url(world, "conflicts")).content.decode()
    # … the steering committee does, without a name.
    steering = world.client("steering")
    page = steering.get(url(world, "conflict", conflict_id=conflict.id)).content.decode()
    assert "Anonymous (not recorded)" in page
    assert "Women Police Association" not in page and "Chair User" not in page


def test_a_member_cannot_see_another_members_conflict(world, targets):
    conflict_url = url(world, "conflict", conflict_id=targets["conflict"])
    assert world.client("member").get(conflict_url).status_code == 200  # the raiser
    assert world.client("chair").get(conflict_url).status_code == 404
    assert "Credit for the March report" not in (
        world.client("chair").get(url(world, "conflicts")).content.decode()
    )
    assert "Credit for the March report" in (
        world.client("steering").get(url(world, "conflicts")).content.decode()
    )


def test_steering_assigns_a_conflict_and_the_owner_can_update_it(world, targets):
    steering = world.client("steering")
    response = steering.post(
        url(world, "conflict_update", conflict_id=targets["conflict"]),
        {
            "status": "in_mediation",
            "outcome": "",
            "owner_email": "chair@example.org",
            "mediator": "Ms Mediator",
        },
    )
    assert response.status_code == 302
    conflict = Conflict.objects.get(pk=targets["conflict"])
    assert conflict.owner == world.users["chair"] and conflict.mediator == "Ms Mediator"
    chair = world.client("chair")
    page = chair.get(url(world, "conflict", conflict_id=conflict.id)).content.decode()
    assert "owner_email" not in page  # the owner updates status and outcome only
    done = chair.post(
        url(world, "conflict_update", conflict_id=conflict.id),
        {"status": "resolved", "outcome": "Credited in the next report."},
    )
    assert done.status_code == 302
    conflict.refresh_from_db()
    assert conflict.status == "resolved" and conflict.mediator == "Ms Mediator"


def test_notifications_list_and_mark_all_read(world, targets):
    client = world.client("chair")
    page = client.get(url(world, "notifications")).content.decode()
    assert "A decision is open: Statement on police reform" in page
    assert client.post(url(world, "notifications")).status_code == 302
    from coalesce.decisions.models import Notification

    assert not Notification.objects.filter(user=world.users["chair"], read_at__isnull=True).exists()


def test_rules_page_lists_rules_and_creates_a_category(world, targets):
    client = world.client("steering")
    page = client.get(url(world, "rules")).content.decode()
    assert "Joint statements" in page and "Consensus" in page
    assert "Charter and decision rules" in page
    response = client.post(url(world, "rules"), {"name": "Budget"})
    assert response.status_code == 302
    budget = Category.objects.get(coalition=world.coalition, slug="budget")
    defined = client.post(
        url(world, "rule_define"),
        {
            "category_id": budget.id,
            "method": "consent",
            "electorate": "all_members",
            "vote_unit": "member",
            "quorum_percent": 50,
            "window_hours": 48,
        },
    )
    assert defined.status_code == 302
    assert budget.rules.get().method == "consent"
    duplicate = client.post(url(world, "rules"), {"name": "Budget"})
    assert duplicate.status_code == 409


def test_the_list_groups_proposals_in_a_bounded_number_of_queries(
    world, category, django_assert_max_num_queries
):
    member = actor(world, "member")
    for n in range(30):
        proposal = services.create_proposal(
            member, category_id=category.id, title=f"Proposal {n}", body="B"
        )
        if n % 3 == 0:
            services.open_proposal(member, proposal.id)
            services.cast(member, proposal.id, position="yes")
    client = world.client("member")
    client.get(url(world, "list"))  # warm the session
    with django_assert_max_num_queries(20):
        response = client.get(url(world, "list"))
    body = response.content.decode()
    assert "Proposal 29" in body
    assert body.index("Open for decision") < body.index("Proposal 0") < body.index("Drafts")
    assert "1 of 5" in body  # participation, counted in SQL


def test_the_list_pages_each_part_so_a_busy_coalition_gets_a_short_page(world, category):
    from coalesce.decisions.web.common import PER_PAGE

    member = actor(world, "member")
    for i in range(PER_PAGE + 3):
        services.create_proposal(member, category_id=category.id, title=f"Draft {i:02}", body="x")
    client = world.client("member")
    first = client.get(url(world, "list")).content.decode()
    assert first.count("Draft ") == PER_PAGE and "Draft 27" in first and "Draft 02" not in first
    assert '?drafts=2#drafts"' in first
    second = client.get(url(world, "list") + "?drafts=2").content.decode()
    assert "Draft 02" in second and "Draft 27" not in second and '?drafts=1#drafts"' in second
    assert client.get(url(world, "list") + "?drafts=x").status_code == 200


def test_an_open_ballot_names_a_page_of_positions_and_counts_them_all(world):
    from tests.support.growers import add_positions

    ids = decision_targets(world)
    before = Ballot.objects.filter(proposal_id=ids["proposal"]).count()
    add_positions(world, ids, 110)
    total = before + 110
    page = url(world, "proposal", proposal_id=ids["proposal"])
    client = world.client("steering")
    first = client.get(page).content.decode()
    named = first.count('<span class="badge position-')
    assert named == 100 and '?voices=2#voices"' in first
    second = client.get(page + "?voices=2").content.decode()
    assert second.count('<span class="badge position-') == total - 100
    assert "?voices=3" not in second


def test_a_member_who_becomes_pseudonymous_is_protected_on_earlier_comments(world, targets):
    proposal_id = targets["draft_proposal"]
    world.client("member").post(
        url(world, "proposal_comment", proposal_id=proposal_id), {"body": "Written openly."}
    )
    custodian = actor_for(world.users["custodian"], world.coalition)
    services_coalitions.update_protection(
        custodian, world.memberships["member"].id, visibility="pseudonymous", alias="Quiet Hands"
    )
    for role in ["chair", "steering", "admin"]:
        page = world.client(role).get(url(world, "proposal", proposal_id=proposal_id))
        text = page.content.decode()
        assert "Quiet Hands" in text and "Open Hands Network" not in text, role
