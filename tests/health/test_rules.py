"""The health check's arithmetic: means with reverse scoring, and withholding — for any
answers, every number shown comes from at least MIN_ANSWERS responses, and no breakdown
is shown beside a group of 1–4 that the overall score would give away."""

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from coalesce.health import rules
from coalesce.health.items import ITEM_KEYS, REVERSED, THEME_OF, THEMES
from coalesce.health.limits import MIN_ANSWERS

THEME_KEYS = [theme.key for theme in THEMES]

response = st.tuples(
    st.booleans(),
    st.sampled_from(["small", "large", "unstated"]),
    st.fixed_dictionaries({key: st.integers(1, 5) for key in ITEM_KEYS}),
)


def cells_of(responses):
    tally: dict = {}
    for is_steering, size, scores in responses:
        for item, score in scores.items():
            total, count = tally.get((is_steering, size, item), (0, 0))
            tally[(is_steering, size, item)] = (total + score, count + 1)
    return [rules.Cell(s, z, i, t, c) for (s, z, i), (t, c) in tally.items()]


def naive_mean(responses, theme):
    values = [
        (6 - score if item in REVERSED else score)
        for _s, _z, scores in responses
        for item, score in scores.items()
        if THEME_OF[item] == theme
    ]
    return Fraction(sum(values), len(values))


def members(responses, group):
    return [r for r in responses if rules.GROUPS[group](rules.Cell(r[0], r[1], "", 0, 0))]


@given(st.lists(response, max_size=16))
def test_every_number_shown_comes_from_at_least_five_answers(responses):
    results = rules.summarise(cells_of(responses), THEME_KEYS, THEME_OF, REVERSED)
    for result in results:
        if not result.score.withheld:
            assert len(responses) >= MIN_ANSWERS
            assert result.score.exact == naive_mean(responses, result.theme)
        for groups in rules.BREAKDOWNS.values():
            sizes = [len(members(responses, g)) for g in groups]
            for group in groups:
                score = result.groups[group]
                if not score.withheld:
                    assert len(members(responses, group)) >= MIN_ANSWERS
                    assert all(n == 0 or n >= MIN_ANSWERS for n in sizes), sizes
                    assert score.exact == naive_mean(members(responses, group), result.theme)
        for name, (first, second) in rules.GAPS.items():
            if not result.gaps[name].withheld:
                assert not result.groups[first].withheld and not result.groups[second].withheld


def test_a_reverse_scored_item_counts_as_six_minus_its_answer():
    answers = [(False, "small", {key: 5 for key in ITEM_KEYS})] * 5
    results = {
        r.theme: r for r in rules.summarise(cells_of(answers), THEME_KEYS, THEME_OF, REVERSED)
    }
    assert results["equity"].score.value == 5
    assert results["marginalisation"].score.value == 3  # (5 + 1) / 2
    assert results["marginalisation"].score.answers == 5


def test_four_answers_are_withheld_and_five_are_shown():
    four = [(False, "small", {key: 1 for key in ITEM_KEYS})] * 4
    assert all(
        r.score.withheld for r in rules.summarise(cells_of(four), THEME_KEYS, THEME_OF, REVERSED)
    )
    five = four + four[:1]
    assert not any(
        r.score.withheld for r in rules.summarise(cells_of(five), THEME_KEYS, THEME_OF, REVERSED)
    )


def test_a_group_of_three_withholds_the_whole_breakdown():
    steering = [(True, "small", {key: 5 for key in ITEM_KEYS})] * 3
    others = [(False, "small", {key: 1 for key in ITEM_KEYS})] * 6
    (equity, *_rest) = rules.summarise(cells_of(steering + others), THEME_KEYS, THEME_OF, REVERSED)
    assert not equity.score.withheld
    assert equity.groups["others"].withheld and equity.groups["steering"].withheld
    # the size breakdown has one group only (all small): shown, it gives nothing away
    assert equity.groups["small"].value == equity.score.value


def test_change_and_concern():
    before = cells_of([(False, "small", {key: 4 for key in ITEM_KEYS})] * 5)
    now = cells_of([(False, "small", {key: 3 for key in ITEM_KEYS})] * 5)
    equity = rules.summarise(now, THEME_KEYS, THEME_OF, REVERSED, before)[0]
    assert equity.change.value == -1 and equity.concern  # fell by 1
    steady = rules.summarise(now, THEME_KEYS, THEME_OF, REVERSED, now)[0]
    assert steady.change.value == 0 and not steady.concern  # 3 > 2.5
    low = cells_of([(False, "small", {key: 2 for key in ITEM_KEYS})] * 5)
    assert rules.summarise(low, THEME_KEYS, THEME_OF, REVERSED)[0].concern
    withheld = rules.summarise(low[:0], THEME_KEYS, THEME_OF, REVERSED, before)[0]
    assert withheld.change.withheld and not withheld.concern
