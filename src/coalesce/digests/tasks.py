"""Digests on a schedule, run by the task worker (django-tasks).

The worker queues ``send_due_digests_task`` when it starts (``schedule_digests``,
registered with ``core.schedule``); each run queues one ``send_digest_batch`` per batch of
members whose digest is due, then queues itself again ``EVERY`` later.
``coalesce send_digests`` does the same by hand, at once.
"""

from datetime import timedelta

from django_tasks import task

from coalesce.core import schedule
from coalesce.digests import selectors, services

EVERY = timedelta(minutes=15)


@task()
def send_digest_batch(coalition_id: int, person_ids: list[int]) -> int:
    return services.send_batch(coalition_id, person_ids)


@task()
def send_due_digests_task() -> int:
    """Queue a batch task for every batch of digests due; returns how many batches."""
    try:
        batches = selectors.due_batches()
        for coalition_id, person_ids in batches:
            send_digest_batch.enqueue(coalition_id, person_ids)
        return len(batches)
    finally:
        schedule_digests(after=EVERY)


def schedule_digests(after: timedelta = timedelta(0)) -> bool:
    return schedule.queue_unless_waiting(send_due_digests_task, after)
