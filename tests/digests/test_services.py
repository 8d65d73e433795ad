"""Choosing a digest, and sending one batch: only what the member has not seen, within
what they may see now, grouped by committee, never empty; a digest reader gets no
e-mail per update."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from coalesce.coalitions.models import CommitteeSeat
from coalesce.coalitions.policy import actor_for
from coalesce.core.errors import DomainError, Forbidden, NotFound
from coalesce.digests import selectors, services
from coalesce.digests.models import DigestChoice
from coalesce.expertise import services as expertise
from coalesce.updates import services as updates
from coalesce.updates.models import Receipt
from tests.project.test_email_templates import remote_fetches

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_hashing")]

A_DAY_ON = timedelta(days=1, minutes=1)


def send(world, *roles, now=None):
    people = [world.memberships[r].organisation.people.get().id for r in roles]
    mail.outbox.clear()
    return services.send_batch(world.coalition.id, people, now=now or timezone.now() + A_DAY_ON)


def post(act, role="steering", committee=None, title="News"):
    return updates.post_update(
        act(role), title=title, body="Body **text**.", committee_id=committee
    )


def test_a_bad_frequency_is_refused_on_its_field_and_changes_nothing(digest_of):
    with pytest.raises(DomainError) as raised:
        digest_of("member", "hourly")
    assert raised.value.field == "frequency" and raised.value.status == 400
    assert not DigestChoice.objects.exists()


@pytest.mark.parametrize("role", ["admin", "custodian", "applicant", "outsider"])
def test_only_an_active_members_person_may_choose_a_digest(digest_of, role):
    with pytest.raises((Forbidden, NotFound)):
        digest_of(role)
    assert not DigestChoice.objects.exists()


def test_a_digest_reader_gets_no_email_per_update_and_the_others_still_do(
    world, act, digest_of, run_queued_tasks
):
    digest_of("member")
    post(act)
    run_queued_tasks()
    assert [m.to for m in mail.outbox] == [["chair@example.org"]]
    member = Receipt.objects.get(membership=world.memberships["member"])
    assert member.delivered_at is None  # waiting for the digest


def test_the_digest_holds_the_unseen_updates_grouped_by_committee(world, act, digest_of):
    digest_of("member")
    committee = world.committee.id
    post(act, title="To everyone")
    post(act, committee=committee, title="To outreach")
    opened = post(act, title="Already opened")
    updates.mark_read(act("member"), opened.id)
    assert send(world, "member") == 1
    (message,) = mail.outbox
    assert message.to == ["member@example.org"]
    assert "2 updates" in message.subject
    body = message.body
    assert body.index("The whole coalition") < body.index("To everyone")
    assert body.index("== Outreach ==") < body.index("To outreach")
    assert "Already opened" not in body
    assert "https://co.example/c/safer-streets/updates/" in body
    ((html, _kind),) = message.alternatives
    assert not remote_fetches(html) and "<h2>Outreach</h2>" in html
    carried = Receipt.objects.filter(membership=world.memberships["member"])
    assert carried.filter(delivered_at__isnull=False).count() == 2  # delivered by the digest


def test_a_digest_is_never_sent_twice_for_the_same_updates_nor_before_it_is_due(
    world, act, digest_of
):
    digest_of("member")
    post(act)
    now = timezone.now() + A_DAY_ON
    assert send(world, "member", now=now) == 1
    post(act, title="Later")
    assert send(world, "member", now=now + timedelta(hours=2)) == 0  # not due yet
    assert send(world, "member", now=now + A_DAY_ON) == 1
    assert "Later" in mail.outbox[0].body and "News" not in mail.outbox[0].body


def test_an_empty_digest_is_not_sent_but_still_covers_the_time(world, digest_of):
    choice = digest_of("member")
    now = timezone.now() + A_DAY_ON
    assert send(world, "member", now=now) == 0
    assert not mail.outbox
    choice.refresh_from_db()
    assert choice.covered_until == now


def test_what_the_member_may_no_longer_see_leaves_the_digest(world, act, digest_of):
    digest_of("member")
    post(act, committee=world.committee.id, title="Seat matters")
    CommitteeSeat.objects.filter(
        committee=world.committee, membership=world.memberships["member"]
    ).delete()
    assert send(world, "member") == 0


def test_a_pseudonymous_author_is_named_by_alias_only(world, digest_of, pseudonym):
    digest_of("member")
    updates.post_update(
        actor_for(pseudonym, world.coalition),
        title="From the riverside",
        body="x",
        committee_id=world.committee.id,
    )
    assert send(world, "member") == 1
    body = mail.outbox[0].body
    assert "Friends of the Riverside" in body
    for marker in world.markers.values():
        assert marker not in body


def test_requests_for_help_reach_the_members_that_offer_it_until_they_answer(world, act, digest_of):
    digest_of("member")
    expertise.add_entry(
        act("member"), side="offer", kind="skill", topic="gender_training", text="Trainers"
    )
    asked = expertise.post_request(act("chair"), topic="gender_training", text="Train us")
    expertise.post_request(act("chair"), topic="media", text="Airtime, please")
    preview = selectors.preview(act("member"))
    assert [listed.item.id for listed in preview.requests] == [asked.id]
    assert preview.requests[0].member.name == "Women Police Association"
    assert send(world, "member") == 1
    assert "Train us" in mail.outbox[0].body and "Airtime" not in mail.outbox[0].body
    assert "1 request for help" in mail.outbox[0].subject


def test_the_members_own_updates_and_requests_are_not_in_its_digest(world, act, digest_of):
    digest_of("member")
    post(act, role="member", committee=world.committee.id, title="Own")
    expertise.add_entry(
        act("member"), side="offer", kind="skill", topic="media", text="Radio contacts"
    )
    expertise.post_request(act("member"), topic="media", text="Our own request")
    assert send(world, "member") == 0


def test_an_answered_request_is_not_in_the_digest(world, act, digest_of):
    digest_of("member")
    expertise.add_entry(
        act("member"), side="offer", kind="skill", topic="gender_training", text="Trainers"
    )
    asked = expertise.post_request(act("chair"), topic="gender_training", text="Train us")
    expertise.respond(act("member"), asked.id, message="We can")
    assert send(world, "member") == 0


def test_choosing_never_again_ends_the_digests(world, act, digest_of, run_queued_tasks):
    digest_of("member")
    digest_of("member", "never")
    post(act)
    run_queued_tasks()
    assert sorted(m.to[0] for m in mail.outbox) == ["chair@example.org", "member@example.org"]
    assert selectors.due_batches(timezone.now() + A_DAY_ON) == []
