"""Reads within membership visibility (C11): the directory, requests that reach a member,
and who may read the answers to a request."""

import itertools
from datetime import timedelta

import pytest
from django.utils import timezone

from coalesce.coalitions.models import MembershipStatus, Visibility
from coalesce.coalitions.policy import actor_for
from coalesce.expertise import selectors, services
from coalesce.expertise.models import Entry, HelpRequest, Response
from coalesce.expertise.rules import reaches
from tests.support import factories as f

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_hashing")]

STEERING_ONLY_OFFER = "MARKER-EXPERTISE-STEERING-OFFER-5b9e"


def offer(world, key, topic="legal_aid", text="We help", language="", side="offer"):
    return Entry.objects.create(
        coalition=world.coalition,
        membership=world.memberships[key],
        side=side,
        kind="experience",
        topic=topic,
        text=text,
        language=language,
    )


def ask(world, key, topic="legal_aid", language="", text="Please help"):
    return HelpRequest.objects.create(
        coalition=world.coalition,
        membership=world.memberships[key],
        topic=topic,
        language=language,
        text=text,
    )


@pytest.fixture
def planted(world):
    offer(world, "member", text="Paralegal clinics")
    offer(world, "pseudonymous", text="Trauma counselling")
    offer(world, "steering_only", text=STEERING_ONLY_OFFER)


def names(rows):
    return {row.member.name for row in rows}


def test_members_see_the_alias_and_not_the_steering_only_member(world, actor, planted):
    rows, total = selectors.directory(actor("member"))
    assert total == len(rows) == 2
    assert names(rows) == {"Open Hands Network", "Friends of the Riverside"}
    pseudonymous = next(r for r in rows if r.member.is_alias)
    assert pseudonymous.item.text == "Trauma counselling"
    assert all(STEERING_ONLY_OFFER not in r.item.text for r in rows)
    # a search for the hidden offer's words finds nothing, and counts nothing
    assert selectors.directory(actor("member"), query="marker-expertise") == ([], 0)


@pytest.mark.parametrize("role", ["admin", "chair"])
def test_other_readers_below_steering_do_not_meet_it_either(world, actor, planted, role):
    rows, total = selectors.directory(actor(role))
    assert total == 2
    assert world.markers["pseudonymous_name"] not in names(rows)


def test_the_steering_committee_sees_every_listed_member_and_the_custodian_real_names(
    world, actor, planted
):
    rows, total = selectors.directory(actor("steering"))
    assert total == 3 and world.markers["steering_only_name"] in names(rows)
    assert world.markers["pseudonymous_name"] not in names(rows)
    custodian_rows, _ = selectors.directory(actor("custodian"))
    assert world.markers["pseudonymous_name"] in names(custodian_rows)


def test_offers_of_members_that_are_not_active_leave_the_directory(world, actor, planted):
    membership = world.memberships["member"]
    membership.status = MembershipStatus.SUSPENDED
    membership.save()
    assert "Open Hands Network" not in names(selectors.directory(actor("steering"))[0])


def test_the_directory_filters_searches_and_pages(world, actor):
    offer(world, "member", topic="media", text="Community RADIO airtime", language="sw")
    offer(world, "chair", topic="research", text="Surveys of officers")
    offer(world, "chair", topic="media", text="We need airtime", side="need")
    reader = actor("member")
    assert [r.item.text for r in selectors.directory(reader, query="radio")[0]] == [
        "Community RADIO airtime"
    ]
    assert selectors.directory(reader, topic="research")[1] == 1
    assert selectors.directory(reader, language="sw")[1] == 1
    assert selectors.directory(reader, side="need")[1] == 1
    assert selectors.directory(reader, side="")[1] == 3
    first, total = selectors.directory(reader, limit=1)
    second, _ = selectors.directory(reader, limit=1, offset=1)
    assert total == 2 and first[0].item.id != second[0].item.id


def test_a_request_reaches_the_members_that_offer_that_help_until_they_answer(world, actor):
    offer(world, "member", topic="legal_aid")
    asked = services.post_request(actor("chair"), topic="legal_aid", text="A lawyer")
    other_topic = services.post_request(actor("chair"), topic="media", text="Airtime")
    assert list(selectors.requests_for(actor("member"))) == [asked]
    assert other_topic not in selectors.requests_for(actor("member"))
    assert not selectors.requests_for(actor("chair")).exists()  # not its own
    assert not selectors.requests_for(actor("admin")).exists()  # no membership
    later = timezone.now() + timedelta(minutes=1)
    assert not selectors.requests_for(actor("member"), since=later).exists()
    earlier = timezone.now() - timedelta(minutes=1)
    assert selectors.requests_for(actor("member"), since=earlier).count() == 1
    services.respond(actor("member"), asked.id, message="We can")
    assert not selectors.requests_for(actor("member")).exists()


def test_requests_of_members_one_may_not_see_do_not_reach_or_count(world, actor):
    offer(world, "member", topic="legal_aid")
    offer(world, "steering", topic="legal_aid")
    ask(world, "steering_only")
    pseudonymous = ask(world, "pseudonymous")
    assert list(selectors.requests_for(actor("member"))) == [pseudonymous]
    assert selectors.requests_for(actor("steering")).count() == 2
    lists = selectors.request_lists(actor("member"))
    assert [row.member.name for row in lists["open"]] == ["Friends of the Riverside"]


def test_reaching_in_sql_is_the_rule(world):
    """Every topic × language pair of offer and request: ``requests_for`` agrees with
    ``rules.reaches``."""
    asker = world.memberships["chair"]
    pairs = list(itertools.product(["legal_aid", "media"], ["", "en", "fr"]))
    requests = {
        pair: HelpRequest.objects.create(
            coalition=world.coalition, membership=asker, topic=pair[0], language=pair[1], text="?"
        )
        for pair in pairs
    }
    for topic, language in pairs:
        user = f.make_user()
        f.make_member(world.coalition, user=user)
        reader = actor_for(user, world.coalition)
        membership_id = next(iter(reader.own_membership_ids))
        Entry.objects.create(
            coalition=world.coalition,
            membership_id=membership_id,
            side="offer",
            kind="skill",
            topic=topic,
            language=language,
            text="x",
        )
        reached = set(selectors.requests_for(reader))
        for pair, request in requests.items():
            assert (request in reached) == reaches(topic, language, *pair), (topic, language, pair)


def test_the_asker_reads_every_answer_it_may_see_others_only_their_own(world, actor):
    asked = services.post_request(actor("chair"), topic="legal_aid", text="A lawyer")
    services.respond(actor("member"), asked.id, message="Member's answer")
    Response.objects.create(
        request=asked, membership=world.memberships["pseudonymous"], message="P"
    )
    Response.objects.create(
        request=asked, membership=world.memberships["steering_only"], message=STEERING_ONLY_OFFER
    )
    chair = selectors.help_request(actor("chair"), asked.id)
    assert [r.member.name for r in chair.responses] == [
        "Open Hands Network",
        "Friends of the Riverside",
    ]
    assert chair.may_close and not chair.may_respond
    member = selectors.help_request(actor("member"), asked.id)
    assert [r.item.message for r in member.responses] == ["Member's answer"]
    assert member.answered and not member.may_respond and not member.may_close
    steering = selectors.help_request(actor("steering"), asked.id)
    assert len(steering.responses) == 3 and steering.may_respond and steering.may_close
    own = selectors.request_lists(actor("chair"))["own"]
    assert own[0].item.answers == 2  # the steering-only answer is not counted for the chair


def test_a_pseudonymous_member_asks_under_its_alias_and_sees_itself(world):
    user = f.make_user()
    membership = f.make_member(
        world.coalition, user=user, name="MARKER-OWN", visibility=Visibility.PSEUDONYMOUS
    )
    own = actor_for(user, world.coalition)
    asked = services.post_request(own, topic="media", text="A journalist")
    assert selectors.help_request(own, asked.id).asker.name == "MARKER-OWN"
    member_view = selectors.help_request(
        actor_for(world.users["member"], world.coalition), asked.id
    )
    assert member_view.asker.name == membership.alias and member_view.asker.is_alias
