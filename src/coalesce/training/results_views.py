"""Pages around a live session's outcome, for its facilitator only (anybody else: 404).

* the results of the pre- and post-test (per participant, per question, the change,
  SVG charts with the same numbers in tables) and the session's record (the boards and
  the groups' records), with a CSV download;
* paper mode: the facilitator types in the answers of people who took the test on
  paper, while the session is open;
* "into a real coalition": a finished session's work carried into a new coalition or
  one whose charter the facilitator keeps.

Thin views: parse → ``live_selectors``/``live_services``/``groundwork.services`` →
template. No timers anywhere.
"""

import csv

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods

from coalesce.core import charts
from coalesce.core.errors import DomainError, Forbidden, NotFound
from coalesce.core.forms import apply_domain_error, submit
from coalesce.groundwork import selectors as groundwork_selectors
from coalesce.groundwork import services as groundwork_services
from coalesce.training import assessment, live_selectors, live_services
from coalesce.training.models import LiveSession

GET_POST = require_http_methods(["GET", "POST"])
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _percent(share) -> int | None:
    return None if share is None else round(100 * share)


def _summary(results) -> dict:
    return {
        "out_of": results.out_of,
        "pre_takers": results.takers("pre"),
        "post_takers": results.takers("post"),
        "pre_mean": results.mean("pre"),
        "post_mean": results.mean("post"),
        "mean_change": results.mean_change,
    }


def _question_rows(results) -> list[dict]:
    return [
        {
            "number": q.number or q.question_id,
            "text": q.text,
            "answered": q.answered,
            "pre": _percent(q.share_correct("pre")),
            "post": _percent(q.share_correct("post")),
            "pre_wrong": q.most_chosen_wrong.get("pre"),
            "post_wrong": q.most_chosen_wrong.get("post"),
        }
        for q in results.questions
    ]


def _distribution(results) -> list[dict]:
    """How many participants had each score, in each test."""
    rows = []
    for score in range(results.out_of + 1):
        rows.append(
            {
                "score": score,
                "pre": sum(1 for p in results.participants if p.pre == score),
                "post": sum(1 for p in results.participants if p.post == score),
            }
        )
    return rows


def _charts(results, questions, distribution) -> dict:
    series = [_("Pre-test"), _("Post-test")]
    if not (results.takers("pre") or results.takers("post")):
        return {}
    return {
        "questions_chart": charts.grouped_bars(
            [(q["number"], [q["pre"], q["post"]]) for q in questions],
            series,
            title=_("Share of correct answers per question, pre-test and post-test"),
            chart_id="chart-questions",
            maximum=100,
            suffix="%",
        ),
        "scores_chart": charts.grouped_bars(
            [
                (
                    ngettext("%(n)d correct answer", "%(n)d correct answers", row["score"])
                    % {"n": row["score"]},
                    [row["pre"], row["post"]],
                )
                for row in distribution
            ],
            series,
            title=_("Participants by score, pre-test and post-test"),
            chart_id="chart-scores",
        ),
    }


@require_GET
@login_required
def session_results(request, session_id):
    session = live_services.facilitated(request.user, session_id, action="session.results")
    results = live_selectors.results_of(session)
    questions = _question_rows(results)
    distribution = _distribution(results)
    return render(
        request,
        "training/results/results.html",
        {
            "session": session,
            "module": live_services.module_of(session),
            "results": results,
            "summary": _summary(results),
            "questions": questions,
            "distribution": distribution,
            "boards": live_selectors.boards_of(session),
            "activities": live_selectors.all_groups_of(session),
            **_charts(results, questions, distribution),
        },
    )


def _cell(value):
    """A CSV cell: numbers as they are, blank for None, text guarded against being run
    as a formula by a spreadsheet (display names are typed by participants)."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


@require_GET
@login_required
def session_results_csv(request, session_id):
    session = live_services.facilitated(request.user, session_id, action="session.results")
    results = live_selectors.results_of(session)
    module = live_services.module_of(session)
    labels = live_selectors.unique_labels(session.participants.order_by("id"))
    chosen = {
        (labels[pid], phase, qid): choice
        for pid, phase, qid, choice in session.answers.values_list(
            "participant_id", "phase", "question_id", "choice"
        )
    }
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="session-{session.pk}-results.csv"'
    writer = csv.writer(response)
    phases = assessment.PHASES
    writer.writerow(
        [
            _cell(c)
            for c in [_("participant"), _("pre-test score"), _("post-test score"), _("change")]
        ]
        + [_cell(f"{q.number or q.id} {phase}") for q in module.questions for phase in phases]
    )
    for person in results.participants:
        row = [_cell(person.participant), _cell(person.pre), _cell(person.post)]
        row.append(_cell(person.change))
        for question in module.questions:
            for phase in phases:
                choice = chosen.get((person.participant, phase, question.id))
                row.append("" if choice is None else choice + 1)
        writer.writerow(row)
    return response


# --- paper mode ----------------------------------------------------------------------


class PaperParticipantForm(forms.Form):
    action = forms.CharField(widget=forms.HiddenInput, initial="add")
    label = forms.CharField(
        label=gettext_lazy("Label of the sheet"),
        max_length=live_services.MAX_NAME,
        help_text=gettext_lazy("What is written on the paper, e.g. “Sheet 4” or a first name."),
    )


class PaperAnswersForm(forms.Form):
    action = forms.CharField(widget=forms.HiddenInput, initial="answers")
    participant_id = forms.TypedChoiceField(label=gettext_lazy("Sheet"), coerce=int)
    phase = forms.ChoiceField(
        label=gettext_lazy("Test"), choices=LiveSession.Phase.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args, people, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        self.fields["participant_id"].choices = [("", "—"), *((p.pk, p.label) for p in people)]
        for question in questions:
            self.fields[f"answer_{question.id}"] = forms.TypedChoiceField(
                label=f"{question.number} {question.text}".strip(),
                label_suffix="",
                choices=[
                    ("", _("No answer")),
                    *((str(i), f"{i + 1}. {text}") for i, text in enumerate(question.options)),
                ],
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
            )

    def choices(self) -> dict:
        return {q.id: self.cleaned_data.get(f"answer_{q.id}") for q in self.questions}


def _paper_people(session):
    return list(
        session.participants.filter(on_paper=True)
        .annotate(
            pre=Count("answers", filter=Q(answers__phase="pre")),
            post=Count("answers", filter=Q(answers__phase="post")),
        )
        .order_by("id")
    )


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
    for qid, choice in session.answers.filter(
        participant_id=participant_id, phase=phase
    ).values_list("question_id", "choice"):
        initial[f"answer_{qid}"] = str(choice)
    return initial


@GET_POST
@login_required
def session_paper(request, session_id):
    session = live_services.facilitated(request.user, session_id)
    module = live_services.module_of(session)
    people = _paper_people(session)
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


# --- into a real coalition -----------------------------------------------------------


class IntoCoalitionForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name of a new coalition"), max_length=160, required=False
    )
    coalition = forms.ChoiceField(label=gettext_lazy("Or an existing coalition"), required=False)

    def __init__(self, *args, coalitions, **kwargs):
        super().__init__(*args, **kwargs)
        if coalitions:
            self.fields["coalition"].choices = [
                ("", _("— none: create a new one —")),
                *((c.slug, c.name) for c in coalitions),
            ]
            self.fields["coalition"].help_text = _(
                "Only coalitions whose charter you keep (steering committee or admin)."
            )
        else:
            del self.fields["coalition"]

    def clean(self):
        data = super().clean()
        name, slug = data.get("name", "").strip(), data.get("coalition", "")
        if name and slug:
            raise forms.ValidationError(
                _("Either name a new coalition or choose an existing one, not both.")
            )
        if not name and not slug and "coalition" not in self.errors:
            self.add_error("name", _("Name the new coalition, or choose an existing one."))
        return data


@GET_POST
@login_required
def session_coalition(request, session_id):
    preview = groundwork_selectors.carry_preview(request.user, session_id)
    coalitions = list(groundwork_selectors.coalitions_kept_by(request.user))
    form = IntoCoalitionForm(request.POST or None, coalitions=coalitions)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                carried = groundwork_services.session_to_coalition(
                    request.user,
                    preview.session.pk,
                    coalition_slug=form.cleaned_data.get("coalition", ""),
                    name=form.cleaned_data["name"],
                )
            except DomainError as error:
                if isinstance(error, NotFound | Forbidden) and error.field is None:
                    raise
                apply_domain_error(form, error, {"slug": "name"})
                status = error.status
            else:
                messages.success(request, _carried_message(carried))
                return redirect(
                    reverse("groundwork:index", kwargs={"slug": carried.coalition.slug})
                )
    return render(
        request,
        "training/results/coalition.html",
        {
            "session": preview.session,
            "module": preview.module,
            "preview": preview,
            "form": form,
        },
        status=status,
    )


def _carried_message(carried) -> str:
    counts = _(
        "%(partners)d new prospective partners, %(challenges)d new challenges, "
        "guidance on %(policies)d charter policies."
    ) % {
        "partners": carried.partners,
        "challenges": carried.challenges,
        "policies": carried.policies,
    }
    if carried.created:
        return _("The coalition “%(name)s” is created: %(counts)s") % {
            "name": carried.coalition.name,
            "counts": counts,
        }
    return _("Added to “%(name)s”: %(counts)s") % {"name": carried.coalition.name, "counts": counts}


urlpatterns = [
    path("sessions/<int:session_id>/results/", session_results, name="session_results"),
    path("sessions/<int:session_id>/results.csv", session_results_csv, name="session_results_csv"),
    path("sessions/<int:session_id>/paper/", session_paper, name="session_paper"),
    path("sessions/<int:session_id>/coalition/", session_coalition, name="session_coalition"),
]
