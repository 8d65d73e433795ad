"""The goals services: who may do what, bad input refused with nothing changed, actuals
only through approved updates, never approved by their own author."""

from fractions import Fraction

import pytest

from coalesce.audit.models import AuditEvent
from coalesce.core.errors import Conflict, DomainError, Forbidden, NotFound
from coalesce.goals import selectors, services
from coalesce.goals.limits import MAX_TITLE, MAX_VALUE
from coalesce.goals.models import Goal, IndicatorUpdate, Period, SharedValue, Task
from tests.goals.helpers import actor, approved, goal_with_indicators

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_hashing")]


def test_values_are_added_moved_edited_and_removed(world):
    steering = actor(world, "steering")
    a = services.add_value(steering, text="Non-violence")
    b = services.add_value(steering, text="Transparency")
    services.edit_value(steering, b.pk, move="up")
    assert [v.text for v in selectors.values(actor(world, "member"))] == [
        "Transparency",
        "Non-violence",
    ]
    services.edit_value(steering, a.pk, text="Non-violence, always")
    services.remove_value(steering, b.pk)
    assert [v.text for v in selectors.values(steering)] == ["Non-violence, always"]
    with pytest.raises(Forbidden):
        services.add_value(actor(world, "member"), text="Mine")
    with pytest.raises(DomainError) as error:
        services.add_value(steering, text="x" * (MAX_VALUE + 1))
    assert error.value.field == "text"
    with pytest.raises(DomainError):
        services.add_value(steering, text="  ")
    with pytest.raises(DomainError):
        services.edit_value(steering, a.pk, move="sideways")
    assert SharedValue.objects.count() == 1


def test_an_empty_or_long_title_is_refused(world):
    steering = actor(world, "steering")
    for title in ["", "x" * (MAX_TITLE + 1)]:
        with pytest.raises(DomainError) as error:
            services.create_goal(steering, title=title, horizon="short")
        assert error.value.field == "title"
    with pytest.raises(DomainError) as error:
        services.create_goal(steering, title="T", horizon="forever")
    assert error.value.field == "horizon"
    assert not Goal.objects.exists()


def test_a_committee_of_another_coalition_is_refused(world):
    from coalesce.coalitions.models import Committee

    theirs = Committee.objects.create(
        coalition=world.other_coalition, name="Theirs", kind="publicity"
    )
    steering = actor(world, "steering")
    with pytest.raises(DomainError) as error:
        services.create_goal(steering, title="T", horizon="short", committee_id=theirs.pk)
    assert error.value.field == "committee_id"
    with pytest.raises(DomainError) as error:
        services.create_task(steering, committee=theirs.pk, title="T")
    assert error.value.field == "committee_id"
    assert not Goal.objects.exists() and not Task.objects.exists()


def test_periods_do_not_overlap_nor_end_before_they_start(world):
    goal, meetings, share, p1, _p2 = goal_with_indicators(world)
    steering = actor(world, "steering")
    with pytest.raises(Conflict):
        services.add_period(
            steering, meetings.pk, starts_on="2026-06-30", ends_on="2026-08-01", target_value="3"
        )
    with pytest.raises(DomainError) as error:
        services.add_period(
            steering, meetings.pk, starts_on="2026-09-01", ends_on="2026-08-01", target_value="3"
        )
    assert error.value.field == "ends_on"
    assert Period.objects.filter(indicator=meetings).count() == 1


@pytest.mark.parametrize(
    "kind,measure,field",
    [
        ("number", {"numerator": "1", "denominator": "2"}, "target_numerator"),
        ("number", {}, "target_value"),
        ("number", {"value": "1.234"}, "target_value"),
        ("number", {"value": "0"}, "target_value"),
        ("percentage", {"value": "3"}, "target_value"),
        ("percentage", {"numerator": "1", "denominator": "0"}, "target_denominator"),
        ("percentage", {"numerator": "3", "denominator": "2"}, "target_numerator"),
        ("percentage", {"numerator": "1"}, "target_denominator"),
        ("percentage", {"numerator": "x", "denominator": "2"}, "target_numerator"),
    ],
)
def test_a_target_in_the_wrong_measure_is_refused(world, kind, measure, field):
    goal, meetings, share, *_ = goal_with_indicators(world)
    indicator = meetings if kind == "number" else share
    with pytest.raises(DomainError) as error:
        services.add_period(
            actor(world, "steering"),
            indicator.pk,
            starts_on="2027-01-01",
            ends_on="2027-06-30",
            **{f"target_{k}": v for k, v in measure.items()},
        )
    assert error.value.field == field
    assert error.value.status == 400
    assert Period.objects.filter(indicator=indicator).count() == 1


def test_actuals_change_only_through_approved_updates(world):
    goal, meetings, share, p1, p2 = goal_with_indicators(world)
    member = actor(world, "member")
    draft = services.draft_update(member, p1.pk, value="4", note="Four MPs met")
    row = selectors.goals(member)[0]
    assert row.indicators[0].periods[0].actual is None
    services.submit_update(member, draft.pk)
    assert selectors.goals(member)[0].indicators[0].periods[0].actual is None
    services.decide_update(actor(world, "steering"), draft.pk, approve=True)
    approved(world, p1, value="1")
    approved(world, p2, numerator="1", denominator="2")
    approved(world, p2, numerator="1", denominator="10")
    row = selectors.goals(member)[0]
    assert row.indicators[0].progress.value == Fraction(5, 10)
    # Σ num / Σ den = 2/12 of a target of 3/4
    assert row.indicators[1].progress.value == Fraction(2, 12) / Fraction(3, 4)
    assert row.progress.value == (1 * Fraction(1, 2) + 2 * Fraction(2, 9)) / 3
    assert row.progress.formula == "(1×1/2 + 2×2/9) / 3 = 31.5 %"
    assert AuditEvent.objects.filter(action="goals.update_approve").count() == 4


def test_an_update_is_never_approved_by_its_author(world):
    _goal, _m, _s, p1, _p2 = goal_with_indicators(world)
    steering = actor(world, "steering")
    update = services.draft_update(steering, p1.pk, value="4")
    with pytest.raises(Conflict):  # a draft is not submitted yet
        services.decide_update(actor(world, "admin"), update.pk, approve=True)
    services.submit_update(steering, update.pk)
    with pytest.raises(Forbidden):
        services.decide_update(steering, update.pk, approve=True)
    update.refresh_from_db()
    assert update.status == "pending" and update.decided_by is None
    with pytest.raises(DomainError) as error:  # returning needs a note
        services.decide_update(actor(world, "admin"), update.pk, approve=False)
    assert error.value.field == "note"
    services.decide_update(actor(world, "admin"), update.pk, approve=False, note="Source?")
    update.refresh_from_db()
    assert update.status == "returned" and update.decided_by == world.users["admin"]


def test_who_reports_and_in_the_wrong_measure(world):
    _goal, _m, _s, p1, p2 = goal_with_indicators(world)
    with pytest.raises(Forbidden):  # not on the goal's committee
        services.draft_update(actor(world, "custodian"), p1.pk, value="1")
    with pytest.raises(DomainError) as error:
        services.draft_update(actor(world, "chair"), p1.pk, numerator="1", denominator="2")
    assert error.value.field == "numerator"
    with pytest.raises(DomainError) as error:
        services.draft_update(actor(world, "chair"), p2.pk, numerator="1", denominator="0")
    assert error.value.field == "denominator"
    assert not IndicatorUpdate.objects.exists()
    with pytest.raises(NotFound):
        services.draft_update(actor(world, "member"), 999999, value="1")


def test_tasks_created_and_moved_on_by_a_seat_holder(world):
    goal, *_ = goal_with_indicators(world)
    steering = actor(world, "steering")
    late = services.create_task(
        steering, committee=world.committee, title="Brief MPs", due_on="2020-01-01", goal=goal
    )
    soon = services.create_task(
        steering,
        committee=world.steering_committee.pk,
        title="Budget",
        due_on="2099-01-01",
        origin_label="Minutes of 3 March",
    )
    services.edit_task(actor(world, "member"), late.pk, status="in_progress")
    with pytest.raises(Forbidden):  # a seat holder changes only the status
        services.edit_task(actor(world, "member"), late.pk, title="Mine now")
    with pytest.raises(Forbidden):  # not on the steering committee
        services.edit_task(actor(world, "member"), soon.pk, status="done")
    rows = selectors.tasks(actor(world, "member"))
    assert [t.title for t in rows] == ["Brief MPs", "Budget"]
    assert [t.is_overdue for t in rows] == [True, False]
    assert [t.title for t in selectors.tasks(steering, status="in_progress")] == ["Brief MPs"]
    assert [
        t.title for t in selectors.tasks(steering, committee_id=world.steering_committee.pk)
    ] == ["Budget"]
    assert selectors.goal_view(steering, goal.pk).tasks == [late]
