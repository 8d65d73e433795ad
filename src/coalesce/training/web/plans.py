"""Pages for facilitators: the module catalogue, their plans and the run sheet.

Thin views: parse a form → the training policy (through the selectors and services)
→ template. Every page needs a signed-in person (a signed-out visitor is sent to sign
in); a plan belonging to somebody else answers 404. Writes are POST-only and end in
a redirect with a message; a service's ``DomainError`` is shown on its field.
"""

from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from coalesce.core.errors import DomainError, NotFound
from coalesce.core.forms import form_page
from coalesce.training import selectors, services
from coalesce.training.agenda import refit
from coalesce.training.web.forms import OverrideForm, PlanForm, RefitForm, initial_breaks

GET_POST = require_http_methods(["GET", "POST"])


def _plan_url(plan) -> str:
    return reverse("training:plan", kwargs={"plan_id": plan.pk})


@require_GET
@login_required
def modules(request):
    return render(request, "training/modules.html", {"modules": selectors.modules(request.user)})


@require_GET
@login_required
def module(request, module_id):
    found = selectors.module(request.user, module_id)
    return render(request, "training/module.html", {"module": found})


@require_GET
@login_required
def plans(request):
    rows = []
    for plan in selectors.plans(request.user):
        rows.append((plan, selectors.plan_module(plan)))
    return render(request, "training/plans.html", {"rows": rows})


@GET_POST
@login_required
def plan_create(request):
    catalogue = selectors.modules(request.user)
    wanted = request.POST.get("module_id") or request.GET.get("module")
    chosen = next((m for m in catalogue if m.id == wanted), catalogue[0] if catalogue else None)
    form = PlanForm(
        request.POST or None,
        modules=catalogue,
        module=chosen,
        initial={
            "module_id": chosen.id if chosen else "",
            "title": chosen.title if chosen else "",
            "available_minutes": chosen.total_minutes if chosen else 120,
            "time_zone": request.user.time_zone or "UTC",
        },
    )
    return form_page(
        request,
        form,
        lambda data: services.create_plan(request.user, **form.service_data()),
        success=_("The plan is saved."),
        done=_plan_url,
        render=lambda status: render(
            request,
            "training/plan_form.html",
            {"form": form, "module": chosen, "catalogue": catalogue},
            status=status,
        ),
    )


def _plan_and_module(request, plan_id):
    plan = selectors.plan(request.user, plan_id)
    return plan, selectors.plan_module(plan)


def _plan_with_module(request, plan_id):
    """The plan and its module; 404 when the module is no longer in the catalogue."""
    plan, module = _plan_and_module(request, plan_id)
    if module is None:
        raise NotFound(_("This plan's module is no longer in the catalogue."))
    return plan, module


@require_GET
@login_required
def plan(request, plan_id):
    found, module = _plan_and_module(request, plan_id)
    agenda, error = selectors.agenda_or_error(found)
    with services.in_plan_zone(found):
        return render(
            request,
            "training/plan.html",
            {"plan": found, "module": module, "agenda": agenda, "fit_error": error},
        )


@GET_POST
@login_required
def plan_edit(request, plan_id):
    found, module = _plan_with_module(request, plan_id)
    start = timezone.localtime(found.start, ZoneInfo(found.time_zone)) if found.start else None
    form = PlanForm(
        request.POST or None,
        module=module,
        with_module=False,
        initial={
            "title": found.title,
            "available_minutes": found.available_minutes,
            "start": start.replace(tzinfo=None) if start else None,
            "time_zone": found.time_zone,
            "language": found.language or module.language,
            **initial_breaks(found.breaks),
        },
    )
    return form_page(
        request,
        form,
        lambda data: services.update_plan(request.user, found.pk, **form.service_data()),
        success=_("The plan is saved."),
        done=_plan_url(found),
        render=lambda status: render(
            request,
            "training/plan_form.html",
            {"form": form, "module": module, "plan": found},
            status=status,
        ),
    )


@GET_POST
@login_required
def plan_override(request, plan_id):
    found, module = _plan_with_module(request, plan_id)
    item_id = request.GET.get("item", "")
    current = (found.overrides or {}).get(item_id, {})
    form = OverrideForm(
        request.POST or None,
        module=module,
        initial={"item_id": item_id, **current},
    )
    return form_page(
        request,
        form,
        lambda data: services.set_override(request.user, found.pk, **data),
        success=_("The local change is saved."),
        done=_plan_url(found),
        render=lambda status: render(
            request,
            "training/override.html",
            {"form": form, "module": module, "plan": found},
            status=status,
        ),
    )


@require_POST
@login_required
def plan_delete(request, plan_id):
    services.delete_plan(request.user, plan_id)
    messages.success(request, _("The plan is deleted."))
    return redirect("training:plans")


@require_GET
@login_required
def plan_refit(request, plan_id):
    """What is left of a live session, re-fitted to the time left (nothing is stored)."""
    found, module = _plan_with_module(request, plan_id)
    bound = "minutes_used" in request.GET
    form = RefitForm(request.GET if bound else None, module=module)
    agenda, error, rest, status = None, None, None, 200
    agenda, error = selectors.agenda_or_error(found)
    if bound:
        if not form.is_valid():
            status = 400
        elif agenda is not None:
            now = None
            if agenda.start is None:
                now = timezone.localtime(timezone=ZoneInfo(found.time_zone))
                now = now.replace(second=0, microsecond=0)
            try:
                rest = refit(
                    agenda, form.cleaned_data["done"], form.cleaned_data["minutes_used"], now=now
                )
            except DomainError as refused:
                error = refused.message
                status = 400
    with services.in_plan_zone(found):
        return render(
            request,
            "training/refit.html",
            {"form": form, "module": module, "plan": found, "agenda": rest, "fit_error": error},
            status=status,
        )
