"""The roll-ups of goals as pure, exact functions (no database, no floats).

A measure is a ``Decimal`` value (number indicators) or a numerator and a denominator
(percentage indicators). Every roll-up returns a ``Rollup``: its exact ``value`` (a
``Fraction``, or None when there is nothing to roll up), the ``formula`` with the actual
numbers that the page and the API show ("(1×3/4 + 2×1/2) / 3 = 58.3 %"), and the
structured ``terms`` it was computed from. ``tests/goals/test_rules.py`` evaluates each
shown formula independently and checks it equals the value.

* a period's actual: Σ approved values (number), Σ numerators / Σ denominators
  (percentage) — never the mean of percentages;
* an indicator's progress: Σ actual / Σ target over the periods with a target
  (number); (Σ num / Σ den of the actuals) / (Σ num / Σ den of the targets) over those
  periods (percentage);
* a goal's progress: Σ wᵢ·min(progressᵢ, 1) / Σ wᵢ over the indicators with a target.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

NUMBER = "number"
PERCENTAGE = "percentage"


@dataclass(frozen=True)
class Measure:
    """A value (number) or numerator/denominator (percentage); None parts are absent."""

    value: Decimal | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None


@dataclass(frozen=True)
class Rollup:
    value: Fraction | None
    formula: str
    terms: tuple = ()

    @property
    def percent(self) -> str:
        return percent(self.value)


def percent(value: Fraction | None) -> str:
    """A fraction as a percentage with one decimal place, rounded half up ("58.3 %")."""
    if value is None:
        return "—"
    shown = (Decimal(value.numerator) * 100 / Decimal(value.denominator)).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )
    return f"{shown} %"


def number(value) -> str:
    """A Decimal without trailing zeros ("3", "2.5"), a Fraction as "3/4"."""
    if isinstance(value, Fraction):
        return str(value)
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def _sum_text(values) -> str:
    parts = [number(v) for v in values]
    return parts[0] if len(parts) == 1 else "(" + " + ".join(parts) + ")"


def period_actual(kind: str, approved) -> Measure | None:
    """The actual of a period from its approved updates' measures (None: none yet)."""
    approved = list(approved)
    if not approved:
        return None
    if kind == NUMBER:
        return Measure(value=sum((m.value for m in approved), Decimal(0)))
    return Measure(
        numerator=sum((m.numerator for m in approved), Decimal(0)),
        denominator=sum((m.denominator for m in approved), Decimal(0)),
    )


def ratio(kind: str, measure: Measure | None) -> Fraction | None:
    """A measure as one exact number: the value, or numerator / denominator."""
    if measure is None:
        return None
    if kind == NUMBER:
        return Fraction(measure.value)
    if not measure.denominator:
        return None
    return Fraction(measure.numerator) / Fraction(measure.denominator)


def measure_text(kind: str, measure: Measure | None) -> str:
    """A measure as shown: "12.5", or "3/4 (75.0 %)"."""
    if measure is None:
        return "—"
    if kind == NUMBER:
        return number(measure.value)
    shown = f"{number(measure.numerator)}/{number(measure.denominator)}"
    return f"{shown} ({percent(ratio(kind, measure))})"


@dataclass(frozen=True)
class PeriodFigures:
    target: Measure | None
    actual: Measure | None


def indicator_progress(kind: str, periods) -> Rollup:
    """Progress of an indicator over its periods (``PeriodFigures``), with its formula."""
    counted = [p for p in periods if p.target is not None]
    if not counted:
        return Rollup(None, "", ())
    if kind == NUMBER:
        actuals = [p.actual.value if p.actual else Decimal(0) for p in counted]
        targets = [p.target.value for p in counted]
        value = Fraction(sum(actuals, Decimal(0))) / Fraction(sum(targets, Decimal(0)))
        formula = f"{_sum_text(actuals)} / {_sum_text(targets)}"
        return Rollup(value, f"{formula} = {percent(value)}", (tuple(actuals), tuple(targets)))
    nums = [p.actual.numerator if p.actual else Decimal(0) for p in counted]
    dens = [p.actual.denominator if p.actual else Decimal(0) for p in counted]
    tnums = [p.target.numerator for p in counted]
    tdens = [p.target.denominator for p in counted]
    terms = (tuple(nums), tuple(dens), tuple(tnums), tuple(tdens))
    if sum(dens, Decimal(0)) == 0:  # nothing approved yet: no progress
        return Rollup(Fraction(0), f"0 = {percent(Fraction(0))}", terms)
    actual = Fraction(sum(nums, Decimal(0))) / Fraction(sum(dens, Decimal(0)))
    target = Fraction(sum(tnums, Decimal(0))) / Fraction(sum(tdens, Decimal(0)))
    value = actual / target
    formula = f"({_sum_text(nums)} / {_sum_text(dens)}) / ({_sum_text(tnums)} / {_sum_text(tdens)})"
    return Rollup(value, f"{formula} = {percent(value)}", terms)


def goal_progress(indicators) -> Rollup:
    """Σ wᵢ·min(progressᵢ, 1) / Σ wᵢ over ``(weight, Rollup)`` pairs with a target."""
    counted = [(w, min(r.value, Fraction(1))) for w, r in indicators if r.value is not None]
    if not counted:
        return Rollup(None, "", ())
    total = sum(w for w, _p in counted)
    value = sum((w * p for w, p in counted), Fraction(0)) / total
    inner = " + ".join(f"{w}×{number(p)}" for w, p in counted)
    formula = f"({inner}) / {total} = {percent(value)}"
    return Rollup(value, formula, tuple(counted))
