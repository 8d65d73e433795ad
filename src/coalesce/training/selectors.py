"""Reads for training pages and the API, already filtered by the policy."""

from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from coalesce.core.errors import DomainError, NotFound
from coalesce.training import policy
from coalesce.training.agenda import Agenda, Break, fit
from coalesce.training.catalogue import catalogue, get_module
from coalesce.training.models import Plan
from coalesce.training.schema import Module


def modules(user) -> list[Module]:
    policy.require(user, "catalogue.view")
    shown = [get_module(found, get_language()) for found in catalogue()]
    return sorted(shown, key=lambda m: (m.title.lower(), m.id))


def module(user, module_id: str) -> Module:
    """The module in the reader's language when it is translated into it."""
    policy.require(user, "catalogue.view")
    return get_module(module_id, get_language())


def plans(user):
    policy.require(user, "plans.list")
    return Plan.objects.filter(owner=user)


def plan(user, plan_id) -> Plan:
    if isinstance(plan_id, bool) or not isinstance(plan_id, int):
        raise NotFound()
    found = Plan.objects.filter(pk=plan_id).first()
    policy.require(user, "plan.view", found)
    return found


def plan_breaks(plan: Plan) -> tuple[Break, ...]:
    return tuple(
        Break(after_item=b["after_item"], minutes=b["minutes"], label=b.get("label") or "Break")
        for b in plan.breaks or ()
    )


def plan_module(plan: Plan) -> Module | None:
    """The plan's module, or None if it was removed from the catalogue since."""
    try:
        return get_module(plan.module_id, plan.language)
    except NotFound:
        return None


def agenda(plan: Plan) -> Agenda:
    """Fit the plan's module (raises CannotFit, or NotFound if the module is gone)."""
    start = timezone.localtime(plan.start) if plan.start else None
    return fit(
        get_module(plan.module_id, plan.language),
        plan.available_minutes,
        start=start,
        breaks=plan_breaks(plan),
        overrides=plan.overrides or {},
    )


def agenda_or_error(plan: Plan) -> tuple[Agenda | None, str | None]:
    """The agenda, or None and the reason it cannot be fitted (shown on the run sheet)."""
    try:
        return agenda(plan), None
    except NotFound:
        return None, _("This plan's module is no longer in the catalogue.")
    except DomainError as error:  # CannotFit, or local changes the module no longer has
        return None, error.message
