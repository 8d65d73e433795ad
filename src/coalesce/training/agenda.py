"""Fitting a module to the time available: the agenda planner's rule.

``fit`` chooses which "less time" and "more time" adaptations to apply so the module
fills as much of the available time as possible without going over, and lays the
items out with clock times. ``refit`` does the same for what is left of a live session
when a part ran over. Pure functions over the module data; no database.

INTERFACE (kept stable for the pages, printables and API that use it):

    fit(module, available_minutes, *, start=None, breaks=(), overrides=None) -> Agenda
    refit(agenda, done_item_ids, minutes_used, ...) -> Agenda
    CannotFit: a DomainError saying why (e.g. shorter than the shortest version)
"""

from dataclasses import dataclass, field
from datetime import datetime

from coalesce.core.errors import DomainError
from coalesce.training.schema import Adaptation, Item, Module, Section


class CannotFit(DomainError):
    pass


@dataclass(frozen=True)
class Break:
    after_item: str  # item id the break follows
    minutes: int
    label: str = "Break"


@dataclass(frozen=True)
class Slot:
    section: Section
    item: Item
    minutes: int  # after adaptations and overrides
    adaptations: tuple[Adaptation, ...] = ()  # applied to this item
    start: datetime | None = None
    end: datetime | None = None
    break_after: Break | None = None


@dataclass(frozen=True)
class Agenda:
    module: Module
    available_minutes: int
    slots: tuple[Slot, ...]
    applied: tuple[Adaptation, ...]
    spare_minutes: int
    total_minutes: int  # teaching time plus breaks
    notes: tuple[str, ...] = field(default_factory=tuple)


def fit(module: Module, available_minutes: int, *, start=None, breaks=(), overrides=None):
    raise NotImplementedError  # implemented by the agenda-planner work
