"""Properties of the fitting rule (``training.agenda.fit``/``refit``), checked against a
brute force over every subset of adaptations on small generated modules."""

from datetime import datetime, timedelta
from itertools import combinations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coalesce.training.agenda import Break, CannotFit, fit, refit
from coalesce.training.schema import Module

START = datetime(2026, 3, 2, 9, 0)


@st.composite
def modules(draw):
    n_items = draw(st.integers(1, 5))
    minutes = draw(st.lists(st.integers(2, 40), min_size=n_items, max_size=n_items))
    items = [
        {"id": f"i{n}", "title": f"Item {n}", "kind": "talking_points", "minutes": m}
        for n, m in enumerate(minutes)
    ]
    split = draw(st.integers(1, n_items))
    sections = [{"id": "s0", "title": "One", "items": items[:split]}]
    if items[split:]:
        sections.append({"id": "s1", "title": "Two", "items": items[split:]})
    adaptations = []
    left = list(minutes)  # the schema: "less" adaptations on an item leave it 1 minute
    for n in range(draw(st.integers(0, 6))):
        index = draw(st.integers(0, n_items - 1))
        kind = draw(st.sampled_from(["less", "more"]))
        if kind == "less" and left[index] < 2:
            kind = "more"
        top = left[index] - 1 if kind == "less" else 40
        adaptations.append(
            {
                "id": f"a{n}",
                "kind": kind,
                "item": f"i{index}",
                "minutes": (saved := draw(st.integers(1, max(1, top)))),
                "summary": f"Adaptation {n}",
            }
        )
        if kind == "less":
            left[index] -= saved
    return Module.model_validate(
        {
            "id": "generated",
            "title": "Generated",
            "source": "Generated for a test.",
            "total_minutes": sum(minutes),
            "objectives": ["Test"],
            "sections": sections,
            "adaptations": adaptations,
        }
    )


def _base(module, overrides=None):
    overrides = overrides or {}
    return {i.id: overrides.get(i.id, {}).get("minutes", i.minutes) for i in module.items()}


def _valid(module, subset, overrides=None):
    """The total of ``subset`` applied, or None when it is not a fitting candidate
    (mixes kinds, or takes an item below one minute)."""
    kinds = {a.kind for a in subset}
    if len(kinds) > 1:
        return None
    minutes = _base(module, overrides)
    for a in subset:
        minutes[a.item] += a.minutes if a.kind == "more" else -a.minutes
    if any(m < 1 for m in minutes.values()):
        return None
    return sum(minutes.values())


def brute_force(module, teaching, overrides=None):
    """Best total ≤ teaching over every subset (only "more" when the base fits, only
    "less" otherwise), or None."""
    base = sum(_base(module, overrides).values())
    kind = "more" if base <= teaching else "less"
    pool = [a for a in module.adaptations if a.kind == kind]
    best = None
    for size in range(len(pool) + 1):
        for subset in combinations(pool, size):
            total = _valid(module, subset, overrides)
            if total is not None and total <= teaching and (best is None or total > best):
                best = total
    return best


def shortest(module, overrides=None):
    lows = [a for a in module.adaptations if a.kind == "less"]
    return min(
        t
        for size in range(len(lows) + 1)
        for subset in combinations(lows, size)
        if (t := _valid(module, subset, overrides)) is not None
    )


SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))


@SETTINGS
@given(modules(), st.integers(1, 300), st.integers(0, 30), st.data())
def test_fit_is_maximal_and_never_too_long(module, available, pause, data):
    items = module.items()
    breaks = ()
    if pause:
        breaks = (Break(after_item=data.draw(st.sampled_from(items)).id, minutes=pause),)
    overrides = {}
    if data.draw(st.booleans()):  # a local length, which "less" must not take below 1
        overrides[data.draw(st.sampled_from(items)).id] = {"minutes": data.draw(st.integers(1, 30))}
    teaching = available - pause
    expected = brute_force(module, teaching, overrides) if teaching > 0 else None
    low = shortest(module, overrides) + pause
    try:
        agenda = fit(module, available, start=START, breaks=breaks, overrides=overrides)
    except CannotFit as error:
        # CannotFit exactly when even the shortest version is too long.
        assert expected is None
        assert low > available
        assert f"at least {low} minutes" in error.message
        return
    assert expected is not None
    assert low <= available
    # Never over; the spare is what is left.
    assert agenda.total_minutes <= available
    assert agenda.spare_minutes == available - agenda.total_minutes >= 0
    # Maximal: as long as the best subset found by brute force.
    assert agenda.total_minutes - pause == expected
    # Applying the chosen adaptations to the module reproduces the total.
    assert _valid(module, agenda.applied, overrides) == agenda.total_minutes - pause
    assert sum(s.minutes for s in agenda.slots) + agenda.break_minutes == agenda.total_minutes
    assert all(s.minutes >= 1 for s in agenda.slots)
    # Contiguous clock times, ending at start + total.
    clock = START
    for slot in agenda.slots:
        assert slot.start == clock
        assert slot.end == slot.start + timedelta(minutes=slot.minutes)
        clock = slot.break_end or slot.end
    assert clock == agenda.end == START + timedelta(minutes=agenda.total_minutes)


@SETTINGS
@given(modules(), st.integers(1, 300))
def test_ties_prefer_fewer_adaptations(module, available):
    try:
        agenda = fit(module, available)
    except CannotFit:
        return
    base = sum(item.minutes for item in module.items())
    kind = "more" if base <= available else "less"
    pool = [a for a in module.adaptations if a.kind == kind]
    target = agenda.total_minutes
    fewest = min(
        size
        for size in range(len(pool) + 1)
        for subset in combinations(pool, size)
        if _valid(module, subset) == target
    )
    assert len(agenda.applied) == fewest


@SETTINGS
@given(modules(), st.integers(1, 300), st.data())
def test_refit_fits_the_rest_into_the_time_left(module, available, data):
    try:
        agenda = fit(module, available, start=START)
    except CannotFit:
        return
    ids = [item.id for item in module.items()]
    done = ids[: data.draw(st.integers(0, len(ids)))]
    used = data.draw(st.integers(0, available + 10))
    try:
        rest = refit(agenda, done, used)
    except CannotFit:
        left = available - used
        remaining = [i for i in module.items() if i.id not in done]
        assert left <= 0 or remaining  # something is left to fit
        return
    assert [s.item.id for s in rest.slots] == ids[len(done) :]
    assert rest.available_minutes == available - used
    assert rest.total_minutes <= rest.available_minutes
    assert rest.start == START + timedelta(minutes=used)
    assert rest.end == rest.start + timedelta(minutes=rest.total_minutes)


@pytest.mark.parametrize("available", [0, -5, 721, 2000])
def test_out_of_range_is_refused(available):
    module = Module.model_validate(
        {
            "id": "tiny",
            "title": "Tiny",
            "source": "A test.",
            "total_minutes": 10,
            "objectives": ["Test"],
            "sections": [
                {
                    "id": "s",
                    "title": "S",
                    "items": [{"id": "i", "title": "I", "kind": "video", "minutes": 10}],
                }
            ],
        }
    )
    with pytest.raises(CannotFit):
        fit(module, available)
