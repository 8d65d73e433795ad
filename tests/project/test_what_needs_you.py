"""What needs you: the dashboard lists what waits for the viewer (a vote, a meeting poll,
an update to acknowledge, applications to review), the decisions list says who may still
vote, and a decision's page puts the vote form first and offers "close" only when closing
would succeed."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from coalesce.coalitions.policy import actor_for
from coalesce.decisions import services as decisions
from coalesce.meetings import services as meetings
from coalesce.updates import services as updates


@pytest.fixture
def act(world):
    return lambda role: actor_for(world.users[role], world.coalition)


def open_decision(act, electorate="all_members"):
    admin = act("admin")
    category = decisions.create_category(admin, name=f"Statements ({electorate})")
    decisions.define_rule(
        admin,
        category.id,
        method="simple_majority",
        electorate=electorate,
        quorum_percent=0,
        window_hours=24,
        secret=False,
    )
    draft = decisions.create_proposal(
        act("member"), category_id=category.id, title="Statement on police reform", body="…"
    )
    return decisions.open_proposal(act("member"), draft.id)


@pytest.fixture
def decision(act):
    return open_decision(act)


@pytest.fixture
def poll(act):
    steering = act("steering")
    hall = meetings.add_venue(steering, name="Women's centre", address="Market St")
    later = timezone.now() + timedelta(days=5)
    return meetings.create_meeting(
        steering,
        title="Hearing preparation",
        time_zone="UTC",
        duration_minutes=90,
        times=[later.strftime("%Y-%m-%d 10:00")],
        venue_ids=[hall.id],
    )


@pytest.fixture
def protocol(act):
    return updates.post_update(
        act("steering"), title="Safety protocol", body="Read me", asks_acknowledgement=True
    )


def dashboard(world, role) -> str:
    url = reverse("coalitions:dashboard", args=[world.coalition.slug])
    return world.client(role).get(url).content.decode()


def needs(page: str) -> str:
    return page[page.index('id="awaiting-title"') : page.index('class="cards summary"')]


def test_the_dashboard_lists_what_waits_and_forgets_it_once_done(
    world, act, decision, poll, protocol
):
    waiting = needs(dashboard(world, "member"))
    assert "Statement on police reform" in waiting
    assert "Hearing preparation" in waiting
    assert "Safety protocol" in waiting

    decisions.cast(act("member"), decision.id, position="yes")
    times = poll.times.all()
    meetings.answer_poll(
        act("member"), poll.id, answers={t.id: "yes" for t in times}, time_zone="UTC"
    )
    updates.acknowledge(act("member"), protocol.id)
    done = needs(dashboard(world, "member"))
    assert "Statement on police reform" not in done
    assert "Hearing preparation" not in done
    assert "Safety protocol" not in done
    assert "Nothing waits for you just now." in done


def test_what_waits_is_the_viewers_own(world, act, decision, poll, protocol):
    # The steering member posted the update and may not acknowledge their own; the
    # custodian is no member: no vote, no poll.
    steering = needs(dashboard(world, "steering"))
    assert "Safety protocol" not in steering
    assert "Statement on police reform" in steering
    assert "application to review" in steering  # the world's pending applicant
    assert "application to review" not in needs(dashboard(world, "member"))


def test_the_decisions_list_says_who_may_still_vote(world, act, decision):
    url = reverse("decisions:list", args=[world.coalition.slug])
    assert "Your vote is needed" in world.client("member").get(url).content.decode()
    decisions.cast(act("member"), decision.id, position="yes")
    page = world.client("member").get(url).content.decode()
    assert "You voted" in page and "Your vote is needed" not in page


def test_the_vote_form_comes_before_the_text(world, decision):
    url = reverse("decisions:proposal", args=[world.coalition.slug, decision.id])
    page = world.client("member").get(url).content.decode()
    assert page.index('class="stack vote"') < page.index('id="text-title"')


def test_close_is_offered_only_once_everyone_has_voted(world, act):
    decision = open_decision(act, "steering")  # the steering committee: one member
    url = reverse("decisions:proposal", args=[world.coalition.slug, decision.id])
    close = reverse("decisions:proposal_close", args=[world.coalition.slug, decision.id])
    page = world.client("steering").get(url).content.decode()
    assert close not in page
    assert "only once everyone in the electorate has voted" in page
    decisions.cast(act("steering"), decision.id, position="yes")
    page = world.client("steering").get(url).content.decode()
    assert close in page
    assert "only once everyone in the electorate has voted" not in page
    assert world.client("steering").post(close).status_code == 302
