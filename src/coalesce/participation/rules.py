"""Pure rules of a member's part: whether its counts meet the coalition's expectations
(and why), whether it took no part at all, and the periods a page shows. No database."""

import calendar
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from django.utils.translation import gettext as _


class Standing(StrEnum):
    MET = "met"
    BELOW = "below"
    NOT_APPLICABLE = "not_applicable"


@dataclass(frozen=True)
class Assessment:
    standing: Standing
    reason: str


def meets(done: int, of: int, minimum_percent: int) -> bool:
    """Whether ``done`` of ``of`` is at least ``minimum_percent`` per cent, exactly, in
    whole numbers (1 of 3 is 33.3 %: it meets 33 % and is below 34 %)."""
    return done * 100 >= minimum_percent * of


def assess(done: int, of: int, minimum_percent: int) -> Assessment:
    """``done`` of ``of`` against an expected share (0: no expectation)."""
    if done < 0 or of < 0 or done > of:
        raise ValueError("counts must satisfy 0 <= done <= of")
    if minimum_percent <= 0:
        return Assessment(Standing.NOT_APPLICABLE, _("No share is expected."))
    if of == 0:
        return Assessment(Standing.NOT_APPLICABLE, _("Nothing to take part in during the period."))
    shown = {"done": done, "of": of, "min": minimum_percent}
    if meets(done, of, minimum_percent):
        return Assessment(Standing.MET, _("%(done)d of %(of)d: at least %(min)d%%.") % shown)
    return Assessment(Standing.BELOW, _("%(done)d of %(of)d: under %(min)d%%.") % shown)


def overall(assessments) -> Standing:
    """Below if any is below; met if any is met; otherwise not applicable."""
    standings = {a.standing for a in assessments}
    if Standing.BELOW in standings:
        return Standing.BELOW
    if Standing.MET in standings:
        return Standing.MET
    return Standing.NOT_APPLICABLE


def took_no_part(*done: int) -> bool:
    """Zero in every column of what a member did (votes, meetings, tasks, contributions)."""
    return all(n == 0 for n in done)


def months_back(end: date, months: int) -> date:
    """The first day of the period of ``months`` whole months that ends on ``end``: the
    day after the same day ``months`` months earlier (clamped to the month's end)."""
    year, month = divmod(end.year * 12 + end.month - 1 - months, 12)
    month += 1
    day = min(end.day, calendar.monthrange(year, month)[1])
    start = date(year, month, day)
    return date.fromordinal(start.toordinal() + 1)


def month_starts(start: date, end: date) -> list[date]:
    """The first day of every calendar month the period ``start``..``end`` touches."""
    if end < start:
        return []
    found, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        found.append(date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


def month_of(day: date) -> date:
    return date(day.year, day.month, 1)
