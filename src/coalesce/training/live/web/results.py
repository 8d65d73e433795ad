"""The results of a live session, for its facilitator only (anybody else: 404): the
pre- and post-test per participant and per question, the change, SVG charts with the
same numbers in tables, and the session's record (the boards and the groups'
records), with a CSV download. No timers anywhere.
"""

import csv

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET

from coalesce.core import charts
from coalesce.core.forms import download
from coalesce.training.live import assessment
from coalesce.training.live import selectors as live_selectors
from coalesce.training.live import services as live_services

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
    chosen = live_selectors.choices_by_label(session)
    response = download(f"session-{session.pk}-results.csv", "text/csv; charset=utf-8")
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


urlpatterns = [
    path("sessions/<int:session_id>/results/", session_results, name="session_results"),
    path("sessions/<int:session_id>/results.csv", session_results_csv, name="session_results_csv"),
]
