"""Work the task worker keeps on a schedule.

An app registers a starter (``register(starter)``, from its ``AppConfig.ready``); the
task worker (``core.worker``) calls every starter once when it starts, before it runs
tasks. A starter queues its first task; the task queues the next one itself (see
``decisions.tasks.schedule_closing``), so the schedule lives in the queue, and one worker
per data folder keeps it.
"""

from collections.abc import Callable

_starters: list[Callable[[], object]] = []


def register(starter: Callable[[], object]) -> None:
    if starter not in _starters:
        _starters.append(starter)


def start_all() -> None:
    for starter in _starters:
        starter()
