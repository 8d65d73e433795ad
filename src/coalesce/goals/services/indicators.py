"""Indicators, their periods and their actuals (updates): drafted by a seat holder of
the goal's committee (``goals.report``), approved or returned by someone else with
``goals.approve``. A period's actual changes only when an update is approved."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coalesce.coalitions.services.audit import record_by
from coalesce.core.errors import Conflict, DomainError, Forbidden
from coalesce.core.validation import clean_choice, clean_date, clean_text
from coalesce.goals import policy
from coalesce.goals.limits import MAX_NAME, MAX_NOTE, MAX_UNIT, MAX_WEIGHT
from coalesce.goals.models import (
    Goal,
    Indicator,
    IndicatorUpdate,
    MeasureKind,
    Period,
    UpdateStatus,
)
from coalesce.goals.services._common import one, own_membership
from coalesce.goals.services.measures import columns, measure


def _weight(value) -> int:
    if value in (None, ""):
        return 1
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_WEIGHT:
        raise DomainError(
            _("The weight is a whole number from 1 to %(max)d.") % {"max": MAX_WEIGHT}, "weight"
        )
    return value


@transaction.atomic
def add_indicator(
    actor,
    goal_id,
    *,
    name,
    kind,
    unit="",
    weight=1,
    baseline_value=None,
    baseline_numerator=None,
    baseline_denominator=None,
) -> Indicator:
    """A number (with its unit) or a percentage measured for a goal; the baseline is
    optional, in the indicator's measure."""
    policy.require(actor, "goals.manage")
    goal = one(Goal, actor, goal_id, lock=True)
    name = clean_text(name, "name", max_length=MAX_NAME)
    kind = clean_choice(kind, MeasureKind, "kind")
    unit = clean_text(unit, "unit", max_length=MAX_UNIT, required=False)
    if kind == MeasureKind.PERCENTAGE and unit:
        raise DomainError(_("A percentage has no unit: leave it empty."), "unit")
    sent = (baseline_value, baseline_numerator, baseline_denominator)
    baseline = None
    if any(part not in (None, "") for part in sent):
        baseline = measure(
            kind,
            **dict(zip(("value", "numerator", "denominator"), sent, strict=True)),
            prefix="baseline_",
        )
    indicator = Indicator.objects.create(
        goal=goal,
        name=name,
        kind=kind,
        unit=unit,
        weight=_weight(weight),
        **columns(baseline, "baseline_"),
    )
    record_by(actor, "goals.indicator_add", indicator, fields=("name", "kind", "weight"))
    return indicator


@transaction.atomic
def add_period(
    actor,
    indicator_id,
    *,
    starts_on,
    ends_on,
    target_value=None,
    target_numerator=None,
    target_denominator=None,
) -> Period:
    """A period of an indicator with its target; periods of one indicator never overlap."""
    policy.require(actor, "goals.manage")
    indicator = one(Indicator, actor, indicator_id, lock=True, path="goal__coalition")
    starts = clean_date(starts_on, "starts_on")
    ends = clean_date(ends_on, "ends_on")
    if starts is None:
        raise DomainError(_("This field is required."), "starts_on")
    if ends is None:
        raise DomainError(_("This field is required."), "ends_on")
    if ends < starts:
        raise DomainError(_("A period cannot end before it starts."), "ends_on")
    target = measure(
        indicator.kind,
        value=target_value,
        numerator=target_numerator,
        denominator=target_denominator,
        prefix="target_",
        positive=True,
    )
    overlap = indicator.periods.filter(starts_on__lte=ends, ends_on__gte=starts).first()
    if overlap is not None:
        raise Conflict(
            _("This period overlaps the period %(start)s – %(end)s of the indicator.")
            % {"start": overlap.starts_on.isoformat(), "end": overlap.ends_on.isoformat()},
            "starts_on",
        )
    period = Period.objects.create(
        indicator=indicator, starts_on=starts, ends_on=ends, **columns(target, "target_")
    )
    record_by(actor, "goals.period_add", period, fields=("starts_on", "ends_on"))
    return period


@transaction.atomic
def draft_update(actor, period_id, *, value=None, numerator=None, denominator=None, note=""):
    """An actual for a period, as a draft of its author (``goals.report`` on the goal)."""
    period = one(
        Period,
        actor,
        period_id,
        lock=True,
        path="indicator__goal__coalition",
        related=("indicator__goal",),
    )
    policy.require(actor, "goals.report", period.indicator.goal)
    found = measure(
        period.indicator.kind, value=value, numerator=numerator, denominator=denominator
    )
    update = IndicatorUpdate.objects.create(
        period=period,
        note=clean_text(note, "note", max_length=MAX_NOTE, required=False),
        drafted_by=actor.user,
        drafted_membership=own_membership(actor),
        **columns(found, ""),
    )
    record_by(actor, "goals.update_draft", update, fields=("value", "numerator", "denominator"))
    return update


def _update(actor, update_id) -> IndicatorUpdate:
    return one(
        IndicatorUpdate,
        actor,
        update_id,
        lock=True,
        path="period__indicator__goal__coalition",
        related=("period__indicator__goal",),
    )


@transaction.atomic
def submit_update(actor, update_id) -> IndicatorUpdate:
    """The author sends its draft for approval (pending)."""
    update = _update(actor, update_id)
    policy.require(actor, "goals.report", update.period.indicator.goal)
    if update.drafted_by_id != getattr(actor.user, "pk", None):
        raise Forbidden(_("Only the author of this update can submit it."))
    if update.status not in (UpdateStatus.DRAFT,):
        raise Conflict(
            _("Only a draft can be submitted; this update is %(s)s.")
            % {"s": update.get_status_display()}
        )
    update.status = UpdateStatus.PENDING
    update.submitted_at = timezone.now()
    update.save(update_fields=["status", "submitted_at"])
    record_by(actor, "goals.update_submit", update, fields=("status",))
    return update


@transaction.atomic
def decide_update(actor, update_id, *, approve: bool, note="") -> IndicatorUpdate:
    """Approve a pending update (it counts in the period's actual from now on) or return
    it with a note. Its own author may never decide it."""
    policy.require(actor, "goals.approve")
    update = _update(actor, update_id)
    note = clean_text(note, "note", max_length=MAX_NOTE, required=not approve)
    if update.drafted_by_id is not None and update.drafted_by_id == getattr(actor.user, "pk", None):
        raise Forbidden(_("You wrote this update: someone else must approve or return it."))
    if update.status != UpdateStatus.PENDING:
        raise Conflict(
            _("Only a submitted update can be approved or returned; this one is %(s)s.")
            % {"s": update.get_status_display()}
        )
    update.status = UpdateStatus.APPROVED if approve else UpdateStatus.RETURNED
    update.decided_by = actor.user
    update.decided_membership = own_membership(actor)
    update.decided_at = timezone.now()
    update.decision_note = note
    update.save(
        update_fields=["status", "decided_by", "decided_membership", "decided_at", "decision_note"]
    )
    record_by(
        actor,
        "goals.update_approve" if approve else "goals.update_return",
        update,
        fields=("status", "decision_note"),
    )
    return update
