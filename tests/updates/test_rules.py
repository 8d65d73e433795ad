"""The pure rules: who may post where, and how receipts are counted and named."""

from hypothesis import given
from hypothesis import strategies as st

from coalesce.updates.rules import Poster, ReceiptFacts, may_post, may_post_somewhere, tally

posters = st.builds(
    Poster,
    steering=st.booleans(),
    admin=st.booleans(),
    active_member=st.booleans(),
    committee_ids=st.frozensets(st.integers(1, 6), max_size=3),
)


@given(posters, st.integers(1, 6), st.booleans())
def test_only_seat_holders_and_the_steering_committee_post_to_a_committee(p, committee, open_):
    allowed = may_post(p, committee, members_may_post=open_)
    assert allowed == (p.steering or committee in p.committee_ids)


@given(posters, st.booleans())
def test_the_whole_coalition_takes_leadership_and_members_only_when_allowed(p, open_):
    allowed = may_post(p, None, members_may_post=open_)
    assert allowed == (p.steering or p.admin or (open_ and p.active_member))
    if not open_ and not (p.steering or p.admin):
        assert not allowed


@given(posters, st.booleans())
def test_posting_somewhere_means_some_audience_is_open(p, open_):
    some = may_post(p, None, members_may_post=open_) or any(
        may_post(p, c, members_may_post=open_) for c in range(1, 7)
    )
    assert may_post_somewhere(p, members_may_post=open_) == some


facts = st.lists(
    st.builds(
        ReceiptFacts,
        delivered=st.booleans(),
        opened=st.booleans(),
        acknowledged=st.booleans(),
        name=st.none() | st.sampled_from(["Open Hands", "Justice Watch", "open hands", "Women"]),
    ),
    max_size=30,
)


@given(facts)
def test_everyone_is_counted_and_only_named_facts_are_named(found):
    t = tally(found)
    assert t.recipients == len(found)
    assert t.delivered == sum(f.delivered for f in found)
    assert t.opened == sum(f.opened for f in found)
    assert t.acknowledged == sum(f.acknowledged for f in found)
    assert set(t.acknowledged_names) == {f.name for f in found if f.acknowledged and f.name}
    assert set(t.opened_names) == {f.name for f in found if f.opened and f.name}
    assert len(set(t.acknowledged_names)) == len(t.acknowledged_names)  # each name once
    assert list(t.opened_names) == sorted(t.opened_names, key=lambda n: (n.casefold(), n))


@given(facts, st.data())
def test_choosing_not_to_be_named_changes_no_count(found, data):
    hidden = data.draw(st.sets(st.integers(0, max(len(found) - 1, 0))))
    unnamed = [
        ReceiptFacts(f.delivered, f.opened, f.acknowledged, None if i in hidden else f.name)
        for i, f in enumerate(found)
    ]
    before, after = tally(found), tally(unnamed)
    counts = ("recipients", "delivered", "opened", "acknowledged")
    assert [getattr(before, c) for c in counts] == [getattr(after, c) for c in counts]
    assert set(after.acknowledged_names) <= set(before.acknowledged_names)
