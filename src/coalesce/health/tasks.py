"""Emptying the pools of health checks that ended by date, run by the task worker.

The worker queues ``release_task`` when it starts (``schedule_release``, registered with
``core.schedule``); each run releases the sealed answers of every wave past its closing
date (``services.release_ended_waves``), then queues itself again ``EVERY`` later. Until
then the results count the sealed answers too, so nothing waits on it but the storage.
"""

from datetime import timedelta

from django_tasks import task

from coalesce.core import schedule
from coalesce.health import services

EVERY = timedelta(hours=1)


@task()
def release_task() -> int:
    try:
        return services.release_ended_waves()
    finally:
        schedule_release(after=EVERY)


def schedule_release(after: timedelta = timedelta(0)) -> bool:
    return schedule.queue_unless_waiting(release_task, after)
