"""Paper mode, for a live session's facilitator only (anybody else: 404): while the
session is open, the facilitator types in the answers of people who took the test on
printed sheets."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coalesce.core.forms import submit
from coalesce.training.live import selectors as live_selectors
from coalesce.training.live import services as live_services
from coalesce.training.live.web.forms import PaperAnswersForm, PaperParticipantForm
from coalesce.training.models import LiveSession

GET_POST = require_http_methods(["GET", "POST"])


def _initial_answers(request, session, people) -> dict:
    """Prefill the answers form from ?participant=<id>&phase=pre|post (to correct)."""
    try:
        participant_id = int(request.GET.get("participant", ""))
    except ValueError:
        return {}
    phase = request.GET.get("phase", "")
    if participant_id not in {p.pk for p in people} or phase not in LiveSession.Phase.values:
        return {}
    initial = {"participant_id": participant_id, "phase": phase}
    for qid, choice in live_selectors.chosen_options(session, participant_id, phase).items():
        initial[f"answer_{qid}"] = str(choice)
    return initial


@GET_POST
@login_required
def session_paper(request, session_id):
    session = live_services.facilitated(request.user, session_id)
    module = live_services.module_of(session)
    people = live_selectors.paper_people(session)
    data = request.POST if request.method == "POST" else None
    action = request.POST.get("action") if data is not None else None
    add_form = PaperParticipantForm(data if action == "add" else None, auto_id="add_%s")
    answers_form = PaperAnswersForm(
        data if action == "answers" else None,
        people=people,
        questions=module.questions,
        auto_id="paper_%s",
        initial=_initial_answers(request, session, people) if data is None else None,
    )
    status = 200
    url = reverse("training:session_paper", kwargs={"session_id": session.pk})
    if action == "add":
        submission = submit(
            request,
            add_form,
            lambda d: live_services.add_paper_participant(request.user, session.pk, d["label"]),
            success=_("The sheet is added; now type in its answers."),
        )
        status = submission.status
        if status is None:
            return redirect(f"{url}?participant={submission.result.pk}&phase=pre")
    elif action == "answers":
        status = submit(
            request,
            answers_form,
            lambda d: live_services.record_paper_answers(
                request.user, session.pk, d["participant_id"], d["phase"], answers_form.choices()
            ),
            success=_("The answers are saved."),
        ).status
        if status is None:
            return redirect(url)
    elif data is not None:
        status = 400
        messages.error(request, _("Choose what to do: add a sheet or type in answers."))
    return render(
        request,
        "training/results/paper.html",
        {
            "session": session,
            "module": module,
            "people": people,
            "add_form": add_form,
            "answers_form": answers_form,
        },
        status=status,
    )


urlpatterns = [
    path("sessions/<int:session_id>/paper/", session_paper, name="session_paper"),
]
