"""When a digest is due, and how its updates are grouped: plain rules, held over random
input."""

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from coalesce.digests import rules

moments = st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2030, 1, 1)).map(
    lambda d: d.replace(tzinfo=UTC)
)
frequencies = st.sampled_from(["never", "daily", "weekly"])


@given(frequencies, moments, moments)
def test_due_agrees_with_the_sql_bound(frequency, covered_until, now):
    limit = rules.due_if_covered_before(frequency, now)
    assert rules.is_due(frequency, covered_until, now) == (
        limit is not None and covered_until <= limit
    )


@given(moments, st.sampled_from(["daily", "weekly"]), st.integers(0, 60 * 24 * 8))
def test_a_digest_just_sent_is_not_due_again_before_its_period_less_the_slack(
    sent_at, frequency, minutes_later
):
    now = sent_at + timedelta(minutes=minutes_later)
    period = rules.PERIODS[frequency]
    assert rules.is_due(frequency, sent_at, now) == (now - sent_at >= period - rules.SLACK)


@given(moments, moments)
def test_never_is_never_due(covered_until, now):
    assert not rules.is_due("never", covered_until, now)


@given(
    st.lists(st.tuples(st.integers(0, 999), st.sampled_from([None, "Outreach", "Finance", "B"])))
)
def test_grouping_keeps_every_item_once_in_order_whole_coalition_first(items):
    sections = rules.by_committee(items, committee_of=lambda item: item[1])
    assert sorted(map(repr, (i for s in sections for i in s.items))) == sorted(map(repr, items))
    assert all(s.items for s in sections)
    assert all(item[1] == s.committee for s in sections for item in s.items)
    names = [s.committee for s in sections]
    assert len(names) == len(set(names))
    assert names == sorted(names, key=lambda n: (n is not None, n or ""))
    for s in sections:  # the order of the items within a section is kept
        assert s.items == [item for item in items if item[1] == s.committee]
