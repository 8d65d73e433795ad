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
