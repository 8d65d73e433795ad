"""The rules of digests, plain functions: when a digest is due, and how its updates
are grouped. No database here; ``tests/digests/test_rules.py`` holds them."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

PERIODS = {"daily": timedelta(days=1), "weekly": timedelta(days=7)}
# A run a little early still counts, so that a digest does not slip by a whole period
# when the worker's runs drift.
SLACK = timedelta(hours=1)


def due_if_covered_before(frequency: str, now: datetime) -> datetime | None:
    """A digest of ``frequency`` is due when it has covered no later than this (None:
    never due)."""
    period = PERIODS.get(frequency)
    return None if period is None else now - period + SLACK


def is_due(frequency: str, covered_until: datetime, now: datetime) -> bool:
    limit = due_if_covered_before(frequency, now)
    return limit is not None and covered_until <= limit


@dataclass
class Section:
    """The updates of one audience: the whole coalition (``committee`` None) or one
    committee, by name."""

    committee: str | None
    items: list = field(default_factory=list)


def by_committee(items, committee_of) -> list[Section]:
    """Group ``items`` (in their order) by ``committee_of(item)`` (a name, or None for the
    whole coalition): the whole coalition first, then the committees by name; no empty
    section."""
    sections: dict[str | None, Section] = {}
    for item in items:
        name = committee_of(item)
        sections.setdefault(name, Section(name)).items.append(item)
    return sorted(sections.values(), key=lambda s: (s.committee is not None, s.committee or ""))
