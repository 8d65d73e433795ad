"""What upper layers show on a goal's page: goals cannot import ``groundwork``, so
``groundwork`` registers a reader in its ``AppConfig.ready()`` that lists the
challenges (and strategies) of its register linked to a goal."""

from dataclasses import dataclass

_READERS = []


@dataclass(frozen=True)
class Linked:
    """One thing linked to a goal, as its reader may see it."""

    kind: str  # "challenge"
    id: int
    label: str
    detail: str
    status: str


def register_goal_links(reader) -> None:
    """``reader(actor, goal_ids) -> {goal_id: [Linked, …]}``, asked once per page."""
    if reader not in _READERS:
        _READERS.append(reader)


def linked(actor, goal_ids) -> dict[int, list[Linked]]:
    found: dict[int, list[Linked]] = {}
    for reader in _READERS:
        for goal_id, rows in reader(actor, list(goal_ids)).items():
            found.setdefault(goal_id, []).extend(rows)
    return found


@dataclass(frozen=True)
class Origin:
    """Where a task came from (the meeting whose minutes made it), with its page."""

    label: str
    url: str


_ORIGINS = []


def register_task_origins(reader) -> None:
    """``reader(actor, task_ids) -> {task_id: Origin}``, asked once per list of tasks
    (``meetings`` fills it: the minutes an action was written in)."""
    if reader not in _ORIGINS:
        _ORIGINS.append(reader)


def task_origins(actor, task_ids) -> dict[int, Origin]:
    found: dict[int, Origin] = {}
    for reader in _ORIGINS:
        found.update(reader(actor, list(task_ids)))
    return found
