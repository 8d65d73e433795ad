"""The pure rules: the text's fingerprint and the comment window in working days."""

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from coalesce.statements import rules

moments = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
)
days = st.integers(min_value=0, max_value=30)


def weekdays_after(start, end) -> int:
    """Mon–Fri dates d with start's date < d <= end's date."""
    count, day = 0, start.date()
    while day < end.date():
        day += timedelta(days=1)
        count += day.weekday() < 5
    return count


@given(moments, days)
def test_the_window_ends_n_working_days_later(start, n):
    end = rules.add_working_days(start, n)
    assert end >= start
    if n:
        assert end.weekday() < 5
        if start.weekday() < 5:  # (a weekend start counts from Monday: tested below)
            assert weekdays_after(start, end) == n
            assert end.time() == start.time()
        # never more than n working days plus the weekends between them (and one more)
        assert end - start <= timedelta(days=n + 2 * (n // 5 + 1) + 2)


@given(moments, days)
def test_one_more_day_is_later(start, n):
    assert rules.add_working_days(start, n + 1) > rules.add_working_days(start, n)


@given(moments, days, st.integers(min_value=0, max_value=30))
def test_adding_days_adds_up(start, a, b):
    if start.weekday() < 5:
        twice = rules.add_working_days(rules.add_working_days(start, a), b)
        assert twice == rules.add_working_days(start, a + b)


def test_three_working_days_from_a_thursday_end_on_tuesday():
    thursday = datetime(2026, 12, 3, 15, 30, tzinfo=UTC)
    assert rules.add_working_days(thursday, 3) == datetime(2026, 12, 8, 15, 30, tzinfo=UTC)


def test_a_saturday_start_counts_from_monday_midnight():
    saturday = datetime(2026, 12, 5, 11, 0, tzinfo=UTC)
    assert rules.add_working_days(saturday, 1) == datetime(2026, 12, 8, 0, 0, tzinfo=UTC)


@given(moments, days, moments)
def test_comments_are_open_exactly_until_the_end(start, n, now):
    open_now = rules.comment_window_open(start, n, now)
    assert open_now == (n > 0 and now < rules.add_working_days(start, n))


@given(st.text(max_size=200))
def test_line_endings_do_not_change_the_fingerprint(text):
    unix = rules.normalise(text)
    assert rules.text_hash(unix.replace("\n", "\r\n")) == rules.text_hash(unix)
    assert rules.text_hash(unix.replace("\n", "\r")) == rules.text_hash(unix)
    assert len(rules.text_hash(text)) == 64


@given(st.text(min_size=1, max_size=200))
def test_any_other_change_does(text):
    assert rules.text_hash(text + ".") != rules.text_hash(text)


def test_the_fingerprint_is_sha256_of_the_utf8_text():
    import hashlib

    assert rules.text_hash("Ç\r\nx") == hashlib.sha256("Ç\nx".encode()).hexdigest()
