"""The meetings pages: the list, a new meeting and its poll, one meeting (answer the poll;
organisers: the scheduler's proposals), venues and one's private marks, the calendar.

Same shape as the other coalition pages: ``coalition_page`` loads the coalition and the
actor and checks the action; reads go through ``meetings.selectors`` and
``meetings.planning``, writes are POST-only through ``meetings.services``.
"""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from coalesce.coalitions.models import Committee
from coalesce.coalitions.web.pages import coalition_page, coalition_url, page
from coalesce.core.forms import form_page, post_form
from coalesce.core.localisation import as_reader
from coalesce.decisions.models import Proposal, ProposalStatus
from coalesce.meetings import attendance, feeds, planning, policy, scheduling, selectors, services
from coalesce.meetings.limits import PROPOSALS_SHOWN
from coalesce.meetings.models import MeetingStatus
from coalesce.meetings.web.forms import (
    AgendaItemForm,
    AnswerForm,
    MarksForm,
    MeetingForm,
    VenueForm,
)
from coalesce.meetings.web.minutes import minute_form


@require_GET
@coalition_page("meetings.list")
def index(request, actor):
    return page(
        request,
        actor,
        "meetings/index.html",
        lists=selectors.meetings(actor),
        may_organise=policy.allows(actor, "meetings.organise"),
    )


def _meeting_form(actor, data=None):
    return MeetingForm(
        data,
        auto_id="meeting_%s",
        committees=Committee.objects.filter(coalition=actor.coalition),
        venues=selectors.venues(actor),
        decisions=Proposal.objects.filter(coalition=actor.coalition).exclude(
            status=ProposalStatus.CLOSED
        ),
    )


@coalition_page("meetings.organise")
def new(request, actor):
    form = _meeting_form(actor, request.POST or None)
    return form_page(
        request,
        form,
        lambda data: services.create_meeting(actor, **data),
        success=_("The meeting is planned: invitees can now say when they can come."),
        done=lambda meeting: coalition_url(actor, "meetings:meeting", meeting_id=meeting.id),
        render=lambda status: page(request, actor, "meetings/new.html", form=form, status=status),
    )


def _labelled(times, meeting):
    for time in times:
        time.label = feeds.local_label(time.starts_at, meeting.time_zone)
    return times


def _times(meeting):
    return _labelled(list(meeting.times.all()), meeting)


def meeting_page(request, actor, meeting_id, *, status=200, **forms):
    """The meeting: when and where, the poll to answer, the agenda and the minutes."""
    meeting = selectors.meeting(actor, meeting_id)
    times = _times(meeting) if meeting.status == MeetingStatus.POLLING else []  # offered
    may_answer = meeting.status == MeetingStatus.POLLING and policy.allows(
        actor, "meetings.answer", meeting
    )
    form = forms.get("form")
    if may_answer and form is None:
        answers, zone = selectors.my_answers(actor, meeting)
        form = AnswerForm(times=times, answers=answers, zone=zone, auto_id="answer_%s")
    organising = meeting.status != MeetingStatus.CANCELLED and policy.allows(
        actor, "meetings.organise", meeting
    )
    record = selectors.agenda_and_minutes(meeting)
    keeps_minutes = organising and meeting.status == MeetingStatus.SCHEDULED
    return page(
        request,
        actor,
        "meetings/meeting.html",
        status=status,
        meeting=meeting,
        times=times,
        venue=selectors.shown_venue(actor, meeting),
        starts_label=feeds.local_label(meeting.starts_at, meeting.time_zone),
        form=form if may_answer else None,
        organising=organising,
        agenda=record.agenda,
        minutes=record.minutes,
        agenda_form=(forms.get("agenda_form") or AgendaItemForm(auto_id="agenda_%s"))
        if organising
        else None,
        minute_form=(forms.get("minute_form") or minute_form(actor))
        if keeps_minutes and meeting.minutes_closed_at is None
        else None,
        records_attendance=keeps_minutes and attendance.may_record(meeting),
    )


@require_GET
@coalition_page("meetings.organise")
def plan(request, actor, meeting_id):
    """The organisers' page: the scheduler's best (time, venue) pairs, each explained."""
    meeting = selectors.meeting(actor, meeting_id)
    policy.require(actor, "meetings.organise", meeting)
    found = planning.plan(actor, meeting, limit=PROPOSALS_SHOWN)
    return page(
        request,
        actor,
        "meetings/plan.html",
        meeting=meeting,
        proposals=_proposal_rows(found, meeting),
        blockers=scheduling.explain_blockers(found.schedule),
    )


def _proposal_rows(found, meeting):
    return [
        {
            "proposal": proposal,
            "time": found.times[proposal.slot],
            "time_label": feeds.local_label(
                found.times[proposal.slot].starts_at, meeting.time_zone
            ),
            "venue": found.venues[proposal.venue],
            "lines": scheduling.explain(proposal, found.schedule),
        }
        for proposal in found.schedule.proposals
    ]


@require_GET
@coalition_page("meetings.list")
def meeting(request, actor, meeting_id):
    return meeting_page(request, actor, meeting_id)


@require_POST
@coalition_page("meetings.list")
def answer(request, actor, meeting_id):
    meeting = selectors.meeting(actor, meeting_id)
    policy.require(actor, "meetings.answer", meeting)
    form = AnswerForm(request.POST, times=_times(meeting), auto_id="answer_%s")
    return post_form(
        request,
        form,
        lambda data: services.answer_poll(actor, meeting_id, **form.service_data()),
        success=_("Your answers are saved. You can change them until the poll closes."),
        done=coalition_url(actor, "meetings:meeting", meeting_id=meeting_id),
        failed=lambda status: meeting_page(request, actor, meeting_id, form=form, status=status),
        aliases={"answers": "__all__"},
    )


@require_POST
@coalition_page("meetings.organise")
def schedule(request, actor, meeting_id):
    try:
        time_id, venue_id = int(request.POST.get("time_id")), int(request.POST.get("venue_id"))
    except (TypeError, ValueError):
        time_id = venue_id = None
    services.schedule_meeting(actor, meeting_id, time_id=time_id, venue_id=venue_id)
    messages.success(request, _("The meeting is scheduled; calendars will show it."))
    return redirect(coalition_url(actor, "meetings:meeting", meeting_id=meeting_id))


@require_POST
@coalition_page("meetings.organise")
def cancel(request, actor, meeting_id):
    services.cancel_meeting(actor, meeting_id)
    messages.success(request, _("The meeting is cancelled; calendars will show it so."))
    return redirect(coalition_url(actor, "meetings:meeting", meeting_id=meeting_id))


@require_GET
@coalition_page("meetings.list")
def ics(request, actor, meeting_id):
    found = selectors.meeting(actor, meeting_id)
    if found.starts_at is None:
        raise Http404
    return feeds.response(feeds.one_meeting(actor, found, request), f"meeting-{found.id}.ics")


def _venues_page(request, actor, *, venue_form=None, marks_form=None, status=200):
    venues = selectors.venues(actor)
    if policy.allows(actor, "venues.manage") and venue_form is None:
        venue_form = VenueForm(auto_id="venue_%s")
    if policy.allows(actor, "venues.mark") and marks_form is None:
        marks_form = MarksForm(
            venues=venues,
            initial={"venue_ids": sorted(selectors.my_unsafe_venues(actor))},
            auto_id="marks_%s",
        )
    return page(
        request,
        actor,
        "meetings/venues.html",
        status=status,
        venues=venues,
        venue_form=venue_form,
        marks_form=marks_form,
        may_manage=policy.allows(actor, "venues.manage"),
    )


@require_GET
@coalition_page("venues.list")
def venues(request, actor):
    return _venues_page(request, actor)


@require_POST
@coalition_page("venues.manage")
def venue_add(request, actor):
    form = VenueForm(request.POST, auto_id="venue_%s")
    return post_form(
        request,
        form,
        lambda data: services.add_venue(actor, **data),
        success=_("The venue is on the list."),
        done=coalition_url(actor, "meetings:venues"),
        failed=lambda status: _venues_page(request, actor, venue_form=form, status=status),
    )


@require_POST
@coalition_page("venues.manage")
def venue_remove(request, actor, venue_id):
    services.remove_venue(actor, venue_id)
    messages.success(request, _("The venue is off the list."))
    return redirect(coalition_url(actor, "meetings:venues"))


@require_POST
@coalition_page("venues.mark")
def marks(request, actor):
    form = MarksForm(request.POST, venues=selectors.venues(actor), auto_id="marks_%s")
    return post_form(
        request,
        form,
        lambda data: services.set_unsafe_venues(actor, **data),
        success=_("Your private list of venues is saved."),
        done=coalition_url(actor, "meetings:venues"),
        failed=lambda status: _venues_page(request, actor, marks_form=form, status=status),
    )


@coalition_page("meetings.feed")
def calendar(request, actor):
    feed_url = None
    if request.method == "POST":
        token = services.reset_feed(actor)
        feed_url = request.build_absolute_uri(coalition_url(actor, "meetings:feed", token=token))
    return page(
        request, actor, "meetings/calendar.html", feed_url=feed_url, has_feed=feeds.has_feed(actor)
    )


@require_GET
def feed(request, slug, token):
    """A person's subscribable calendar: the secret in the address is the authority."""
    person = services.feed_person(token)
    if person is None or person.coalition.slug != slug or person.user is None:
        raise Http404
    with as_reader(person.user, time_zone=person.coalition.time_zone):  # no session here
        content = feeds.personal(person, request)
    if content is None:
        raise Http404
    return HttpResponse(content, content_type="text/calendar; charset=utf-8")
