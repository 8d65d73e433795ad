"""Reads of values, goals, indicators, updates and tasks, as the actor may see them.

A page and an operation showing the same thing call the same function here. People
(an update's author and approver) are named through the visibility rules at the time
of reading: ``member_label`` gives the name, the alias of a pseudonymous member, or
"A member" for one the reader may not see listed."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Case, IntegerField, Prefetch, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from coalesce.coalitions import policy as coalition_policy
from coalesce.coalitions.models import Committee, MembershipStatus
from coalesce.coalitions.selectors import member_queryset, member_row
from coalesce.core import charts
from coalesce.core.errors import NotFound
from coalesce.goals import hooks, policy, rules
from coalesce.goals.limits import MAX_ROWS
from coalesce.goals.models import (
    Goal,
    Indicator,
    IndicatorUpdate,
    MeasureKind,
    Period,
    SharedValue,
    Task,
    TaskStatus,
    UpdateStatus,
)
from coalesce.goals.services.measures import of

_PEOPLE = ("organisation", "person")


def member_label(actor, membership) -> str:
    """How ``actor`` sees who did something (see the module's docstring)."""
    if membership is None:
        return _("Coalition staff")
    if not coalition_policy.is_listed(actor, membership):
        return _("A member")
    return member_row(actor, membership).name


def values(actor) -> list[SharedValue]:
    policy.require(actor, "goals.view")
    return list(SharedValue.objects.filter(coalition=actor.coalition)[:MAX_ROWS])


@dataclass
class PeriodView:
    period: object
    target: rules.Measure | None
    actual: rules.Measure | None
    progress: object  # Fraction | None: actual / target
    target_text: str = ""
    actual_text: str = ""


@dataclass
class IndicatorView:
    indicator: object
    periods: list
    progress: rules.Rollup
    chart: str = ""


@dataclass
class GoalRow:
    goal: object
    indicators: list
    progress: rules.Rollup


def _period_view(kind, period) -> PeriodView:
    approved = [of(u) for u in period.approved_updates]
    actual = rules.period_actual(kind, approved)
    target = of(period, "target_")
    ratio_t, ratio_a = rules.ratio(kind, target), rules.ratio(kind, actual)
    progress = ratio_a / ratio_t if ratio_t and ratio_a is not None else None
    return PeriodView(
        period,
        target,
        actual,
        progress,
        target_text=rules.measure_text(kind, target),
        actual_text=rules.measure_text(kind, actual),
    )


def _indicator_view(indicator, periods, *, chart: bool) -> IndicatorView:
    kind = indicator.kind
    periods = [_period_view(kind, p) for p in periods]
    progress = rules.indicator_progress(
        kind, [rules.PeriodFigures(p.target, p.actual) for p in periods]
    )
    view = IndicatorView(indicator, periods, progress)
    if chart and periods:
        view.chart = _chart(indicator, periods)
    return view


def _shown(kind, measure):
    """A measure as a bar's length: the value, or the percentage (one decimal)."""
    if measure is None:
        return None
    if kind == MeasureKind.NUMBER:
        return Decimal(rules.number(measure.value))
    return Decimal(rules.percent(rules.ratio(kind, measure)).removesuffix(" %"))


def _chart(indicator, periods) -> str:
    kind = indicator.kind
    groups = [
        (
            f"{p.period.starts_on.isoformat()} – {p.period.ends_on.isoformat()}",
            [_shown(kind, p.actual), _shown(kind, p.target)],
        )
        for p in periods
    ]
    numbers = [v for _label, pair in groups for v in pair if v is not None]
    return charts.grouped_bars(
        groups,
        [_("Actual"), _("Target")],
        title=_("%(name)s: actual against target") % {"name": indicator.name},
        chart_id=f"indicator-{indicator.pk}",
        maximum=max(numbers) if numbers else None,
        suffix=" %" if kind == MeasureKind.PERCENTAGE else "",
    )


def _goals(actor):
    approved = IndicatorUpdate.objects.filter(status=UpdateStatus.APPROVED)
    return (
        Goal.objects.filter(coalition=actor.coalition)
        .select_related("committee")
        .prefetch_related(
            Prefetch("indicators", queryset=Indicator.objects.order_by("id")),
            "indicators__periods",
            Prefetch("indicators__periods__updates", queryset=approved, to_attr="approved_updates"),
        )
    )


def _row(goal, indicators=None, periods_of=None, *, chart=False) -> GoalRow:
    """A goal's roll-up: from its prefetched indicators and periods, or those given
    (``periods_of``: indicator id → its periods, each with ``approved_updates``)."""
    if indicators is None:
        indicators = list(goal.indicators.all())
        periods_of = {i.pk: list(i.periods.all()) for i in indicators}
    indicators = [_indicator_view(i, periods_of.get(i.pk, []), chart=chart) for i in indicators]
    progress = rules.goal_progress([(v.indicator.weight, v.progress) for v in indicators])
    return GoalRow(goal, indicators, progress)


def goals(actor) -> list[GoalRow]:
    """Every goal with its roll-up (active first, then achieved, then dropped)."""
    policy.require(actor, "goals.view")
    order = Case(
        When(status="active", then=Value(0)),
        When(status="achieved", then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return [_row(g) for g in _goals(actor).order_by(order, "position", "id")[:MAX_ROWS]]


@dataclass
class UpdateRow:
    update: object
    indicator: object
    author: str
    decider: str
    may_submit: bool
    may_decide: bool
    measure_text: str = ""


@dataclass
class GoalView:
    row: GoalRow
    updates: list
    tasks: list
    linked: list = field(default_factory=list)

    @property
    def goal(self):
        return self.row.goal


def goal(actor, goal_id) -> Goal:
    policy.require(actor, "goals.view")
    found = Goal.objects.filter(coalition=actor.coalition, pk=goal_id).first()
    if found is None:
        raise NotFound()
    return found


def _update_rows(actor, found) -> list[UpdateRow]:
    me = getattr(actor.user, "pk", None)
    approver = policy.allows(actor, "goals.approve")
    return [
        UpdateRow(
            update=u,
            indicator=u.period.indicator,
            author=member_label(actor, u.drafted_membership),
            decider=member_label(actor, u.decided_membership) if u.decided_at else "",
            may_submit=u.status == UpdateStatus.DRAFT and u.drafted_by_id == me,
            may_decide=approver and u.status == UpdateStatus.PENDING and u.drafted_by_id != me,
            measure_text=rules.measure_text(u.period.indicator.kind, of(u)),
        )
        for u in found
    ]


def _goal_and_indicators(actor, goal_id):
    """The goal and its indicators in one query (a second when it has none)."""
    indicators = list(
        Indicator.objects.filter(goal__coalition=actor.coalition, goal_id=goal_id)
        .select_related("goal__committee")
        .order_by("id")
    )
    if indicators:
        return indicators[0].goal, indicators
    found = Goal.objects.filter(coalition=actor.coalition, pk=goal_id).select_related("committee")
    if not found:
        raise NotFound()
    return found[0], []


def goal_view(actor, goal_id) -> GoalView:
    """A goal's page: its roll-up and every update of it (one query feeds both the
    approved actuals and the list of updates), its tasks, what is linked to it."""
    policy.require(actor, "goals.view")
    found, indicators = _goal_and_indicators(actor, goal_id)
    updates = list(
        IndicatorUpdate.objects.filter(period__indicator__goal=found)
        .select_related(
            "period__indicator",
            *(f"drafted_membership__{p}" for p in _PEOPLE),
            *(f"decided_membership__{p}" for p in _PEOPLE),
        )
        .order_by("-id")
    )
    periods_of: dict[int, list] = {}
    for period in Period.objects.filter(indicator__goal=found) if indicators else ():
        period.approved_updates = [
            u for u in updates if u.period_id == period.pk and u.status == UpdateStatus.APPROVED
        ]
        periods_of.setdefault(period.indicator_id, []).append(period)
    return GoalView(
        row=_row(found, indicators, periods_of, chart=True),
        updates=_update_rows(actor, updates[:MAX_ROWS]),
        tasks=tasks(actor, goal_id=found.pk),
        linked=hooks.linked(actor, [found.pk]).get(found.pk, []),
    )


def tasks(actor, *, committee_id=None, status=None, goal_id=None, task_id=None) -> list[Task]:
    """Tasks of the coalition, overdue ones first (open or in progress, due before
    today), then by due date; each with ``is_overdue``."""
    policy.require(actor, "goals.view")
    today = timezone.localdate()
    late = (TaskStatus.OPEN, TaskStatus.IN_PROGRESS)
    found = Task.objects.filter(coalition=actor.coalition).select_related(
        "committee", "goal", "assignee__organisation", "assignee__person"
    )
    if committee_id:
        found = found.filter(committee_id=committee_id)
    if status:
        found = found.filter(status=status)
    if goal_id:
        found = found.filter(goal_id=goal_id)
    if task_id:
        found = found.filter(pk=task_id)
    overdue = Case(
        When(status__in=late, due_on__lt=today, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    rows = list(
        found.annotate(overdue_rank=overdue).order_by("overdue_rank", "due_on", "id")[:MAX_ROWS]
    )
    # Only a task with an origin note (made from minutes, say) can link back to it.
    from_elsewhere = [task.pk for task in rows if task.origin_note]
    origins = hooks.task_origins(actor, from_elsewhere) if from_elsewhere else {}
    for task in rows:
        task.is_overdue = task.overdue_rank == 0
        task.may_move = policy.allows(actor, "goals.task_status", task)
        task.origin = origins.get(task.pk)
        task.assignee_row = assignee_row(actor, task)
    return rows


def assignee_row(actor, task):
    """The task's assignee as the actor may see it (its alias where it may not see who),
    or None: none, or a member the actor may not see listed."""
    if task.assignee is None or not coalition_policy.is_listed(actor, task.assignee):
        return None
    return member_row(actor, task.assignee)


_GOAL_PATHS = {
    Indicator: "goal__",
    Period: "indicator__goal__",
    IndicatorUpdate: "period__indicator__goal__",
}


def goal_id_of(actor, model, pk) -> int:
    """The goal an indicator, a period or an update belongs to (404 outside the coalition)."""
    path = _GOAL_PATHS[model]
    found = model.objects.filter(**{path + "coalition": actor.coalition, "pk": pk})
    goal_id = found.values_list(path + "id", flat=True).first()
    if goal_id is None:
        raise NotFound()
    return goal_id


def committees(actor) -> list[Committee]:
    return list(Committee.objects.filter(coalition=actor.coalition).order_by("name"))


def goal_choices(actor) -> list[Goal]:
    return list(Goal.objects.filter(coalition=actor.coalition).only("id", "title")[:MAX_ROWS])


def task(actor, task_id) -> Task:
    policy.require(actor, "goals.view")
    found = Task.objects.filter(coalition=actor.coalition, pk=task_id).first()
    if found is None:
        raise NotFound()
    return found


def assignee_choices(actor) -> list:
    """The active members the actor may name on a task, as it may see them, by name."""
    members = member_queryset(actor).filter(status=MembershipStatus.ACTIVE)
    return sorted((member_row(actor, m) for m in members), key=lambda r: r.name.casefold())
