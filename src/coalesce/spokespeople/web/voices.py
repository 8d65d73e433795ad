"""Requests that need a voice: the list, a new request (the organisation whose turn it is
is proposed at once), one request with its voice, assigning by hand, answering.

Who was proposed and what they answered is shown only to the organisation and the
steering committee (``selectors``); everybody else sees the voice once it accepted.
"""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from coalesce.coalitions.web.pages import coalition_page, page
from coalesce.core.forms import form_page, post_form
from coalesce.spokespeople import policy, selectors, services
from coalesce.spokespeople.limits import MAX_TITLE
from coalesce.spokespeople.models import AssignmentStatus, RequestKind
from coalesce.spokespeople.web.forms import AnswerForm, AssignForm, RequestForm


def request_url(actor, request_id) -> str:
    return reverse(
        "spokespeople:request", kwargs={"slug": actor.coalition.slug, "request_id": request_id}
    )


@require_GET
@coalition_page("spokespeople.view")
def index(request, actor):
    return page(
        request,
        actor,
        "spokespeople/requests.html",
        rows=selectors.requests(actor),
        may_ask=policy.allows(actor, "spokespeople.request"),
    )


@coalition_page("spokespeople.request")
def create(request, actor):
    """A new request for a voice; a link may fill in its title and kind (a statement's
    page does: "Ask for a spokesperson")."""
    prefill = {
        "title": request.GET.get("title", "")[:MAX_TITLE],
        "kind": request.GET.get("kind") if request.GET.get("kind") in RequestKind.values else None,
    }
    form = RequestForm(
        request.POST if request.method == "POST" else None,
        initial={k: v for k, v in prefill.items() if v},
    )
    return form_page(
        request,
        form,
        lambda data: services.request_voice(actor, **data),
        success=_("The request is saved."),
        done=lambda voice_request: request_url(actor, voice_request.id),
        render=lambda status: page(
            request, actor, "spokespeople/request_form.html", status=status, form=form
        ),
    )


def _render(request, actor, request_id, *, status=200, assign_form=None, answer_form=None):
    row = selectors.request(actor, request_id)
    voice = row.voice
    may_answer = (
        voice is not None
        and voice.status == AssignmentStatus.PROPOSED
        and policy.allows(actor, "spokespeople.answer", voice.assignment)
    )
    mandates = selectors.assignable(actor, row.request)
    may_assign = policy.allows(actor, "spokespeople.request") and not (
        voice and voice.status == AssignmentStatus.ACCEPTED
    )
    return page(
        request,
        actor,
        "spokespeople/request.html",
        status=status,
        row=row,
        answer_form=answer_form or (AnswerForm() if may_answer else None),
        assign_form=assign_form
        or (AssignForm(mandates=mandates) if may_assign and mandates else None),
    )


@require_GET
@coalition_page("spokespeople.view")
def detail(request, actor, request_id):
    return _render(request, actor, request_id)


@require_POST
@coalition_page("spokespeople.request")
def assign(request, actor, request_id):
    row = selectors.request(actor, request_id)
    form = AssignForm(request.POST, mandates=selectors.assignable(actor, row.request))
    return post_form(
        request,
        form,
        lambda data: services.assign_voice(actor, request_id, **data),
        success=_("The spokesperson is asked."),
        done=request_url(actor, request_id),
        failed=lambda status: _render(request, actor, request_id, status=status, assign_form=form),
    )


@require_POST
@coalition_page("spokespeople.view")
def answer(request, actor, assignment_id):
    """Accept or decline: an expired mandate is refused (409) on the request's page."""
    request_id = selectors.request_of_assignment(actor, assignment_id)
    form = AnswerForm(request.POST)
    return post_form(
        request,
        form,
        lambda data: services.answer_assignment(
            actor, assignment_id, accept=data["answer"] == "accept"
        ),
        success=_("Your answer is saved."),
        done=lambda _assignment: request_url(actor, request_id),
        failed=lambda status: _render(request, actor, request_id, status=status, answer_form=form),
    )
