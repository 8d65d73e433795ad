"""Downloads of the printables as PDF: module handouts, assessment, answer key, role-play
cards, and a plan's run sheet.

Each takes ``?paper=a4`` (the default) or ``?paper=letter``; any other paper is a 400
with a message saying what to use. Who may download is decided in ``_authorise`` only,
with the training policy: any signed-in facilitator for the module printables, the
plan's owner only for a run sheet (anybody else gets a 404). Signed-out visitors are
sent to sign in.

``training/urls.py`` (namespace ``training``, under ``/training/``) adds ``urlpatterns``:
``training:print_handout``, ``print_assessment``, ``print_answer_key``,
``print_role_play``, ``print_run_sheet``.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse, HttpResponseBadRequest
from django.urls import path
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from coalesce.core.forms import download
from coalesce.training import policy, printables, selectors, services
from coalesce.training.catalogue import get_module


class _SignIn(Exception):
    pass


def _authorise(request, action: str, obj=None) -> None:
    """The one gate for every download: sign in first, then the training policy
    (which answers NotFound for someone else's plan)."""
    if not request.user.is_authenticated:
        raise _SignIn()
    policy.require(request.user, action, obj)


def _paper(request) -> str:
    paper = request.GET.get("paper", "a4")
    printables.page_size(paper)  # raises PaperError (400) with the message
    return paper


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = download(filename, "application/pdf", content)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _download(action: str):
    """Decorate ``view(request, paper, ...)`` with the gate and the paper parameter."""

    def decorator(view):
        @require_GET
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            try:
                _authorise(request, action, None)
            except _SignIn:
                return redirect_to_login(request.get_full_path())
            try:
                paper = _paper(request)
            except printables.PaperError as error:
                return HttpResponseBadRequest(
                    error.message, content_type="text/plain; charset=utf-8"
                )
            return view(request, paper, *args, **kwargs)

        return wrapper

    return decorator


@_download("catalogue.view")
def handout(request, paper, module_id, handout_id):
    module = get_module(module_id, get_language())
    content = printables.handout(module, handout_id, paper)
    return _pdf(content, f"{module.id}-handout-{handout_id}-{paper}.pdf")


@_download("catalogue.view")
def assessment(request, paper, module_id):
    module = get_module(module_id, get_language())
    return _pdf(printables.assessment(module, paper), f"{module.id}-assessment-{paper}.pdf")


@_download("catalogue.view")
def answer_key(request, paper, module_id):
    module = get_module(module_id, get_language())
    content = printables.assessment(module, paper, answer_key=True)
    return _pdf(content, f"{module.id}-answer-key-{paper}.pdf")


@_download("catalogue.view")
def role_play(request, paper, module_id):
    module = get_module(module_id, get_language())
    content = printables.role_play_cards(module, paper)
    return _pdf(content, f"{module.id}-role-play-cards-{paper}.pdf")


def plan_agenda(plan):
    """Fit the plan's module to its time, breaks and local changes (the planner's rule)."""
    return selectors.agenda(plan)


@require_GET
def run_sheet(request, plan_id):
    try:
        _authorise(request, "plans.list")
        # the policy answers NotFound for a missing plan and for somebody else's alike
        plan = selectors.plan(request.user, plan_id)
        paper = _paper(request)
    except _SignIn:
        return redirect_to_login(request.get_full_path())
    except printables.PaperError as error:
        return HttpResponseBadRequest(error.message, content_type="text/plain; charset=utf-8")
    with services.in_plan_zone(plan):
        content = printables.run_sheet(
            plan_agenda(plan), paper, overrides=plan.overrides, title=plan.title
        )
    day = plan.start.strftime("-%Y-%m-%d") if plan.start else ""
    return _pdf(content, f"plan-{plan.pk}-{plan.module_id}-run-sheet{day}-{paper}.pdf")


# Relative to the "training/" prefix under which training/urls.py is included.
urlpatterns = [
    path(
        "modules/<slug:module_id>/handout/<slug:handout_id>.pdf",
        handout,
        name="print_handout",
    ),
    path("modules/<slug:module_id>/assessment.pdf", assessment, name="print_assessment"),
    path("modules/<slug:module_id>/answer-key.pdf", answer_key, name="print_answer_key"),
    path("modules/<slug:module_id>/role-play.pdf", role_play, name="print_role_play"),
    path("plans/<int:plan_id>/run-sheet.pdf", run_sheet, name="print_run_sheet"),
]
