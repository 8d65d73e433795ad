"""Calendar files (RFC 5545) for meetings: one meeting's ``.ics`` or a coalition's feed.

Pure: no database, no request. The caller (the meetings selectors, which decide what the
reader may see) hands over :class:`CalendarEvent` values; :func:`calendar_file` turns them
into the bytes of a ``VCALENDAR`` and :func:`parse_events` reads such bytes back.

What the file holds, and why:

- ``METHOD:PUBLISH`` and, per event, a stable ``UID`` and a ``SEQUENCE`` the caller raises
  on every change of time, place or status, so that calendar programs update the event they
  already have instead of adding a second one. A cancelled meeting stays in the file with
  ``STATUS:CANCELLED`` so that clients remove it.
- ``DTSTAMP`` is the event's ``last_modified`` (in UTC), never "now": two exports of the
  same data are byte-identical, so a feed does not change unless a meeting did.
- ``DTSTART``/``DTEND`` carry ``TZID=<time_zone>`` in the meeting's own zone, and the file
  holds one ``VTIMEZONE`` per zone used (sorted by name, covering only the years the events
  need), so that programs that do not know IANA names still place the event right. UTC
  is written with ``Z`` and needs none. A time in the hour repeated when clocks go back,
  second time round, is written in UTC too: RFC 5545 reads that local time as the first.
- Text escaping, folding at 75 octets and CRLF line ends are the ``icalendar`` library's.

**Never an e-mail address.** A calendar file travels: it is forwarded, synced to phones
and to providers' servers. So there is no ``ATTENDEE`` and no ``ORGANIZER`` (RFC 5545
wants a URI there, in practice ``mailto:``); ``organizer_name``, a display label only, is
written as the description's last line ("Organised by …"). Defensively,
:func:`calendar_file` raises ``ValueError`` when any field other than the description (the
UID, summary, location, URL, organiser label, zone, and the calendar's name) looks like an
e-mail address or holds "mailto:" — the caller must never pass one, so a UID is
"<uuid>@coalesce" (no dot after the "@"), not "<uuid>@host.example". The description is
the meeting's own plain text, written by its organisers, and is left as it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.utils.translation import gettext as _
from icalendar import Calendar, Event, Timezone, vDuration

PRODID = "-//Coalesce//Meetings//EN"
STATUSES = ("TENTATIVE", "CONFIRMED", "CANCELLED")

# Something that looks like an e-mail address: a local part, "@", a domain with a dot;
# or a mailto: link, with or without one.
_EMAIL = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+|mailto:", re.IGNORECASE)


@dataclass(frozen=True)
class CalendarEvent:
    uid: str  # stable per meeting, e.g. "<uuid>@coalesce" — given by the caller
    sequence: int  # the caller raises it on every change of time, place or status
    summary: str
    description: str  # plain text; may be ""
    starts_at: datetime  # aware
    ends_at: datetime  # aware
    time_zone: str  # IANA name the meeting is expressed in ("Africa/Nairobi")
    location: str | None  # None when the reader may not know the venue -> no LOCATION
    status: str  # "TENTATIVE" | "CONFIRMED" | "CANCELLED"
    url: str | None  # absolute link to the meeting page
    organizer_name: str | None  # a display label only; NEVER an e-mail
    created: datetime
    last_modified: datetime


def calendar_file(
    events: Iterable[CalendarEvent], *, name: str, refresh_hours: int | None = None
) -> bytes:
    """The ``.ics`` bytes of ``events``, in their given order, as a calendar called ``name``.

    ``refresh_hours`` makes it a feed: ``REFRESH-INTERVAL`` and ``X-PUBLISHED-TTL`` tell
    subscribed programs how often to fetch it again. Raises ``ValueError`` for an event
    that cannot be written correctly (naive or reversed times, an unknown zone or status,
    a relative URL) and for anything but the description that looks like an e-mail address.
    """
    _refuse_email("name", name)
    calendar = Calendar()
    calendar.add("PRODID", PRODID)
    calendar.add("VERSION", "2.0")
    calendar.add("CALSCALE", "GREGORIAN")
    calendar.add("METHOD", "PUBLISH")
    calendar.calendar_name = name
    if refresh_hours is not None:
        if isinstance(refresh_hours, bool) or not isinstance(refresh_hours, int):
            raise ValueError("refresh_hours must be a whole number of hours.")
        if refresh_hours <= 0:
            raise ValueError("refresh_hours must be positive.")
        interval = timedelta(hours=refresh_hours)
        calendar.add("REFRESH-INTERVAL", interval, parameters={"VALUE": "DURATION"})
        calendar.add("X-PUBLISHED-TTL", vDuration(interval))
    components = [_component(_checked(event)) for event in events]
    for tzid, (first_year, last_year) in sorted(_years_by_zone(components).items()):
        calendar.add_component(_timezone(tzid, first_year, last_year))
    for component in components:
        calendar.add_component(component)
    return calendar.to_ical()


def parse_events(data: bytes) -> list[dict]:
    """The events of a calendar file, as plain values (times are aware datetimes).

    Keys: uid, sequence, status, dtstart, dtend, location, summary, description, url;
    a missing LOCATION, URL or DESCRIPTION reads as None, None and "".
    """
    calendar = Calendar.from_ical(data)
    return [
        {
            "uid": str(event["UID"]),
            "sequence": int(event.get("SEQUENCE", 0)),
            "status": str(event.get("STATUS", "")),
            "dtstart": event.decoded("DTSTART"),
            "dtend": event.decoded("DTEND"),
            "location": _text_or_none(event.get("LOCATION")),
            "summary": str(event.get("SUMMARY", "")),
            "description": str(event.get("DESCRIPTION", "")),
            "url": _text_or_none(event.get("URL")),
        }
        for event in calendar.walk("VEVENT")
    ]


def _text_or_none(value) -> str | None:
    return None if value is None else str(value)


def _refuse_email(field: str, value: str | None) -> None:
    if value is not None and _EMAIL.search(value):
        raise ValueError(
            f"{field} looks like it holds an e-mail address; calendar files carry none."
        )


def _checked(event: CalendarEvent) -> CalendarEvent:
    """``event`` itself, once every rule of the module docstring holds for it."""
    for field in ("uid", "summary", "location", "url", "organizer_name", "time_zone"):
        _refuse_email(field, getattr(event, field))
    if not event.uid.strip():
        raise ValueError("An event needs a UID.")
    if isinstance(event.sequence, bool) or not isinstance(event.sequence, int):
        raise ValueError("sequence must be a whole number.")
    if event.sequence < 0:
        raise ValueError("sequence must not be negative.")
    if event.status not in STATUSES:
        raise ValueError(f"status must be one of {', '.join(STATUSES)}.")
    for field in ("starts_at", "ends_at", "created", "last_modified"):
        moment = getattr(event, field)
        if moment.tzinfo is None or moment.utcoffset() is None:
            raise ValueError(f"{field} must be an aware datetime.")
    if event.ends_at <= event.starts_at:
        raise ValueError("An event must end after it starts.")
    _zone(event.time_zone)
    if event.url is not None:
        parts = urlsplit(event.url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError("url must be an absolute http(s) link.")
    return event


def _zone(time_zone: str) -> ZoneInfo:
    try:
        return ZoneInfo(time_zone)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ValueError(f"Unknown time zone {time_zone!r}.") from error


def _component(event: CalendarEvent) -> Event:
    zone = _zone(event.time_zone)
    component = Event()
    component.add("UID", event.uid)
    component.add("SEQUENCE", event.sequence)
    component.add("DTSTAMP", _utc(event.last_modified))
    component.add("DTSTART", _local(event.starts_at, zone))
    component.add("DTEND", _local(event.ends_at, zone))
    component.add("SUMMARY", event.summary)
    description = _description(event)
    if description:
        component.add("DESCRIPTION", description)
    if event.location is not None:
        component.add("LOCATION", event.location)
    component.add("STATUS", event.status)
    if event.url is not None:
        component.add("URL", event.url)
    component.add("CREATED", _utc(event.created))
    component.add("LAST-MODIFIED", _utc(event.last_modified))
    return component


def _local(moment: datetime, zone: ZoneInfo) -> datetime:
    """``moment`` in ``zone`` — or in UTC when it is the second of two instants with the
    same local time (the hour repeated when clocks go back): RFC 5545 reads such a local
    time as the first, so only UTC names the second one right."""
    local = moment.astimezone(zone)
    if local.fold and local.replace(fold=0).utcoffset() != local.utcoffset():
        return _utc(moment)
    return local


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def _description(event: CalendarEvent) -> str:
    """The description, with the organiser's label as its last line (never an ORGANIZER)."""
    lines = [event.description] if event.description else []
    if event.organizer_name:
        lines.append(_("Organised by %(name)s") % {"name": event.organizer_name})
    return "\n".join(lines)


def _years_by_zone(components: list[Event]) -> dict[str, tuple[int, int]]:
    """For each TZID the events name (UTC is written with Z and names none), the first and
    last year in which they start or end there."""
    years: dict[str, tuple[int, int]] = {}
    for component in components:
        for key in ("DTSTART", "DTEND"):
            prop = component[key]
            tzid = prop.params.get("TZID")
            if tzid is None:
                continue
            year = prop.dt.year
            first, last = years.get(tzid, (year, year))
            years[tzid] = (min(first, year), max(last, year))
    return years


def _timezone(tzid: str, first_year: int, last_year: int) -> Timezone:
    """A fresh VTIMEZONE for ``tzid`` from 1 January of ``first_year`` to the end of
    ``last_year`` (a component can belong to only one calendar, so the cache holds bytes)."""
    return Timezone.from_ical(_timezone_ical(tzid, first_year, last_year))


@lru_cache(maxsize=64)
def _timezone_ical(tzid: str, first_year: int, last_year: int) -> bytes:
    return Timezone.from_tzinfo(
        _zone(tzid),
        tzid,
        first_date=date(first_year, 1, 1),
        last_date=date(last_year + 1, 1, 1),
    ).to_ical()
