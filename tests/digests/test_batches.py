"""Digests are built in batches: the queries of a batch do not grow with its size, the
task worker sends every due batch, and the batch reading of requests agrees with the
page's ``requests_for``."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from coalesce.coalitions.policy import actor_for
from coalesce.digests import selectors, services, tasks
from coalesce.digests.models import DigestChoice
from coalesce.expertise import selectors as expertise_selectors
from coalesce.expertise import services as expertise
from coalesce.updates import services as updates
from tests.support import factories as f

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_hashing")]


def members_with_digests(world, count):
    people = []
    for n in range(count):
        user = f.make_user(f"reader{n}@example.org", f"Reader {n}")
        membership = f.make_member(world.coalition, user=user)
        f.seat(world.committee, membership) if n % 2 else None
        actor = actor_for(user, world.coalition)
        services.choose(actor, frequency="weekly" if n % 3 else "daily")
        expertise.add_entry(actor, side="offer", kind="skill", topic="media", text="Radio")
        people.append(membership.organisation.people.get().id)
    return people


def queries_to_send(world, people) -> tuple[int, int]:
    mail.outbox.clear()
    DigestChoice.objects.update(covered_until=timezone.now() - timedelta(days=8))
    with CaptureQueriesContext(connection) as queries:
        sent = services.send_batch(world.coalition.id, people)
    return len(queries), sent


def test_the_queries_of_a_batch_do_not_grow_with_its_size(world, act):
    people = members_with_digests(world, 12)
    for title, committee in (("All", None), ("Outreach", world.committee.id)):
        updates.post_update(act("steering"), title=title, body="x", committee_id=committee)
    expertise.post_request(act("chair"), topic="media", text="Airtime")
    small, sent_small = queries_to_send(world, people[:2])
    DigestChoice.objects.update(covered_until=timezone.now() - timedelta(days=8))
    large, sent_large = queries_to_send(world, people)
    assert (sent_small, sent_large) == (2, 12)
    assert large == small
    assert len(mail.outbox) == 12


def test_the_worker_sends_every_due_batch_and_queues_its_next_run(
    world, act, run_queued_tasks, monkeypatch
):
    monkeypatch.setattr(selectors, "BATCH_SIZE", 2)
    members_with_digests(world, 5)
    DigestChoice.objects.update(covered_until=timezone.now() - timedelta(days=8))
    updates.post_update(act("steering"), title="Weekly news", body="x")
    mail.outbox.clear()
    assert [len(p) for _c, p in selectors.due_batches()] == [2, 2, 1]
    assert tasks.schedule_digests() is True
    assert tasks.schedule_digests() is False  # one run waiting is enough
    run_queued_tasks()  # the update's own e-mails too: the chair and the member get them
    readers = [m for m in mail.outbox if m.to[0].startswith("reader")]
    assert sorted(m.to[0] for m in readers) == [f"reader{n}@example.org" for n in range(5)]
    assert all("Your digest: 1 update" in m.subject for m in readers)
    assert selectors.due_batches() == []


@pytest.mark.parametrize("role", ["member", "chair", "steering", "admin", "custodian"])
def test_the_batch_reading_of_requests_agrees_with_the_page(world, act, pseudonym, role):
    for who, topic in (("member", "media"), ("chair", "media"), ("steering", "research")):
        expertise.add_entry(act(who), side="offer", kind="skill", topic=topic, text="We can")
    pseudo = actor_for(pseudonym, world.coalition)
    for asker, topic in ((pseudo, "media"), (act("steering"), "media"), (act("chair"), "research")):
        expertise.post_request(asker, topic=topic, text="Help")
    actor = act(role)
    since = timezone.now() - timedelta(days=1)
    batch = expertise_selectors.requests_reaching({"x": actor}, {"x": since})["x"]
    page = expertise_selectors.requests_for(actor, since)
    assert [r.item.id for r in batch] == [r.id for r in page]
