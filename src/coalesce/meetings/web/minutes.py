"""The meeting page's agenda and minutes: add and remove items, the first meeting's
template, close the minutes (decisions recorded, actions made tasks), all POST, shown by
the meeting page (``views.meeting``); and who attended, on a page of its own."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from coalesce.coalitions.models import Committee
from coalesce.coalitions.web.pages import coalition_page, coalition_url, page
from coalesce.core.errors import Conflict
from coalesce.core.forms import post_form
from coalesce.decisions.models import Proposal
from coalesce.meetings import attendance, minutes
from coalesce.meetings.web.forms import AgendaItemForm, AttendanceForm, MinuteForm


def _back(actor, meeting_id):
    return coalition_url(actor, "meetings:meeting", meeting_id=meeting_id)


def minute_form(actor, data=None):
    return MinuteForm(
        data,
        auto_id="minute_%s",
        committees=Committee.objects.filter(coalition=actor.coalition),
        proposals=Proposal.objects.filter(coalition=actor.coalition).order_by("-id")[:100],
    )


def _failed(request, actor, meeting_id, **forms):
    from coalesce.meetings.web.views import meeting_page  # the page imports this module

    return lambda status: meeting_page(request, actor, meeting_id, status=status, **forms)


@require_POST
@coalition_page("meetings.organise")
def agenda_add(request, actor, meeting_id):
    form = AgendaItemForm(request.POST, auto_id="agenda_%s")
    return post_form(
        request,
        form,
        lambda data: minutes.add_agenda_item(actor, meeting_id, **data),
        success=_("The item is on the agenda."),
        done=_back(actor, meeting_id),
        failed=_failed(request, actor, meeting_id, agenda_form=form),
    )


@require_POST
@coalition_page("meetings.organise")
def agenda_template(request, actor, meeting_id):
    minutes.use_first_meeting_agenda(actor, meeting_id)
    messages.success(request, _("The agenda of a coalition's first meeting is in place."))
    return redirect(_back(actor, meeting_id))


@require_POST
@coalition_page("meetings.organise")
def agenda_remove(request, actor, meeting_id, item_id):
    minutes.remove_agenda_item(actor, meeting_id, item_id)
    messages.success(request, _("The item is off the agenda."))
    return redirect(_back(actor, meeting_id))


@require_POST
@coalition_page("meetings.organise")
def minute_add(request, actor, meeting_id):
    form = minute_form(actor, request.POST)
    return post_form(
        request,
        form,
        lambda data: minutes.add_minute(actor, meeting_id, **data),
        success=_("It is in the minutes."),
        done=_back(actor, meeting_id),
        failed=_failed(request, actor, meeting_id, minute_form=form),
    )


@require_POST
@coalition_page("meetings.organise")
def minute_remove(request, actor, meeting_id, item_id):
    minutes.remove_minute(actor, meeting_id, item_id)
    messages.success(request, _("It is out of the minutes."))
    return redirect(_back(actor, meeting_id))


@require_POST
@coalition_page("meetings.organise")
def minutes_close(request, actor, meeting_id):
    minutes.close_minutes(actor, meeting_id)
    messages.success(
        request, _("The minutes are closed: decisions are recorded and actions are tasks.")
    )
    return redirect(_back(actor, meeting_id))


def attendance_form(actor, meeting, data=None):
    """The attendance form of a meeting that has started, for its organisers (else None)."""
    if not attendance.may_record(meeting):
        return None
    invitees = attendance.attendance(actor, meeting)
    return AttendanceForm(data, invitees=invitees, auto_id="attendance_%s")


@require_http_methods(["GET", "POST"])
@coalition_page("meetings.organise")
def attendance_record(request, actor, meeting_id):
    """Who attended a meeting that has started: the organisers' form (its own page, so
    the meeting page stays light), and recording it."""
    from coalesce.meetings.selectors import meeting as meeting_of

    meeting = meeting_of(actor, meeting_id)
    data = request.POST if request.method == "POST" else None
    form = attendance_form(actor, meeting, data)
    if form is None:
        raise Conflict(_("Attendance is recorded for a scheduled meeting once it has started."))
    if request.method != "POST":
        return _attendance_page(request, actor, meeting, form)
    return post_form(
        request,
        form,
        lambda data: attendance.record_attendance(
            actor, meeting=meeting_id, memberships=data["membership_ids"]
        ),
        success=_("The attendance is recorded."),
        done=_back(actor, meeting_id),
        failed=lambda status: _attendance_page(request, actor, meeting, form, status=status),
    )


def _attendance_page(request, actor, meeting, form, *, status=200):
    return page(
        request, actor, "meetings/attendance.html", status=status, meeting=meeting, form=form
    )
