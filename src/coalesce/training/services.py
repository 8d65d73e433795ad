"""Writes for training plans: validate, check the policy, write in one transaction.

They raise ``DomainError`` (400) with the field at fault, or ``NotFound`` (404) for a
plan that does not exist or belongs to someone else.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coalesce.core.errors import Conflict, DomainError, NotFound
from coalesce.core.localisation import clean_time_zone
from coalesce.training import policy
from coalesce.training.agenda import (
    MAX_AVAILABLE,
    normalise_breaks,
    normalise_overrides,
)
from coalesce.training.catalogue import get_module, module_languages
from coalesce.training.limits import MAX_TITLE
from coalesce.training.models import LiveSession, Plan

UNSET = object()


def known_module(module_id):
    if not isinstance(module_id, str) or not module_id:
        raise DomainError(_("Choose a module."), field="module_id")
    try:
        return get_module(module_id)
    except NotFound as error:
        raise DomainError(_("There is no module “%(id)s”.") % {"id": module_id[:60]},
                          field="module_id") from error  # fmt: skip


def _language(value, module) -> str:
    """One of the languages the module is given in ("" or its own: as written)."""
    if value in (None, "", module.language):
        return ""
    if value not in module_languages(module.id):
        choices = ", ".join(module_languages(module.id))
        raise DomainError(
            _("This module is given in %(languages)s only.") % {"languages": choices},
            field="language",
        )
    return value


def _title(value) -> str:
    value = (value or "").strip() if isinstance(value, str) or value is None else None
    if value is None:
        raise DomainError(_("The title must be text."), field="title")
    if not value:
        raise DomainError(_("This field is required."), field="title")
    if len(value) > MAX_TITLE:
        raise DomainError(
            _("Keep this under %(max)d characters (it has %(n)d).")
            % {"max": MAX_TITLE, "n": len(value)},
            field="title",
        )
    if "\x00" in value:
        raise DomainError(_("This text contains a character that is not allowed."), "title")
    return value


def _minutes(value) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise DomainError(_("Enter a whole number of minutes."), field="available_minutes")
    if not 1 <= value <= MAX_AVAILABLE:
        raise DomainError(
            _("The time available must be from 1 to %(max)d minutes (12 hours).")
            % {"max": MAX_AVAILABLE},
            field="available_minutes",
        )
    return value


def _start(value, zone: str):
    """A start given without an offset is read in the plan's zone."""
    if value is None:
        return None
    if not isinstance(value, datetime):
        raise DomainError(_("The start must be a date and time."), field="start")
    if timezone.is_naive(value):
        value = timezone.make_aware(value, ZoneInfo(zone))
    return value


def in_plan_zone(plan):
    """``with in_plan_zone(plan):`` shows times as the room reads them."""
    return timezone.override(ZoneInfo(plan.time_zone))


def _breaks(value, module) -> list[dict]:
    if value is None:
        return []
    if not isinstance(value, list | tuple):
        raise DomainError(_("Breaks must be a list."), field="breaks")
    if len(value) > 20:
        raise DomainError(_("At most 20 breaks."), field="breaks")
    checked = normalise_breaks(value, [item.id for item in module.items()])
    for b in checked:
        if len(b.label) > 100:
            raise DomainError(_("A break's label has at most 100 characters."), field="breaks")
    return [{"after_item": b.after_item, "minutes": b.minutes, "label": b.label} for b in checked]


def _overrides(value, module) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise DomainError(_("Local changes must be a mapping of item ids."), field="overrides")
    return normalise_overrides(value, [item.id for item in module.items()])


def permitted(user, model, pk, action: str, *, lock=False):
    """The ``model`` row ``pk`` if the policy lets ``user`` do ``action`` to it; 404 for
    anybody else (ids are not confirmed)."""
    if isinstance(pk, bool) or not isinstance(pk, int):
        raise NotFound()
    rows = model.objects.select_for_update() if lock else model.objects
    found = rows.filter(pk=pk).first()
    policy.require(user, action, found)
    return found


def own_plan(user, plan_id, action: str, *, lock=False) -> Plan:
    return permitted(user, Plan, plan_id, action, lock=lock)


def create_plan(
    user,
    *,
    module_id,
    title,
    available_minutes,
    start=None,
    time_zone=None,
    language="",
    breaks=None,
    overrides=None,
) -> Plan:
    """A plan; its zone is the one given, else the facilitator's own, else UTC; its
    module in ``language`` (one it is translated into), else in its own."""
    policy.require(user, "plans.create")
    module = known_module(module_id)
    zone = clean_time_zone(time_zone or getattr(user, "time_zone", "") or "UTC")
    plan = Plan(
        owner=user,
        module_id=module.id,
        title=_title(title),
        available_minutes=_minutes(available_minutes),
        start=_start(start, zone),
        time_zone=zone,
        language=_language(language, module),
        breaks=_breaks(breaks, module),
        overrides=_overrides(overrides, module),
    )
    with transaction.atomic():
        plan.save()
    return plan


def update_plan(
    user,
    plan_id,
    *,
    title=UNSET,
    available_minutes=UNSET,
    start=UNSET,
    time_zone=UNSET,
    language=UNSET,
    breaks=UNSET,
    overrides=UNSET,
) -> Plan:
    """Change what is given (UNSET leaves a field as it is; ``start=None`` clears it)."""
    with transaction.atomic():
        plan = own_plan(user, plan_id, "plan.edit", lock=True)
        module = known_module(plan.module_id)
        if title is not UNSET:
            plan.title = _title(title)
        if available_minutes is not UNSET:
            plan.available_minutes = _minutes(available_minutes)
        if time_zone is not UNSET:
            plan.time_zone = clean_time_zone(time_zone)
        if start is not UNSET:
            plan.start = _start(start, plan.time_zone)
        if language is not UNSET:
            plan.language = _language(language, module)
        if breaks is not UNSET:
            plan.breaks = _breaks(breaks, module)
        if overrides is not UNSET:
            plan.overrides = _overrides(overrides, module)
        plan.save()
    return plan


def set_override(user, plan_id, *, item_id, minutes=None, note="", video="") -> Plan:
    """Set (or, with nothing given, remove) the local change to one item."""
    with transaction.atomic():
        plan = own_plan(user, plan_id, "plan.edit", lock=True)
        module = known_module(plan.module_id)
        if item_id not in {item.id for item in module.items()}:
            raise DomainError(_("Choose an item of this module."), field="item_id")
        change = normalise_overrides(
            {item_id: {"minutes": minutes, "note": note, "video": video}},
            [item_id],
        )
        overrides = dict(plan.overrides or {})
        overrides.pop(item_id, None)
        overrides.update(change)
        plan.overrides = overrides
        plan.save()
    return plan


def delete_plan(user, plan_id) -> None:
    """Delete a plan and its closed live sessions; a session still running in a room
    keeps the plan in use (409, naming the session)."""
    with transaction.atomic():
        plan = own_plan(user, plan_id, "plan.delete", lock=True)
        running = list(
            plan.sessions.filter(status=LiveSession.Status.OPEN).values_list("code", flat=True)
        )
        if running:
            raise Conflict(
                _("The live session %(codes)s of this plan is still running: close it first.")
                % {"codes": ", ".join(sorted(running)[:5])}
            )
        plan.delete()
