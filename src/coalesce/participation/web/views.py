"""The participation pages: who has not taken part (the steering committee, admins), one
member's part (they, and the member itself), conduct reviews (the steering committee
records them) and the expectations beside the code of conduct.

Same shape as the other coalition pages: parse → ``coalition_page`` authorises →
selector or service → template; writes are POST only."""

from django.shortcuts import redirect
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from coalesce.coalitions.web.pages import (
    coalition_page,
    coalition_url,
    page,
    shown_to_form,
    sign_in_first,
)
from coalesce.core import charts
from coalesce.core.errors import DomainError, NotFound
from coalesce.core.forms import apply_domain_error, form_page, post_form
from coalesce.participation import policy, selectors, services
from coalesce.participation.web.forms import (
    ExpectationsForm,
    ListFilterForm,
    PeriodForm,
    ReviewForm,
)


def _shown_period(form, found):
    """The period form, holding the period that was read when none was asked for."""
    if found is not None and not form.is_bound:
        form.initial = {"start": found.period.start, "end": found.period.end}
    return form


def _chosen(form, read):
    """``read(**period)`` from a valid GET form; a bad period shows on the form (400)."""
    if not form.is_valid():
        return None, 400
    try:
        return read(**form.cleaned_data), 200
    except DomainError as error:
        if not shown_to_form(error):
            raise
        apply_domain_error(form, error)
        return None, error.status


@require_GET
@coalition_page("participation.list")
def index(request, actor):
    filters = ListFilterForm(request.GET or None)
    found, status = _chosen(
        filters if request.GET else ListFilterForm({}),
        lambda **data: selectors.listing(actor, **data),
    )
    return page(
        request,
        actor,
        "participation/index.html",
        status=status,
        filters=_shown_period(filters, found),
        listing=found,
    )


def _share(done, of):
    return None if not of else round(100 * done / of)


def trend_chart(view):
    """Month by month, the share of votes taken part in and of meetings attended."""
    groups = [
        (
            date_format(m.month, "YEAR_MONTH_FORMAT"),
            [
                _share(m.counts.votes_taken, m.counts.votes_eligible),
                _share(m.counts.meetings_attended, m.counts.meetings_invited),
            ],
        )
        for m in view.months
    ]
    return charts.grouped_bars(
        groups,
        [_("Votes"), _("Meetings")],
        title=_("Share of votes and meetings taken part in, month by month"),
        chart_id="participation-trend",
        maximum=100,
        suffix=" %",
    )


def _member_page(request, actor, membership_id, *, status=200, review_form=None):
    filters = PeriodForm(request.GET or None)
    found, read_status = _chosen(
        filters if request.GET else PeriodForm({}),
        lambda **data: selectors.member(actor, membership_id, **data),
    )
    if found is None:  # a bad period: the period's form alone, for whoever may see it
        selectors.membership(actor, membership_id)
    may_review = policy.allows(actor, "participation.review")
    return page(
        request,
        actor,
        "participation/member.html",
        status=status if found else read_status,
        filters=_shown_period(filters, found),
        view=found,
        chart=trend_chart(found) if found else "",
        review_form=(review_form or ReviewForm(auto_id="review_%s")) if may_review else None,
    )


@require_GET
@coalition_page(None)
def member(request, actor, membership_id):
    return sign_in_first(request, actor) or _member_page(request, actor, membership_id)


@require_GET
@coalition_page(None)
def mine(request, actor):
    """A member's way to its own record (404 for whoever holds no membership)."""
    if not actor.own_membership_ids:
        refused = sign_in_first(request, actor)
        if refused is not None:
            return refused
        raise NotFound()
    own = min(actor.own_membership_ids)
    return redirect(coalition_url(actor, "participation:member", membership_id=own))


@require_POST
@coalition_page("participation.review")
def review(request, actor, membership_id):
    form = ReviewForm(request.POST, auto_id="review_%s")
    return post_form(
        request,
        form,
        lambda data: services.record_review(actor, membership_id, **data),
        success=_("The conduct review is recorded."),
        done=coalition_url(actor, "participation:member", membership_id=membership_id),
        failed=lambda status: _member_page(
            request, actor, membership_id, status=status, review_form=form
        ),
    )


@require_http_methods(["GET", "POST"])
@coalition_page("participation.expectations")
def expectations(request, actor):
    """The expectations beside the code of conduct: every member reads them, the steering
    committee changes them."""
    if request.method == "POST":
        policy.require(actor, "participation.set_expectations")
    found = selectors.expectations(actor.coalition)
    initial = {
        "min_vote_share": found.min_vote_share,
        "min_attendance_share": found.min_attendance_share,
        "period_months": found.period_months,
    }
    form = ExpectationsForm(request.POST or None, initial=initial)
    return form_page(
        request,
        form,
        lambda data: services.set_expectations(actor, **data),
        success=_("The expectations are saved."),
        done=coalition_url(actor, "participation:index"),
        render=lambda status: page(
            request,
            actor,
            "participation/expectations.html",
            status=status,
            form=form if policy.allows(actor, "participation.set_expectations") else None,
            expectations=found,
            code_of_conduct=selectors.code_of_conduct(actor.coalition),
        ),
    )
