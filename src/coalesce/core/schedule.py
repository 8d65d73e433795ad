"""Work the task worker keeps on a schedule.

An app registers a starter (``register(starter)``, from its ``AppConfig.ready``); the
task worker (``core.worker``) calls every starter once when it starts, before it runs
tasks. A starter queues its first task; the task queues the next one itself (see
``decisions.tasks.schedule_closing``), so the schedule lives in the queue, and one worker
per data folder keeps it.
"""

from collections.abc import Callable
from datetime import timedelta

_starters: list[Callable[[], object]] = []


def register(starter: Callable[[], object]) -> None:
    if starter not in _starters:
        _starters.append(starter)


def start_all() -> None:
    for starter in _starters:
        starter()


def queue_unless_waiting(task, after=None) -> bool:
    """Queue ``task`` to run ``after`` (a timedelta) from now, unless a run of it is
    already waiting; whether it queued one. Only a queue that can run a task later (the
    database backend) keeps a schedule: with an immediate backend each run would queue
    the next at once."""
    from django.utils import timezone
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    if not task.get_backend().supports_defer:
        return False
    waiting = DBTaskResult.objects.filter(task_path=task.module_path, status=TaskResultStatus.READY)
    if waiting.exists():
        return False
    task.using(run_after=timezone.now() + (after or timedelta(0))).enqueue()
    return True
