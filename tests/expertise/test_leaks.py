"""Markers in a steering-only member's offer and answer, and in the hidden members' real
names: every expertise page and API read, as every role, shows a marker only to the
roles entitled to it — and the entitled ones do meet it, so the crawl can fail."""

import pytest
from django.urls import reverse

from coalesce.accounts.models import ApiToken
from coalesce.expertise.models import Entry, Response
from tests.support.authz import ALL, ENTITLED
from tests.support.operations import ALL_OPERATIONS, call
from tests.support.pages import PAGES, url_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_hashing")]

OFFER_MARKER = "MARKER-EXPERTISE-OFFER-3c1d"
ANSWER_MARKER = "MARKER-EXPERTISE-ANSWER-77f0"
# who may meet the steering-only member's own words
TEXT_ENTITLED = {"steering", "custodian"}


@pytest.fixture
def marked(world, targets):
    Entry.objects.create(
        coalition=world.coalition,
        membership=world.memberships["steering_only"],
        side="offer",
        kind="skill",
        topic="legal_aid",
        text=OFFER_MARKER,
    )
    Response.objects.filter(membership=world.memberships["steering_only"]).update(
        message=ANSWER_MARKER
    )
    return targets


def forbidden(world, role) -> dict:
    markers = {k: v for k, v in world.markers.items() if k not in ENTITLED.get(role, set())}
    if role not in TEXT_ENTITLED:
        markers |= {"offer": OFFER_MARKER, "answer": ANSWER_MARKER}
    return markers


def pages(world, targets):
    names = [n for n, p in PAGES.items() if n.startswith("expertise:") and p.get]
    directory = reverse("expertise:directory", args=[world.coalition.slug])
    return [url_for(name, PAGES[name], targets) for name in names] + [
        directory + "?q=MARKER&side=",
        directory + "?topic=legal_aid&side=offer",
    ]


def reads():
    return [
        op
        for op, (method, path) in ALL_OPERATIONS.items()
        if "/expertise" in path and method == "GET"
    ]


@pytest.mark.parametrize("role", sorted(ALL))
def test_no_expertise_page_or_read_shows_what_the_role_may_not_see(world, marked, role):
    client = world.client(role)
    tokens = {r: ApiToken.issue(u, "leak")[1] for r, u in world.users.items()}
    bodies = [(u, client.get(u, follow=True).content.decode()) for u in pages(world, marked)]
    bodies += [(op, call(world, tokens, role, op, marked).content.decode()) for op in reads()]
    for where, body in bodies:
        for key, marker in forbidden(world, role).items():
            assert marker.lower() not in body.lower(), f"{role} saw {key} at {where}"


def test_the_entitled_meet_the_markers(world, marked):
    """The control: the steering committee meets the hidden offer and answer, the
    custodian the pseudonymous member's real name."""
    steering = " ".join(
        world.client("steering").get(u).content.decode() for u in pages(world, marked)
    )
    assert OFFER_MARKER in steering and ANSWER_MARKER in steering
    assert world.markers["steering_only_name"] in steering
    custodian = " ".join(
        world.client("custodian").get(u).content.decode() for u in pages(world, marked)
    )
    assert world.markers["pseudonymous_name"] in custodian
