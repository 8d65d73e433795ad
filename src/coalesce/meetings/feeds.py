"""Calendar files of meetings (``calendar`` writes RFC 5545) as each reader may see them:
a venue the reader may not know is left out, and no file names anyone's e-mail address.
"""

from zoneinfo import ZoneInfo

from django.http import HttpResponse
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from coalesce.coalitions.policy import actor_for
from coalesce.meetings import calendar, policy, selectors
from coalesce.meetings.limits import FEED_REFRESH_HOURS
from coalesce.meetings.models import CalendarFeed, MeetingStatus

STATUS = {
    MeetingStatus.POLLING: "TENTATIVE",
    MeetingStatus.SCHEDULED: "CONFIRMED",
    MeetingStatus.CANCELLED: "CANCELLED",
}


def local_label(moment, zone: str) -> str:
    """A time in the viewer's zone, named; and, when the meeting is set in another zone, the
    time there too ("15:00 CET (17:00 in Africa/Nairobi)")."""
    if moment is None:
        return ""
    viewer = timezone.localtime(moment)
    label = formats.date_format(viewer, "DATETIME_FORMAT")
    if timezone.get_current_timezone_name() == zone:
        return label
    there = formats.time_format(moment.astimezone(ZoneInfo(zone)), "TIME_FORMAT")
    return _("%(time)s (%(there)s in %(zone)s)") % {"time": label, "there": there, "zone": zone}


def event(actor, meeting, request) -> calendar.CalendarEvent:
    venue = selectors.shown_venue(actor, meeting)
    page = reverse("meetings:meeting", args=[actor.coalition.slug, meeting.id])
    return calendar.CalendarEvent(
        uid=f"{meeting.uid}@coalesce",
        sequence=meeting.sequence,
        summary=meeting.title,
        description=meeting.description,
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        time_zone=meeting.time_zone,
        location=f"{venue.name}, {venue.address}" if venue else None,
        status=STATUS[meeting.status],
        url=request.build_absolute_uri(page),
        organizer_name=None,
        created=meeting.created_at,
        last_modified=meeting.updated_at,
    )


def one_meeting(actor, meeting, request) -> bytes:
    return calendar.calendar_file([event(actor, meeting, request)], name=meeting.title)


def personal(person, request) -> bytes | None:
    """The feed of the meetings a person is invited to (None: no longer a member)."""
    actor = actor_for(person.user, person.coalition)
    if not policy.allows(actor, "meetings.feed"):
        return None
    meetings = [m for m in selectors.calendar_meetings(actor) if policy.invited(actor, m)]
    return calendar.calendar_file(
        [event(actor, m, request) for m in meetings],
        name=_("%(coalition)s meetings") % {"coalition": person.coalition.name},
        refresh_hours=FEED_REFRESH_HOURS,
    )


def has_feed(actor) -> bool:
    return CalendarFeed.objects.filter(person_id__in=actor.person_ids).exists()


def response(content: bytes, filename: str) -> HttpResponse:
    answer = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    answer["Content-Disposition"] = f'attachment; filename="{filename}"'
    return answer
