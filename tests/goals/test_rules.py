"""The roll-ups as pure functions: every roll-up equals the formula its page shows, and
percentages are Σ numerators / Σ denominators, never the mean of percentages."""

import ast
from decimal import Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from coalesce.goals import rules
from coalesce.goals.rules import Measure, PeriodFigures

CENTS = st.integers(0, 10**6).map(lambda n: Decimal(n).scaleb(-2))
POSITIVE = st.integers(1, 10**6).map(lambda n: Decimal(n).scaleb(-2))


def evaluate(formula: str) -> Fraction:
    """The left side of a shown formula, evaluated exactly and independently of ``rules``:
    its numbers as fractions, × and ÷ as they read."""
    left, _sep, _shown = formula.rpartition(" = ")
    tree = ast.parse(left.replace("×", "*").replace("÷", "/"), mode="eval")

    def walk(node):
        if isinstance(node, ast.Expression):
            return walk(node.body)
        if isinstance(node, ast.BinOp):
            a, b = walk(node.left), walk(node.right)
            return {ast.Add: a + b, ast.Mult: a * b, ast.Div: a / b if b else None}[type(node.op)]
        if isinstance(node, ast.Constant):
            return Fraction(str(node.value))
        raise AssertionError(f"unexpected {ast.dump(node)} in {formula}")

    return walk(tree)


def shown_percent(formula: str) -> str:
    return formula.rpartition(" = ")[2]


@st.composite
def number_periods(draw):
    rows = draw(
        st.lists(st.tuples(st.one_of(st.none(), POSITIVE), st.lists(CENTS, max_size=3)), max_size=5)
    )
    return [
        PeriodFigures(
            None if target is None else Measure(value=target),
            rules.period_actual("number", [Measure(value=v) for v in actuals]),
        )
        for target, actuals in rows
    ]


@st.composite
def fraction_measure(draw, positive=False):
    den = draw(POSITIVE)
    num = draw(
        st.integers(1 if positive else 0, int(den * 100)).map(lambda n: Decimal(n).scaleb(-2))
    )
    return Measure(numerator=num, denominator=den)


@st.composite
def percentage_periods(draw):
    rows = draw(
        st.lists(
            st.tuples(
                st.one_of(st.none(), fraction_measure(positive=True)),
                st.lists(fraction_measure(), max_size=3),
            ),
            max_size=5,
        )
    )
    return [PeriodFigures(t, rules.period_actual("percentage", a)) for t, a in rows]


def check(rollup):
    if rollup.value is None:
        assert rollup.formula == ""
        return
    assert evaluate(rollup.formula) == rollup.value
    assert shown_percent(rollup.formula) == rules.percent(rollup.value)


@given(number_periods())
def test_a_number_indicator_equals_its_formula(periods):
    rollup = rules.indicator_progress("number", periods)
    check(rollup)
    counted = [p for p in periods if p.target]
    if counted:
        actual = sum((p.actual.value for p in counted if p.actual), Decimal(0))
        assert rollup.value == Fraction(actual) / Fraction(sum(p.target.value for p in counted))


@given(percentage_periods())
def test_a_percentage_indicator_equals_its_formula(periods):
    rollup = rules.indicator_progress("percentage", periods)
    check(rollup)


@given(
    st.lists(
        st.tuples(st.integers(1, 100), st.one_of(number_periods(), percentage_periods())),
        max_size=5,
    )
)
def test_a_goal_equals_its_formula_and_caps_each_indicator_at_one(indicators):
    pairs = []
    for weight, periods in indicators:
        kind = "percentage" if any(p.target and p.target.denominator for p in periods) else "number"
        if any(p.target and p.target.value is not None for p in periods):
            kind = "number"
        pairs.append((weight, rules.indicator_progress(kind, periods)))
    rollup = rules.goal_progress(pairs)
    check(rollup)
    if rollup.value is not None:
        assert 0 <= rollup.value <= 1


def test_the_briefs_example():
    three_quarters = rules.Rollup(Fraction(3, 4), "")
    half = rules.Rollup(Fraction(1, 2), "")
    rollup = rules.goal_progress([(1, three_quarters), (2, half)])
    assert rollup.formula == "(1×3/4 + 2×1/2) / 3 = 58.3 %"
    assert rollup.value == Fraction(7, 12)


def test_percentages_are_summed_not_averaged():
    """1 of 2 and 1 of 10: 2/12 = 16.7 %, not the mean of 50 % and 10 % (30 %)."""
    actual = rules.period_actual(
        "percentage",
        [
            Measure(numerator=Decimal(1), denominator=Decimal(2)),
            Measure(numerator=Decimal(1), denominator=Decimal(10)),
        ],
    )
    assert rules.ratio("percentage", actual) == Fraction(2, 12)
    periods = [
        PeriodFigures(
            Measure(numerator=Decimal(1), denominator=Decimal(1)),
            rules.period_actual(
                "percentage", [Measure(numerator=Decimal(1), denominator=Decimal(2))]
            ),
        ),
        PeriodFigures(
            Measure(numerator=Decimal(1), denominator=Decimal(1)),
            rules.period_actual(
                "percentage", [Measure(numerator=Decimal(1), denominator=Decimal(10))]
            ),
        ),
    ]
    rollup = rules.indicator_progress("percentage", periods)
    assert rollup.value == Fraction(2, 12)
    assert rollup.value != Fraction(3, 10)
    assert rollup.percent == "16.7 %"


def test_an_indicator_over_its_target_counts_as_one_in_the_goal():
    over = rules.indicator_progress(
        "number", [PeriodFigures(Measure(value=Decimal(2)), Measure(value=Decimal(5)))]
    )
    assert over.value == Fraction(5, 2)
    assert rules.goal_progress([(1, over)]).value == 1


def test_no_target_no_rollup():
    assert rules.indicator_progress("number", [PeriodFigures(None, None)]).value is None
    assert rules.goal_progress([(1, rules.Rollup(None, ""))]).value is None
