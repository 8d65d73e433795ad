"""The live session's plain rules: join codes, random groups, answer matching, scoring."""

import random
from types import SimpleNamespace

from hypothesis import given
from hypothesis import strategies as st

from coalesce.training.catalogue import get_module
from coalesce.training.live import assessment, matching
from coalesce.training.live import rules as live


def test_codes_avoid_look_alike_characters_and_normalise_what_people_type():
    code = live.new_code(6)
    assert len(code) == 6 and not set(code) & set("0O1IL")
    assert live.normalise_code(" abc-def ") == "ABCDEF"
    assert live.normalise_code(None) == "" and live.normalise_code(12) == ""


@given(st.integers(min_value=0, max_value=80), st.integers(min_value=1, max_value=10),
       st.integers())  # fmt: skip
def test_groups_hold_everybody_once_and_are_as_even_as_possible(count, size, seed):
    people = list(range(count))
    groups = live.form_groups(people, size, random.Random(seed))
    assert sorted(p for g in groups for p in g) == people
    if not people:
        assert groups == []
        return
    sizes = [len(g) for g in groups]
    assert max(sizes) - min(sizes) <= 1
    assert min(sizes) >= min(size, count)  # nobody left in a group smaller than asked
    assert len(groups) == max(1, count // size)


def test_groups_are_random():
    people = list(range(12))
    draws = {tuple(map(tuple, live.form_groups(people, 3, random.Random(s)))) for s in range(5)}
    assert len(draws) > 1


def test_the_timer_says_how_far_over_or_under_the_item_is():
    assert live.Timer(10, 5 * 60 + 1).remaining_minutes == 5
    assert not live.Timer(10, 600).over and live.Timer(10, 601).over
    assert live.Timer(10, 12 * 60).remaining_minutes == -2
    assert live.minutes_taken(0) == 1 and live.minutes_taken(61) == 2


POINTS = get_module("module-12").items()[2].expected_points


def test_module_12_discussion_answers_are_matched_to_the_points_they_raise():
    cases = {
        "Decisions take much longer": 6,
        "we are safer together, nobody is singled out": 2,
        "more media attention": 3,
        "egos clash": 7,
        "diverse expertise": 5,
        "we speak with one voice": 0,
        "access to information from partners": 4,
        "hard to find a time to meet": 8,
        "members do not trust each other": 10,
        "our message is more credible": 1,
        "Setting it up delays our work": 9,
    }
    assert {answer: matching.suggest(answer, POINTS) for answer in cases} == cases


def test_an_unrelated_answer_gets_no_suggestion():
    for answer in ["the weather is nice", "", "???", "12345"]:
        assert matching.suggest(answer, POINTS) is None


@given(st.text(max_size=200))
def test_matching_never_fails_and_names_a_real_point(answer):
    suggestion = matching.suggest(answer, POINTS)
    assert suggestion is None or 0 <= suggestion < len(POINTS)


QUESTIONS = [
    SimpleNamespace(id="a", number="Q1", text="A?", options=["x", "y", "z"], answer=1),
    SimpleNamespace(id="b", number="Q2", text="B?", options=["x", "y"], answer=0),
]


def test_scores_per_participant_and_question_and_the_change():
    answers = [
        assessment.Answer("Ann", "pre", "a", 0),
        assessment.Answer("Ann", "pre", "b", 0),
        assessment.Answer("Ann", "post", "a", 1),
        assessment.Answer("Ann", "post", "b", 0),
        assessment.Answer("K7Q3", "pre", "a", 2),
        assessment.Answer("K7Q3", "pre", "b", 1),
    ]
    results = assessment.score(QUESTIONS, answers, ["Ann", "K7Q3"])
    ann, anon = results.participants
    assert (ann.pre, ann.post, ann.change) == (1, 2, 1)
    assert (anon.pre, anon.post, anon.change) == (0, None, None)
    assert results.mean("pre") == 0.5 and results.mean("post") == 2 and results.mean_change == 1
    first = results.questions[0]
    assert first.answered == {"pre": 2, "post": 1} and first.correct == {"pre": 0, "post": 1}
    assert first.most_chosen_wrong["pre"] == ("x", 1)  # ties: the first option
    assert first.share_correct("post") == 1.0 and first.most_chosen_wrong["post"] is None


ANSWER_ROWS = st.tuples(
    st.sampled_from(["p1", "p2", "p3"]),
    st.sampled_from(["pre", "post"]),
    st.sampled_from(["a", "b"]),
    st.integers(0, 1),
)


@given(st.lists(ANSWER_ROWS, max_size=30))
def test_scores_add_up(rows):
    unique = {(p, ph, q): c for p, ph, q, c in rows}  # one answer per question and phase
    answers = [assessment.Answer(p, ph, q, c) for (p, ph, q), c in unique.items()]
    results = assessment.score(QUESTIONS, answers, ["p1", "p2", "p3"])
    for phase in assessment.PHASES:
        by_people = sum(getattr(p, phase) or 0 for p in results.participants)
        by_questions = sum(q.correct[phase] for q in results.questions)
        assert by_people == by_questions
        assert sum(q.answered[phase] for q in results.questions) == sum(
            1 for a in answers if a.phase == phase
        )
