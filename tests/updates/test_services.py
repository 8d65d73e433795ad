"""The updates services: who may post where, who receives, honest receipts, replies."""

import pytest

from coalesce.audit.models import AuditEvent
from coalesce.core.errors import Conflict, DomainError, Forbidden, NotFound
from coalesce.updates import selectors, services
from coalesce.updates.models import Receipt, Reply, Update

pytestmark = pytest.mark.django_db


def _receivers(update):
    return set(Receipt.objects.filter(update=update).values_list("person__user__email", flat=True))


def test_an_update_to_everyone_reaches_every_member_with_an_account_but_its_author(world, act):
    posted = services.post_update(act("steering"), title="News", body="Hello")
    assert _receivers(posted) == {"member@example.org", "chair@example.org"}
    assert posted.author_membership == world.memberships["steering"]
    assert AuditEvent.objects.filter(action="update.post").count() == 1


def test_an_update_to_a_committee_reaches_its_seats_and_the_steering_committee(
    world, act, pseudonym
):
    posted = services.post_update(
        act("chair"), title="Kit", body="Draft", committee_id=world.committee.id
    )
    assert _receivers(posted) == {"member@example.org", "steering@example.org", pseudonym.email}
    assert selectors.update(act("steering"), posted.id) == posted
    for role in ("admin", "custodian"):  # not in the audience
        with pytest.raises(NotFound):
            selectors.update(act(role), posted.id)
    assert posted.id not in {u.id for u in selectors.updates(act("admin"))}


def test_posting_where_one_may_not_is_refused_and_changes_nothing(world, act):
    events = AuditEvent.objects.count()
    with pytest.raises(DomainError) as refused:
        services.post_update(
            act("member"), title="X", body="Y", committee_id=world.steering_committee.id
        )
    assert refused.value.field == "committee" and "committee" in refused.value.message
    with pytest.raises(DomainError):  # a member, to everyone, while the coalition says no
        services.post_update(act("member"), title="X", body="Y")
    with pytest.raises(DomainError):  # an admin without a seat, to a committee
        services.post_update(act("admin"), title="X", body="Y", committee_id=world.committee.id)
    with pytest.raises(DomainError):
        services.post_update(act("steering"), title="X", body="Y", committee_id=999999)
    with pytest.raises(Forbidden):
        services.post_update(act("custodian"), title="X", body="Y")
    with pytest.raises(DomainError) as empty:
        services.post_update(act("steering"), title=" ", body="Y")
    assert empty.value.field == "title"
    assert not Update.objects.exists() and not Receipt.objects.exists()
    assert AuditEvent.objects.count() == events


def test_members_may_post_to_everyone_once_the_steering_committee_allows_it(world, act):
    with pytest.raises(Forbidden):
        services.set_settings(act("member"), members_may_post=True)
    services.set_settings(act("steering"), members_may_post=True)
    posted = services.post_update(act("member"), title="From us", body="Hello all")
    assert posted.committee is None
    assert _receivers(posted) == {"chair@example.org", "steering@example.org"}


def test_acknowledging_twice_counts_once_and_reading_is_said_not_tracked(world, act):
    posted = services.post_update(
        act("steering"), title="Protocol", body="Read me", asks_acknowledgement=True
    )
    tally = selectors.counts(act("steering"), posted)
    assert (tally.recipients, tally.delivered, tally.opened, tally.acknowledged) == (2, 0, 0, 0)
    services.mark_read(act("chair"), posted.id)
    services.mark_read(act("chair"), posted.id)
    services.acknowledge(act("member"), posted.id)
    with pytest.raises(Conflict):
        services.acknowledge(act("member"), posted.id)
    tally = selectors.counts(act("steering"), posted)
    assert (tally.opened, tally.acknowledged) == (2, 1)
    assert tally.acknowledged_names == ("Open Hands Network",)
    with pytest.raises(Forbidden):  # the author is not a reader
        services.acknowledge(act("steering"), posted.id)
    plain = services.post_update(act("steering"), title="FYI", body="No need")
    with pytest.raises(Forbidden):  # it does not ask for acknowledgement
        services.acknowledge(act("member"), plain.id)


def test_a_member_counted_but_not_named_is_counted_and_never_named(world, act, pseudonym):
    from coalesce.coalitions.policy import actor_for

    posted = services.post_update(
        act("steering"), title="Protocol", body="Read me", asks_acknowledgement=True
    )
    services.acknowledge(act("member"), posted.id)
    services.set_preference(act("member"), counted_not_named=True)
    services.acknowledge(actor_for(pseudonym, world.coalition), posted.id)
    tally = selectors.counts(act("steering"), posted)
    assert tally.acknowledged == 2
    assert tally.acknowledged_names == ()  # one chose not to be named, one is an alias
    assert world.markers["pseudonymous_name"] not in repr(tally)
    services.set_preference(act("member"), counted_not_named=False)
    assert selectors.counts(act("steering"), posted).acknowledged_names == ("Open Hands Network",)


def test_counts_are_for_the_author_and_the_steering_committee(world, act):
    services.set_settings(act("steering"), members_may_post=True)
    posted = services.post_update(act("member"), title="From us", body="Hello all")
    assert selectors.counts(act("member"), posted).recipients == 2
    assert selectors.counts(act("steering"), posted).recipients == 2
    for role in ("chair", "admin", "custodian"):
        with pytest.raises(Forbidden):
            selectors.counts(act(role), posted)


def test_replies_mark_read_and_sign_with_what_the_reader_may_see(world, act, pseudonym):
    from coalesce.coalitions.policy import actor_for

    posted = services.post_update(
        act("chair"), title="Kit", body="Draft", committee_id=world.committee.id
    )
    pseudo = actor_for(pseudonym, world.coalition)
    services.reply(pseudo, posted.id, body="Looks *good*")
    assert Receipt.objects.get(update=posted, person__user=pseudonym).opened_at is not None
    (answer,) = selectors.replies(act("member"), posted)
    assert answer.author_label == "Friends of the Riverside"
    with pytest.raises(NotFound):
        services.reply(act("admin"), posted.id, body="Not my committee")
    with pytest.raises(DomainError):
        services.reply(act("member"), posted.id, body="   ")
    assert Reply.objects.count() == 1


def test_a_later_member_reads_what_they_have_not_seen(world, act):
    """What a digest would hold: updates one may see and has not marked read."""
    from coalesce.coalitions.policy import actor_for
    from tests.support import factories as f

    first = services.post_update(act("steering"), title="One", body="1")
    second = services.post_update(act("steering"), title="Two", body="2")
    services.post_update(act("chair"), title="Kit", body="3", committee_id=world.committee.id)
    user = f.make_user("late@example.org", "Late")
    f.make_member(world.coalition, user=user, name="Late Joiners")
    late = actor_for(user, world.coalition)
    assert {u.id for u in selectors.unseen(late)} == {first.id, second.id}
    services.mark_read(late, first.id)  # a receipt of their own, made now
    assert [u.id for u in selectors.unseen(late)] == [second.id]
