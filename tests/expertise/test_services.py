"""Writes: who may list offers and needs, post, answer and close requests; bad input is
a clear error that changes nothing; every write is audited."""

import pytest

from coalesce.audit.models import AuditEvent
from coalesce.coalitions.models import MembershipStatus
from coalesce.core.errors import Conflict, DomainError, Forbidden, NotFound
from coalesce.expertise import services
from coalesce.expertise.limits import MAX_ENTRIES_PER_MEMBER, MAX_ENTRY_TEXT
from coalesce.expertise.models import Entry, HelpRequest, RequestStatus, Response

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_hashing")]

OFFER = {"side": "offer", "kind": "skill", "topic": "gender_training", "text": "Police trainers"}


def counts():
    return (Entry.objects.count(), HelpRequest.objects.count(), Response.objects.count())


def test_a_member_lists_what_its_organisation_offers_and_it_is_audited(world, actor):
    entry = services.add_entry(actor("member"), **OFFER, language="FR")
    assert entry.membership == world.memberships["member"]
    assert entry.language == "fr" and entry.created_by == world.users["member"]
    event = AuditEvent.objects.get(action="expertise.entry_added")
    assert event.object_id == str(entry.pk) and event.actor == world.users["member"]
    services.remove_entry(actor("member"), entry.id)
    assert not Entry.objects.exists()
    assert AuditEvent.objects.filter(action="expertise.entry_removed").count() == 1


@pytest.mark.parametrize(
    "change,field",
    [
        ({"topic": "astrology"}, "topic"),
        ({"side": "maybe"}, "side"),
        ({"kind": "vibes"}, "kind"),
        ({"text": "   "}, "text"),
        ({"text": "x" * (MAX_ENTRY_TEXT + 1)}, "text"),
        ({"text": "a\x00b"}, "text"),
        ({"language": "klingon"}, "language"),
    ],
)
def test_bad_input_is_refused_on_its_field_and_changes_nothing(actor, change, field):
    before = counts()
    with pytest.raises(DomainError) as raised:
        services.add_entry(actor("member"), **{**OFFER, **change})
    assert raised.value.field == field and raised.value.status == 400
    assert counts() == before
    assert not AuditEvent.objects.filter(action__startswith="expertise.").exists()


@pytest.mark.parametrize("role", ["admin", "custodian", "outsider", "applicant"])
def test_someone_not_an_active_member_lists_nothing_and_asks_nothing(actor, role):
    for write in (
        lambda: services.add_entry(actor(role), **OFFER),
        lambda: services.post_request(actor(role), topic="media", text="Airtime"),
    ):
        with pytest.raises((Forbidden, NotFound)):
            write()
    assert counts() == (0, 0, 0)


def test_a_suspended_member_no_longer_lists(world, actor):
    membership = world.memberships["member"]
    membership.status = MembershipStatus.SUSPENDED
    membership.save()
    with pytest.raises(Forbidden):
        services.add_entry(actor("member"), **OFFER)
    assert counts() == (0, 0, 0)


def test_the_steering_committee_keeps_any_members_list_a_member_only_its_own(world, actor):
    other = world.memberships["pseudonymous"].id
    entry = services.add_entry(actor("steering"), **OFFER, membership_id=other)
    assert entry.membership_id == other
    with pytest.raises(Forbidden):
        services.add_entry(actor("member"), **OFFER, membership_id=other)
    with pytest.raises(Forbidden):
        services.remove_entry(actor("member"), entry.id)
    hidden = world.memberships["steering_only"].id
    with pytest.raises(NotFound):  # a member it may not see: as if there were none
        services.add_entry(actor("member"), **OFFER, membership_id=hidden)
    with pytest.raises(NotFound):
        services.add_entry(actor("steering"), **OFFER, membership_id=999999)
    services.remove_entry(actor("steering"), entry.id)
    assert counts() == (0, 0, 0)


def test_a_member_lists_a_bounded_number_of_things(world, actor):
    member = actor("member")
    Entry.objects.bulk_create(
        Entry(coalition=world.coalition, membership=world.memberships["member"], **OFFER)
        for _ in range(MAX_ENTRIES_PER_MEMBER)
    )
    with pytest.raises(Conflict):
        services.add_entry(member, **OFFER)
    assert Entry.objects.count() == MAX_ENTRIES_PER_MEMBER


def test_a_request_is_answered_once_by_each_other_member_and_closed_by_its_asker(world, actor):
    asked = services.post_request(actor("chair"), topic="legal_aid", text="A lawyer", language="en")
    assert asked.membership == world.memberships["chair"] and asked.status == RequestStatus.OPEN
    with pytest.raises(Forbidden):  # not to itself
        services.respond(actor("chair"), asked.id, message="Us?")
    answer = services.respond(actor("member"), asked.id, message="Our paralegals can")
    assert answer.membership == world.memberships["member"]
    with pytest.raises(Conflict) as twice:
        services.respond(actor("member"), asked.id, message="Again")
    assert twice.value.field == "message"
    with pytest.raises(Forbidden):  # another member does not close it
        services.close_request(actor("member"), asked.id)
    closed = services.close_request(actor("chair"), asked.id)
    assert closed.status == RequestStatus.CLOSED and closed.closed_at is not None
    before = counts()
    with pytest.raises(Conflict):  # closed: no more answers
        services.respond(actor("steering"), asked.id, message="Late")
    with pytest.raises(Conflict):
        services.close_request(actor("steering"), asked.id)
    assert counts() == before
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "expertise.request_posted",
        "expertise.responded",
        "expertise.request_closed",
    } <= actions


@pytest.mark.parametrize(
    "change,field",
    [({"topic": "nope"}, "topic"), ({"text": ""}, "text"), ({"language": "xx"}, "language")],
)
def test_a_bad_request_is_refused_and_posts_nothing(actor, change, field):
    with pytest.raises(DomainError) as raised:
        services.post_request(actor("member"), **{"topic": "media", "text": "Airtime", **change})
    assert raised.value.field == field
    assert counts() == (0, 0, 0)


def test_a_request_of_a_member_one_may_not_see_is_not_found(world, actor):
    hidden = HelpRequest.objects.create(
        coalition=world.coalition,
        membership=world.memberships["steering_only"],
        topic="media",
        text="Quietly",
    )
    with pytest.raises(NotFound):
        services.respond(actor("member"), hidden.id, message="We saw it")
    with pytest.raises(NotFound):
        services.close_request(actor("member"), hidden.id)
    services.respond(actor("steering"), hidden.id, message="We can")  # steering sees it
    services.close_request(actor("steering"), hidden.id)
    with pytest.raises(DomainError):
        services.respond(actor("member"), "1", message="Not an id")
