"""The pure rules: an assessment against an expected share, the overall standing, the
periods a page shows."""

from datetime import date, timedelta
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from coalesce.participation import rules
from coalesce.participation.rules import Standing

counts = st.integers(min_value=0, max_value=10_000).flatmap(
    lambda of: st.tuples(st.integers(min_value=0, max_value=of), st.just(of))
)
shares = st.integers(min_value=0, max_value=100)


@given(counts, shares)
def test_met_exactly_when_the_share_reaches_the_minimum(pair, minimum):
    done, of = pair
    found = rules.assess(done, of, minimum)
    if minimum == 0 or of == 0:
        assert found.standing == Standing.NOT_APPLICABLE
    else:
        reached = Fraction(done, of) >= Fraction(minimum, 100)
        assert found.standing == (Standing.MET if reached else Standing.BELOW)
    assert found.reason


@given(counts, shares)
def test_doing_more_never_makes_it_worse(pair, minimum):
    done, of = pair
    if done < of and rules.assess(done, of, minimum).standing == Standing.MET:
        assert rules.assess(done + 1, of, minimum).standing == Standing.MET


@given(st.integers(min_value=1, max_value=10_000), st.integers(min_value=1, max_value=100))
def test_doing_everything_meets_any_expectation(of, minimum):
    assert rules.assess(of, of, minimum).standing == Standing.MET
    assert rules.assess(0, of, minimum).standing == Standing.BELOW


def test_impossible_counts_are_refused():
    import pytest

    with pytest.raises(ValueError):
        rules.assess(3, 2, 50)


@given(st.lists(st.sampled_from(list(Standing)), max_size=4))
def test_overall_is_below_when_any_is_below(standings):
    found = rules.overall([rules.Assessment(s, "") for s in standings])
    if Standing.BELOW in standings:
        assert found == Standing.BELOW
    elif Standing.MET in standings:
        assert found == Standing.MET
    else:
        assert found == Standing.NOT_APPLICABLE


@given(st.lists(st.integers(min_value=0, max_value=5), min_size=1, max_size=4))
def test_no_part_means_zero_everywhere(done):
    assert rules.took_no_part(*done) == (sum(done) == 0)


@given(st.dates(min_value=date(2001, 1, 1), max_value=date(2098, 12, 31)), st.integers(1, 24))
def test_a_period_of_months_ends_on_its_end_and_lasts_about_that_long(end, months):
    start = rules.months_back(end, months)
    assert start <= end
    assert 28 * months - 3 <= (end - start).days + 1 <= 31 * months + 1


@given(st.dates(min_value=date(2001, 1, 1), max_value=date(2098, 1, 1)), st.integers(0, 800))
def test_month_starts_cover_the_period_once_each(start, days):
    end = start + timedelta(days=days)
    found = rules.month_starts(start, end)
    assert found[0] == rules.month_of(start) and found[-1] == rules.month_of(end)
    assert all(d.day == 1 for d in found) and found == sorted(set(found))
    assert len(found) == (end.year - start.year) * 12 + end.month - start.month + 1


def test_six_months_back_from_the_last_of_august():
    assert rules.months_back(date(2026, 8, 31), 6) == date(2026, 3, 1)
    assert rules.months_back(date(2026, 12, 2), 6) == date(2026, 6, 3)
