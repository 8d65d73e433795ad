"""The fitting rule on examples: Module 12 and a small module built here."""

from datetime import datetime

import pytest

from coalesce.core.errors import DomainError
from coalesce.training.agenda import Break, CannotFit, fit, refit, shortest_minutes
from coalesce.training.catalogue import get_module
from coalesce.training.schema import Module

START = datetime(2026, 3, 2, 9, 0)


def small_module() -> Module:
    """60 minutes as written; can go down to 40 and up to 90."""
    return Module.model_validate(
        {
            "id": "small",
            "title": "Small",
            "source": "Built for a test.",
            "total_minutes": 60,
            "objectives": ["Test the planner"],
            "sections": [
                {
                    "id": "one",
                    "title": "One",
                    "items": [
                        {"id": "intro", "title": "Intro", "kind": "talking_points", "minutes": 10},
                        {
                            "id": "talk",
                            "title": "Talk",
                            "kind": "discussion",
                            "minutes": 20,
                            "expected_points": ["A point"],
                        },
                    ],
                },
                {
                    "id": "two",
                    "title": "Two",
                    "items": [
                        {"id": "film", "title": "Film", "kind": "video", "minutes": 25},
                        {"id": "close", "title": "Close", "kind": "wrap_up", "minutes": 5},
                    ],
                },
            ],
            "adaptations": [
                {"id": "less-talk", "kind": "less", "item": "talk", "minutes": 10, "summary": "S"},
                {"id": "less-film", "kind": "less", "item": "film", "minutes": 10, "summary": "S"},
                {"id": "more-a", "kind": "more", "item": "talk", "minutes": 10, "summary": "M"},
                {"id": "more-b", "kind": "more", "item": "film", "minutes": 10, "summary": "M"},
                {"id": "more-c", "kind": "more", "item": "intro", "minutes": 20, "summary": "M"},
            ],
        }
    )


@pytest.fixture
def module12():
    return get_module("module-12")


def ids(agenda):
    return [a.id for a in agenda.applied]


def test_module_12_at_90_minutes_uses_the_less_time_adaptations(module12):
    agenda = fit(module12, 90)
    assert agenda.total_minutes == 85
    assert agenda.spare_minutes == 5
    assert {a.kind for a in agenda.applied} == {"less"}
    assert ids(agenda) == ["less-pair-sharing", "less-discussion", "less-activity"]


def test_module_12_at_110_minutes_saves_just_enough(module12):
    agenda = fit(module12, 110)
    assert agenda.total_minutes == 110
    assert ids(agenda) == ["less-pair-sharing"]  # tie with less-discussion: module order


def test_module_12_as_written_at_two_hours(module12):
    agenda = fit(module12, 120)
    assert agenda.applied == ()
    assert agenda.total_minutes == 120 and agenda.spare_minutes == 0


def test_module_12_at_three_hours_adds_the_role_play(module12):
    agenda = fit(module12, 180, start=START)
    assert ids(agenda) == [module12.role_play.adaptation]
    assert agenda.total_minutes == 180 and agenda.spare_minutes == 0
    assert agenda.end == datetime(2026, 3, 2, 12, 0)
    slot = next(s for s in agenda.slots if s.item.id == "best-practices")
    assert slot.minutes == 90


def test_module_12_at_20_minutes_cannot_fit(module12):
    with pytest.raises(CannotFit) as raised:
        fit(module12, 20)
    assert raised.value.message == "This module needs at least 85 minutes; you have 20."
    assert raised.value.field == "available_minutes"
    assert shortest_minutes(module12) == 85


@pytest.mark.parametrize("minutes", [0, -1, 721, 2000])
def test_impossible_times_are_refused(module12, minutes):
    with pytest.raises(CannotFit) as raised:
        fit(module12, minutes)
    assert raised.value.field == "available_minutes"
    assert "minute" in raised.value.message


def test_more_time_fills_without_going_over():
    # 60 as written; 85 available: +20 (one adaptation) beats +10+10 (two)
    agenda = fit(small_module(), 85)
    assert agenda.total_minutes == 80
    assert ids(agenda) == ["more-c"]
    agenda = fit(small_module(), 75)
    assert agenda.total_minutes == 70 and ids(agenda) == ["more-a"]
    assert fit(small_module(), 200).total_minutes == 100


def test_breaks_take_time_from_the_available_minutes():
    agenda = fit(small_module(), 60, start=START, breaks=[Break("talk", 10, "Tea")])
    assert agenda.break_minutes == 10
    assert agenda.total_minutes == 60  # 50 of teaching: one "less" adaptation
    assert ids(agenda) == ["less-talk"]
    talk = agenda.slots[1]
    assert talk.break_after.label == "Tea"
    assert (talk.end.strftime("%H:%M"), talk.break_end.strftime("%H:%M")) == ("09:20", "09:30")
    assert agenda.slots[2].start == talk.break_end
    with pytest.raises(CannotFit, match="at least 70 minutes; you have 60"):
        fit(small_module(), 60, breaks=[Break("talk", 30)])


def test_breaks_must_follow_a_real_item():
    with pytest.raises(DomainError) as raised:
        fit(small_module(), 60, breaks=[Break("nowhere", 10)])
    assert raised.value.field == "breaks"


def test_overrides_replace_minutes_and_carry_notes():
    note = "Use the example of the Kenyan Police Reforms Working Group"
    agenda = fit(
        small_module(),
        60,
        overrides={"film": {"minutes": 15, "note": note, "video": "Local film"}},
    )
    film = agenda.slots[2]
    assert film.base_minutes == 15 and film.overridden
    assert film.note == note and film.video == "Local film"
    # 50 as overridden; 60 available: +10 (more-a, first in module order)
    assert agenda.total_minutes == 60 and ids(agenda) == ["more-a"]


def test_a_less_adaptation_never_takes_an_item_below_one_minute():
    # film overridden to 5: saving 10 on it would leave nothing, so only talk is shortened
    agenda = fit(small_module(), 35, overrides={"film": {"minutes": 5}})
    assert ids(agenda) == ["less-talk"]
    assert all(s.minutes >= 1 for s in agenda.slots)


def test_bad_overrides_are_refused():
    with pytest.raises(DomainError) as raised:
        fit(small_module(), 60, overrides={"film": {"minutes": 0}})
    assert raised.value.field == "minutes"
    with pytest.raises(DomainError) as raised:
        fit(small_module(), 60, overrides={"film": {"note": "x" * 501}})
    assert raised.value.field == "note"
    with pytest.raises(DomainError) as raised:
        fit(small_module(), 60, overrides={"ghost": {"minutes": 5}})
    assert raised.value.field == "overrides"


def test_refit_fits_the_rest_to_the_time_left(module12):
    agenda = fit(module12, 120, start=START)
    # the first two items ran 40 minutes instead of 25: 80 left for 95 minutes of content
    rest = refit(agenda, ["introduction-talking-points", "coalition-building"], 40)
    assert rest.available_minutes == 80
    assert [s.item.id for s in rest.slots][0] == "strengths-weaknesses"
    assert rest.total_minutes <= 80
    assert ids(rest) == ["less-activity"]  # 95 − 15 = 80
    assert rest.start == datetime(2026, 3, 2, 9, 40)


def test_refit_says_by_how_much_it_cannot_fit(module12):
    agenda = fit(module12, 120)
    with pytest.raises(CannotFit) as raised:
        refit(agenda, ["introduction-talking-points"], 60)
    # the rest needs 115 − 35 = 80 minutes; 60 are left
    assert "at least 80 minutes; 60 are left, 20 too few" in raised.value.message
    with pytest.raises(CannotFit, match="No time is left"):
        refit(agenda, [], 120)
    with pytest.raises(DomainError):
        refit(agenda, ["ghost"], 10)
