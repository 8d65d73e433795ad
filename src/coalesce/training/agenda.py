"""Fitting a module to the time available: the agenda planner's rule.

``fit`` chooses which "less time" and "more time" adaptations to apply so the module
fills as much of the available time as possible without going over, and lays the
items out with clock times. ``refit`` does the same for what is left of a live session
when a part ran over. Pure functions over the module data; no database.

INTERFACE (kept stable for the pages, printables and API that use it):

    fit(module, available_minutes, *, start=None, breaks=(), overrides=None) -> Agenda
    refit(agenda, done_item_ids, minutes_used, ...) -> Agenda
    CannotFit: a DomainError saying why (e.g. shorter than the shortest version)

The rule
--------

* Teaching time = available minutes − the minutes of the breaks.
* Base time = the sum of the items' minutes, where a facilitator's ``minutes`` override
  replaces an item's own minutes.
* Base ≤ teaching time: add "more" adaptations so the total is as large as possible
  without exceeding the teaching time (a subset sum). Base > teaching time: apply
  "less" adaptations so the total is as large as possible but not above it. Every
  item keeps at least one minute, whatever is applied to it.
* Ties: fewer adaptations first, then the earliest in the module's order (the subset
  whose sorted positions in ``module.adaptations`` come first lexicographically).
* If even every usable "less" adaptation leaves it too long: ``CannotFit`` giving the
  shortest possible length (breaks included). Available minutes must be 1–720.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import combinations

from django.utils.translation import gettext as _

from coalesce.core.errors import DomainError
from coalesce.training.limits import (  # noqa: F401 — re-exported
    MAX_AVAILABLE,
    MAX_BREAK_MINUTES,
    MAX_ITEM_MINUTES,
    MAX_NOTE,
    MAX_VIDEO,
)
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
    base_minutes: int = 0  # the item's minutes before adaptations (after an override)
    note: str = ""  # the facilitator's local note (an override)
    video: str = ""  # a local video to use (an override)
    overridden: bool = False  # the item's minutes were overridden
    break_end: datetime | None = None  # when the break after it ends


@dataclass(frozen=True)
class Agenda:
    module: Module
    available_minutes: int
    slots: tuple[Slot, ...]
    applied: tuple[Adaptation, ...]
    spare_minutes: int
    total_minutes: int  # teaching time plus breaks
    notes: tuple[str, ...] = field(default_factory=tuple)
    base_minutes: int = 0  # teaching time before adaptations (overrides included)
    break_minutes: int = 0
    start: datetime | None = None
    end: datetime | None = None
    # The inputs, kept so that ``refit`` can carry them over.
    breaks: tuple[Break, ...] = ()
    overrides: Mapping = field(default_factory=dict, compare=False)

    @property
    def teaching_minutes(self) -> int:
        return self.total_minutes - self.break_minutes


# --- input ---------------------------------------------------------------------------


def _check_available(available_minutes) -> int:
    if isinstance(available_minutes, bool) or not isinstance(available_minutes, int):
        raise CannotFit(_("The time available must be a whole number of minutes."),
                        field="available_minutes")  # fmt: skip
    if available_minutes <= 0:
        raise CannotFit(
            _("The time available must be at least 1 minute."), field="available_minutes"
        )
    if available_minutes > MAX_AVAILABLE:
        raise CannotFit(
            _("The time available can be at most %(max)d minutes (12 hours).")
            % {"max": MAX_AVAILABLE},
            field="available_minutes",
        )
    return available_minutes


def normalise_breaks(breaks: Iterable, item_ids: Iterable[str]) -> tuple[Break, ...]:
    """Breaks as ``Break`` (or mappings with after_item, minutes, label); checked."""
    known = set(item_ids)
    found = []
    for entry in breaks or ():
        if isinstance(entry, Mapping):
            try:
                entry = Break(
                    after_item=str(entry["after_item"]),
                    minutes=entry["minutes"],
                    label=str(entry.get("label") or "Break"),
                )
            except KeyError as error:
                raise DomainError(
                    _("Each break needs an item to follow and its minutes."), field="breaks"
                ) from error
        if not isinstance(entry, Break):
            raise DomainError(_("A break is not in the expected form."), field="breaks")
        if entry.after_item not in known:
            raise DomainError(
                _("A break follows an item that is not in this module: %(item)s.")
                % {"item": entry.after_item},
                field="breaks",
            )
        minutes = entry.minutes
        if (
            isinstance(minutes, bool)
            or not isinstance(minutes, int)
            or not 1 <= minutes <= MAX_BREAK_MINUTES
        ):
            raise DomainError(
                _("A break lasts from 1 to %(max)d minutes.") % {"max": MAX_BREAK_MINUTES},
                field="breaks",
            )
        found.append(entry)
    return tuple(found)


def normalise_overrides(overrides: Mapping | None, item_ids: Iterable[str]) -> dict:
    """``{item_id: {"minutes": int, "note": str, "video": str}}``, checked; empty parts
    dropped."""
    known = set(item_ids)
    clean = {}
    for item_id, change in (overrides or {}).items():
        if item_id not in known:
            raise DomainError(
                _("A local change names an item that is not in this module: %(item)s.")
                % {"item": item_id},
                field="overrides",
            )
        if not isinstance(change, Mapping):
            raise DomainError(_("A local change is not in the expected form."), field="overrides")
        unknown = set(change) - {"minutes", "note", "video"}
        if unknown:
            raise DomainError(
                _("A local change may set only minutes, note and video."), field="overrides"
            )
        entry = {}
        minutes = change.get("minutes")
        if minutes is not None:
            if isinstance(minutes, bool) or not isinstance(minutes, int):
                raise DomainError(_("Minutes must be a whole number."), field="minutes")
            if not 1 <= minutes <= MAX_ITEM_MINUTES:
                raise DomainError(
                    _("An item lasts from 1 to %(max)d minutes.") % {"max": MAX_ITEM_MINUTES},
                    field="minutes",
                )
            entry["minutes"] = minutes
        for key, limit in (("note", MAX_NOTE), ("video", MAX_VIDEO)):
            value = change.get(key) or ""
            if not isinstance(value, str):
                raise DomainError(_("This must be text."), field=key)
            value = value.strip()
            if len(value) > limit:
                raise DomainError(
                    _("At most %(max)d characters.") % {"max": limit},
                    field=key,
                )
            if value:
                entry[key] = value
        if entry:
            clean[item_id] = entry
    return clean


# --- choosing adaptations ------------------------------------------------------------


def _choices(entries, base: dict, adaptations: list[tuple[int, Adaptation]], kind: str):
    """Every reachable change in minutes → the preferred set of adaptation positions.

    ``entries`` are the items being fitted; an item's adaptations are combined per item
    so that "less" never takes an item below one minute. The preferred set for a change
    is the one with fewest adaptations, then the earliest positions (lexicographic on
    the sorted positions: merging with a disjoint set keeps that order, so keeping only
    the best per change is enough).
    """
    best: dict[int, tuple[int, ...]] = {0: ()}
    for _section, item in entries:
        mine = [(i, a) for i, a in adaptations if a.item == item.id and a.kind == kind]
        if not mine:
            continue
        options = []
        for size in range(1, len(mine) + 1):
            for combo in combinations(mine, size):
                delta = sum(a.minutes for _i, a in combo)
                if kind == "less" and base[item.id] - delta < 1:
                    continue
                options.append((delta, tuple(i for i, _a in combo)))
        grown = dict(best)
        for delta_so_far, chosen in best.items():
            for delta, positions in options:
                total = delta_so_far + delta
                candidate = tuple(sorted(chosen + positions))
                current = grown.get(total)
                if current is None or (len(candidate), candidate) < (len(current), current):
                    grown[total] = candidate
        best = grown
    return best


def _shortest(entries, base, adaptations) -> int:
    savings = _choices(entries, base, adaptations, "less")
    return sum(base.values()) - max(savings)


def _choose(entries, base, adaptations, teaching: int) -> tuple[int, ...] | None:
    """Positions of the adaptations to apply, or None when it cannot fit."""
    total = sum(base.values())
    if total <= teaching:
        reachable = _choices(entries, base, adaptations, "more")
        delta = max(d for d in reachable if total + d <= teaching)
        return reachable[delta]
    reachable = _choices(entries, base, adaptations, "less")
    fitting = [d for d in reachable if total - d <= teaching]
    if not fitting:
        return None
    return reachable[min(fitting)]


# --- laying out ----------------------------------------------------------------------


def _breaks_after(breaks: tuple[Break, ...]) -> dict[str, Break]:
    """Item id → the break after it; several breaks after one item run as one."""
    breaks_after = {}
    for b in breaks:
        if b.after_item in breaks_after:
            first = breaks_after[b.after_item]
            b = Break(b.after_item, first.minutes + b.minutes, first.label)
        breaks_after[b.after_item] = b
    return breaks_after


def _lay_out(entries, base, applied, breaks_after, overrides, start) -> list[Slot]:
    """The slots in order, each with its minutes after adaptations and, given a start,
    its clock times (a break after an item pushes the next one back)."""
    slots = []
    clock = start
    for section, item in entries:
        mine = tuple(a for a in applied if a.item == item.id)
        minutes = base[item.id] + sum(a.minutes if a.kind == "more" else -a.minutes for a in mine)
        pause = breaks_after.get(item.id)
        end = clock + timedelta(minutes=minutes) if clock is not None else None
        break_end = end + timedelta(minutes=pause.minutes) if pause and end is not None else None
        change = overrides.get(item.id, {})
        slots.append(
            Slot(
                section=section,
                item=item,
                minutes=minutes,
                adaptations=mine,
                start=clock,
                end=end,
                break_after=pause,
                base_minutes=base[item.id],
                note=change.get("note", ""),
                video=change.get("video", ""),
                overridden="minutes" in change,
                break_end=break_end,
            )
        )
        if clock is not None:
            clock = break_end or end
    return slots


def _plan(
    module: Module,
    entries: list[tuple[Section, Item]],
    available: int,
    *,
    start,
    breaks: tuple[Break, ...],
    overrides: dict,
    too_long,
) -> Agenda:
    base = {
        item.id: overrides.get(item.id, {}).get("minutes", item.minutes) for _s, item in entries
    }
    ids = set(base)
    breaks = tuple(b for b in breaks if b.after_item in ids)
    break_minutes = sum(b.minutes for b in breaks)
    adaptations = [(i, a) for i, a in enumerate(module.adaptations) if a.item in ids]
    teaching = available - break_minutes
    chosen = _choose(entries, base, adaptations, teaching) if teaching > 0 else None
    if chosen is None:
        shortest = _shortest(entries, base, adaptations) + break_minutes
        raise CannotFit(too_long(shortest), field="available_minutes")
    applied = tuple(module.adaptations[i] for i in chosen)
    slots = _lay_out(entries, base, applied, _breaks_after(breaks), overrides, start)
    teaching_total = sum(s.minutes for s in slots)
    total = teaching_total + break_minutes
    notes = []
    if not applied:
        notes.append(_("The module runs as written."))
    return Agenda(
        module=module,
        available_minutes=available,
        slots=tuple(slots),
        applied=applied,
        spare_minutes=available - total,
        total_minutes=total,
        notes=tuple(notes),
        base_minutes=sum(base.values()),
        break_minutes=break_minutes,
        start=start,
        end=start + timedelta(minutes=total) if start is not None else None,
        breaks=breaks,
        overrides=overrides,
    )


def _check_start(start):
    if start is not None and not isinstance(start, datetime):
        raise DomainError(_("The start must be a date and time."), field="start")
    return start


def fit(module: Module, available_minutes: int, *, start=None, breaks=(), overrides=None):
    """Fit ``module`` to ``available_minutes`` (1–720); see the module's docstring."""
    available = _check_available(available_minutes)
    start = _check_start(start)
    entries = [(section, item) for section in module.sections for item in section.items]
    ids = [item.id for _s, item in entries]
    breaks = normalise_breaks(breaks, ids)
    overrides = normalise_overrides(overrides, ids)

    def too_long(shortest):
        return _("This module needs at least %(minimum)d minutes; you have %(available)d.") % {
            "minimum": shortest,
            "available": available,
        }

    return _plan(
        module, entries, available, start=start, breaks=breaks, overrides=overrides,
        too_long=too_long,
    )  # fmt: skip


def refit(agenda: Agenda, done_item_ids, minutes_used: int, now=None) -> Agenda:
    """Re-fit the items not yet done to the time left (available − ``minutes_used``).

    Breaks after done items are taken to be part of ``minutes_used``. The clock starts
    at ``now`` if given, otherwise ``minutes_used`` after the agenda's start.
    """
    module = agenda.module
    entries = [(section, item) for section in module.sections for item in section.items]
    ids = {item.id for _s, item in entries}
    done = set(done_item_ids or ())
    unknown = done - ids
    if unknown:
        raise DomainError(
            _("These items are not in this module: %(items)s.")
            % {"items": ", ".join(sorted(unknown))},
            field="done_item_ids",
        )
    if isinstance(minutes_used, bool) or not isinstance(minutes_used, int) or minutes_used < 0:
        raise DomainError(
            _("Minutes used must be a whole number, 0 or more."), field="minutes_used"
        )
    left = agenda.available_minutes - minutes_used
    if left <= 0:
        raise CannotFit(
            _("No time is left: %(used)d of %(available)d minutes are used.")
            % {"used": minutes_used, "available": agenda.available_minutes},
            field="minutes_used",
        )
    now = _check_start(now)
    if now is None and agenda.start is not None:
        now = agenda.start + timedelta(minutes=minutes_used)
    rest = [(s, item) for s, item in entries if item.id not in done]

    def too_long(shortest):
        return _(
            "The rest of the module needs at least %(minimum)d minutes; %(left)d are left, "
            "%(over)d too few."
        ) % {"minimum": shortest, "left": left, "over": shortest - left}

    return _plan(
        module, rest, left, start=now, breaks=agenda.breaks, overrides=dict(agenda.overrides),
        too_long=too_long,
    )  # fmt: skip


def shortest_minutes(module: Module, *, breaks=(), overrides=None) -> int:
    """The shortest the module can run (every usable "less" adaptation, breaks included)."""
    entries = [(section, item) for section in module.sections for item in section.items]
    ids = [item.id for _s, item in entries]
    breaks = normalise_breaks(breaks, ids)
    overrides = normalise_overrides(overrides, ids)
    base = {
        item.id: overrides.get(item.id, {}).get("minutes", item.minutes) for _s, item in entries
    }
    adaptations = list(enumerate(module.adaptations))
    return _shortest(entries, base, adaptations) + sum(b.minutes for b in breaks)
