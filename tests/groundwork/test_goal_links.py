"""Linking a challenge of the register to the coalition's goals: the register page and
its API link and unlink, the goal's page lists the linked challenges (``goals.hooks``)."""

import pytest
from django.urls import reverse

from coalesce.core.errors import DomainError, Forbidden
from coalesce.goals import selectors as goal_selectors
from coalesce.goals import services as goal_services
from coalesce.groundwork import services
from coalesce.groundwork.models import Challenge
from tests.goals.helpers import actor
from tests.support.api import api_as, assert_error

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_hashing")]


@pytest.fixture
def setup(world):
    goal = goal_services.create_goal(actor(world, "steering"), title="Oversight", horizon="long")
    challenge = Challenge.objects.create(
        coalition=world.coalition, challenge="Police unions object", strategy="Meet them early"
    )
    return goal, challenge


def test_a_linked_challenge_shows_on_the_goal_page(world, setup):
    goal, challenge = setup
    services.link_goal(actor(world, "steering"), challenge.pk, goal_id=goal.pk)
    view = goal_selectors.goal_view(actor(world, "member"), goal.pk)
    assert [(link.label, link.detail) for link in view.linked] == [
        ("Police unions object", "Meet them early")
    ]
    page = world.client("member").get(
        reverse("goals:goal", kwargs={"slug": world.coalition.slug, "goal_id": goal.pk})
    )
    assert "Police unions object" in page.content.decode()
    services.link_goal(actor(world, "admin"), challenge.pk, goal_id=goal.pk, linked=False)
    assert goal_selectors.goal_view(actor(world, "member"), goal.pk).linked == []


def test_only_the_register_keepers_link_and_only_their_coalitions_goals(world, setup):
    goal, challenge = setup
    with pytest.raises(Forbidden):
        services.link_goal(actor(world, "member"), challenge.pk, goal_id=goal.pk)
    from coalesce.coalitions.policy import actor_for

    theirs = goal_services.create_goal(
        actor_for(world.users["outsider"], world.other_coalition), title="Theirs", horizon="short"
    )
    with pytest.raises(DomainError) as error:
        services.link_goal(actor(world, "steering"), challenge.pk, goal_id=theirs.pk)
    assert error.value.field == "goal_id"
    assert not challenge.goals.exists()


def test_the_register_page_and_api_link_and_unlink(world, setup):
    goal, challenge = setup
    url = reverse(
        "groundwork:challenge_goals",
        kwargs={"slug": world.coalition.slug, "challenge_id": challenge.pk},
    )
    steering = world.client("steering")
    assert steering.post(url, {"goal_id": goal.pk}).status_code == 302
    assert list(challenge.goals.all()) == [goal]
    index = steering.get(reverse("groundwork:index", kwargs={"slug": world.coalition.slug}))
    assert "Oversight" in index.content.decode()
    assert steering.post(url, {"goal_id": goal.pk, "unlink": "1"}).status_code == 302
    assert not challenge.goals.exists()
    assert steering.post(url, {"goal_id": 999999}).status_code == 400
    base = f"/coalitions/{world.coalition.slug}/groundwork/challenges/{challenge.pk}/goals"
    answer = api_as(world, "steering").post(base, {"goal_id": goal.pk})
    assert answer.status_code == 200 and answer.json()["goal_ids"] == [goal.pk]
    assert_error(api_as(world, "steering").post(base, {"goal_id": 999999}), 400, "goal_id")
    assert_error(api_as(world, "member").post(base, {"goal_id": goal.pk, "linked": False}), 403)
    assert list(challenge.goals.all()) == [goal]
