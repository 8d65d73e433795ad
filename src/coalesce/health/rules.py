"""The health check's arithmetic, as pure functions of tallies (no database).

A ``Cell`` is the tally of one item's answers in one group of responses (steering
committee or not × organisation size): the sum of its raw scores and their number. Every
response answers every item, so a cell's ``count`` is also its number of responses.

- A theme's score is the mean of its items' scores over the responses, a reverse-scored
  item counting as 6 − its answer: Σ adjusted totals ÷ Σ counts.
- **Withholding**: a score over fewer than ``MIN_ANSWERS`` responses is withheld (no
  number). A breakdown (steering vs others; small vs large vs "prefer not to say") is
  shown only when *every* group of it has either no response or at least
  ``MIN_ANSWERS``: otherwise the whole breakdown is withheld, because the overall score
  minus the groups shown would give away the small group's answers.
- The change since the last wave and the gaps between groups are shown only when both
  scores they subtract are shown.
- A theme is of concern when its score is shown and at most ``CONCERN_SCORE``, or has
  fallen by at least ``CONCERN_FALL`` since the last wave.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from coalesce.health.limits import CONCERN_FALL, CONCERN_SCORE, MAX_SCORE, MIN_ANSWERS, MIN_SCORE

GROUPS = {
    "steering": lambda cell: cell.is_steering,
    "others": lambda cell: not cell.is_steering,
    "small": lambda cell: cell.size == "small",
    "large": lambda cell: cell.size == "large",
    "unstated": lambda cell: cell.size == "unstated",
}
BREAKDOWNS = {"role": ("steering", "others"), "size": ("small", "large", "unstated")}
GAPS = {"role": ("steering", "others"), "size": ("small", "large")}
TWO_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class Cell:
    is_steering: bool
    size: str
    item: str
    total: int
    count: int


@dataclass(frozen=True)
class Score:
    """A mean (or a difference of two), shown as ``value``; None when withheld."""

    exact: Fraction | None
    answers: int

    @property
    def withheld(self) -> bool:
        return self.exact is None

    @property
    def value(self) -> Decimal | None:
        return None if self.exact is None else rounded(self.exact)


WITHHELD = Score(None, 0)


@dataclass
class ThemeResult:
    theme: str
    score: Score
    change: Score = WITHHELD
    groups: dict = field(default_factory=dict)  # group key → Score
    gaps: dict = field(default_factory=dict)  # "role" / "size" → Score (first − second)

    @property
    def concern(self) -> bool:
        if self.score.withheld:
            return False
        falling = not self.change.withheld and self.change.exact <= -Fraction(CONCERN_FALL)
        return self.score.exact <= Fraction(CONCERN_SCORE) or falling


def rounded(value: Fraction) -> Decimal:
    """Half up to two places, from the exact fraction."""
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(
        TWO_PLACES, rounding=ROUND_HALF_UP
    )


def adjusted(cell: Cell, reversed_items) -> int:
    """The cell's total with a reverse-scored item counted as (6 − score) per answer."""
    if cell.item in reversed_items:
        return (MIN_SCORE + MAX_SCORE) * cell.count - cell.total
    return cell.total


def responses(cells) -> int:
    """How many responses ``cells`` tally: per group, the count of any one item."""
    per_group: dict = {}
    for cell in cells:
        key = (cell.is_steering, cell.size)
        per_group[key] = max(per_group.get(key, 0), cell.count)
    return sum(per_group.values())


def score(cells, theme, theme_of, reversed_items, *, shown=True) -> Score:
    """The theme's mean over ``cells``, withheld under ``MIN_ANSWERS`` responses."""
    mine = [cell for cell in cells if theme_of.get(cell.item) == theme]
    answers = responses(mine)
    count = sum(cell.count for cell in mine)
    if not shown or answers < MIN_ANSWERS or not count:
        return Score(None, answers)
    return Score(Fraction(sum(adjusted(c, reversed_items) for c in mine), count), answers)


def difference(first: Score, second: Score) -> Score:
    if first.withheld or second.withheld:
        return Score(None, min(first.answers, second.answers))
    return Score(first.exact - second.exact, min(first.answers, second.answers))


def breakdown_shown(cells, groups) -> bool:
    """Every group has no response or at least ``MIN_ANSWERS``."""
    for group in groups:
        n = responses([cell for cell in cells if GROUPS[group](cell)])
        if 0 < n < MIN_ANSWERS:
            return False
    return True


def summarise(cells, themes, theme_of, reversed_items, previous=None) -> list[ThemeResult]:
    """Each theme's result: its score, change since ``previous`` (that wave's cells, or
    None), the groups' scores and the gaps between them, all withheld as the module says."""
    cells = list(cells)
    shown = {name: breakdown_shown(cells, groups) for name, groups in BREAKDOWNS.items()}
    results = []
    for theme in themes:
        result = ThemeResult(theme, score(cells, theme, theme_of, reversed_items))
        if previous is not None:
            before = score(previous, theme, theme_of, reversed_items)
            result.change = difference(result.score, before)
        for name, groups in BREAKDOWNS.items():
            for group in groups:
                mine = [cell for cell in cells if GROUPS[group](cell)]
                result.groups[group] = score(
                    mine, theme, theme_of, reversed_items, shown=shown[name]
                )
        for name, (first, second) in GAPS.items():
            result.gaps[name] = difference(result.groups[first], result.groups[second])
        results.append(result)
    return results
