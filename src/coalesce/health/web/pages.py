"""The health check pages: the waves and the trend (one page), a wave's results,
answering a wave, and the steering committee's writes (open, close, act on a concern).

Same shape as the other coalition pages: ``coalition_page`` checks the action; writes
are POST-only (or a form page's POST) and go through ``health.services``; bad input
re-renders the page with the error on its field, the service's status, nothing saved."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from coalesce.coalitions.web.pages import coalition_page, coalition_url, page
from coalesce.core.forms import form_page, post_form
from coalesce.health import policy, selectors, services
from coalesce.health.items import ITEMS
from coalesce.health.models import ConcernKind
from coalesce.health.web.forms import AnswerForm, TaskConcernForm, WaveForm


def _index(request, actor, *, status=200, form=None):
    manager = policy.allows(actor, "health.manage")
    return page(
        request,
        actor,
        "health/index.html",
        waves=selectors.waves(actor),
        trend=selectors.trend(actor),
        form=(form or WaveForm()) if manager else None,
        withheld=selectors.withheld_text(),
        status=status,
    )


@require_GET
@coalition_page("health.view")
def index(request, actor):
    return _index(request, actor)


@require_POST
@coalition_page("health.manage")
def wave_open(request, actor):
    form = WaveForm(request.POST)
    return post_form(
        request,
        form,
        lambda data: services.open_wave(actor, **data),
        success=_("The health check is open."),
        done=lambda found: coalition_url(actor, "health:wave", wave_id=found.pk),
        failed=lambda status: _index(request, actor, status=status, form=form),
    )


def _wave(request, actor, wave_id, *, status=200, task_form=None, error=None):
    manager = policy.allows(actor, "health.manage")
    view = selectors.wave_view(actor, wave_id, with_committees=manager)
    if manager and view.committees and task_form is None:
        task_form = TaskConcernForm(committees=view.committees)
    return page(
        request,
        actor,
        "health/wave.html",
        view=view,
        wave=view.wave,
        items=ITEMS,
        manager=manager,
        task_form=task_form,
        page_error=error,
        withheld=selectors.withheld_text(),
        may_answer=policy.allows(actor, "health.answer"),
        status=status,
    )


@require_GET
@coalition_page("health.view")
def wave(request, actor, wave_id):
    return _wave(request, actor, wave_id)


@require_http_methods(["GET", "POST"])
@coalition_page("health.answer")
def answer(request, actor, wave_id):
    found = selectors.wave(actor, wave_id)
    form = AnswerForm(request.POST or None)
    return form_page(
        request,
        form,
        lambda data: services.answer(actor, found.pk, **form.write_arguments()),
        success=_("Thank you: your answer is counted, without your name."),
        done=coalition_url(actor, "health:index"),
        render=lambda status: page(
            request, actor, "health/answer.html", form=form, wave=found, status=status
        ),
    )


@require_POST
@coalition_page("health.manage")
def wave_close(request, actor, wave_id):
    services.close_wave(actor, wave_id)
    messages.success(request, _("The health check is closed."))
    return redirect(coalition_url(actor, "health:wave", wave_id=wave_id))


@require_POST
@coalition_page("health.manage")
def concern(request, actor, wave_id):
    kind = request.POST.get("kind", "")
    theme = request.POST.get("theme", "")
    form = TaskConcernForm(request.POST) if kind == ConcernKind.TASK else None
    if form is not None:
        form.fields["committee_id"].required = True

    def write(data):
        return services.open_concern(
            actor, wave_id, theme=theme, kind=kind, committee=data.get("committee_id")
        )

    done = coalition_url(actor, "health:wave", wave_id=wave_id)
    if form is not None:
        return post_form(
            request,
            form,
            write,
            success=_("The task is made."),
            done=done,
            failed=lambda status: _wave(request, actor, wave_id, status=status, task_form=form),
        )
    try:
        write({})
    except services.DomainError as error:
        if isinstance(error, services.NotFound):
            raise
        return _wave(request, actor, wave_id, status=error.status, error=error.message)
    messages.success(request, _("The conflict-register item is open."))
    return redirect(done)
