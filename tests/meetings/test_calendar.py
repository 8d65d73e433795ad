"""Calendar files for meetings: the RFC 5545 shape, time zones, and never an e-mail address."""

import dataclasses
import itertools
import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st
from icalendar import Calendar

from coalesce.meetings.calendar import CalendarEvent, calendar_file, parse_events

BERLIN = ZoneInfo("Europe/Berlin")
NAIROBI = ZoneInfo("Africa/Nairobi")
ZONES = ["UTC", "Africa/Nairobi", "Europe/Berlin", "America/New_York", "Australia/Sydney"]
T0 = datetime(2026, 3, 2, 7, 0, tzinfo=UTC)


def make(**changes) -> CalendarEvent:
    values = {
        "uid": "0b7e8f4e-6a51-4c1e-9f57-3f2a8b1d9c01@coalesce",
        "sequence": 3,
        "summary": "Steering meeting",
        "description": "Agenda: the budget.",
        "starts_at": T0,
        "ends_at": T0 + timedelta(hours=2),
        "time_zone": "Africa/Nairobi",
        "location": "Community hall",
        "status": "CONFIRMED",
        "url": "https://coalesce.example/c/ssr/meetings/7/",
        "organizer_name": None,
        "created": datetime(2026, 1, 5, 9, 30, tzinfo=UTC),
        "last_modified": datetime(2026, 2, 1, 12, 0, 15, tzinfo=NAIROBI),
    }
    return CalendarEvent(**(values | changes))


def instant(moment: datetime) -> datetime:
    """``moment`` in UTC: equal instants compare equal even in the hour repeated when clocks
    go back, where Python's comparison across zones says "not equal" (PEP 495)."""
    return moment.astimezone(UTC)


def lines(data: bytes) -> list[str]:
    """The unfolded content lines."""
    return data.decode().replace("\r\n ", "").split("\r\n")


def only_event(data: bytes):
    (event,) = Calendar.from_ical(data).walk("VEVENT")
    return event


def test_the_calendar_says_what_it_is():
    text = lines(calendar_file([make()], name="SSR coalition — meetings"))
    assert text[0] == "BEGIN:VCALENDAR"
    for line in (
        "VERSION:2.0",
        "PRODID:-//Coalesce//Meetings//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:SSR coalition — meetings",
    ):
        assert line in text
    assert not [line for line in text if line.startswith(("REFRESH-INTERVAL", "X-PUBLISHED-TTL"))]


def test_a_feed_says_how_often_to_fetch_it_again():
    text = lines(calendar_file([make()], name="Feed", refresh_hours=12))
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT12H" in text
    assert "X-PUBLISHED-TTL:PT12H" in text
    parsed = Calendar.from_ical(calendar_file([], name="Feed", refresh_hours=12))
    assert parsed.refresh_interval == timedelta(hours=12)


@pytest.mark.parametrize("hours", [0, -1, 1.5, True])
def test_a_feed_needs_a_positive_whole_number_of_hours(hours):
    with pytest.raises(ValueError):
        calendar_file([make()], name="Feed", refresh_hours=hours)


def test_one_event_with_every_field():
    event = make(organizer_name="The steering committee")
    text = lines(calendar_file([event], name="Meetings"))
    body = text[text.index("BEGIN:VEVENT") + 1 : text.index("END:VEVENT")]
    assert sorted(line.split(":", 1)[0].split(";", 1)[0] for line in body) == sorted(
        [
            "UID",
            "SEQUENCE",
            "DTSTAMP",
            "DTSTART",
            "DTEND",
            "SUMMARY",
            "DESCRIPTION",
            "LOCATION",
            "STATUS",
            "URL",
            "CREATED",
            "LAST-MODIFIED",
        ]
    )
    for line in (
        f"UID:{event.uid}",
        "SEQUENCE:3",
        # the meeting is expressed in Nairobi (UTC+3): 07:00 UTC is 10:00 there
        "DTSTART;TZID=Africa/Nairobi:20260302T100000",
        "DTEND;TZID=Africa/Nairobi:20260302T120000",
        # DTSTAMP is last_modified, in UTC (12:00:15 in Nairobi)
        "DTSTAMP:20260201T090015Z",
        "LAST-MODIFIED:20260201T090015Z",
        "CREATED:20260105T093000Z",
        "STATUS:CONFIRMED",
        "URL:https://coalesce.example/c/ssr/meetings/7/",
        "LOCATION:Community hall",
    ):
        assert line in body
    assert only_event(calendar_file([event], name="Meetings"))["DESCRIPTION"] == (
        "Agenda: the budget.\nOrganised by The steering committee"
    )


def test_no_description_location_or_url_when_there_is_none():
    data = calendar_file([make(description="", location=None, url=None)], name="Meetings")
    event = only_event(data)
    for absent in ("DESCRIPTION", "LOCATION", "URL"):
        assert absent not in event
    (parsed,) = parse_events(data)
    assert (parsed["description"], parsed["location"], parsed["url"]) == ("", None, None)


def test_the_organiser_label_alone_makes_the_description():
    data = calendar_file([make(description="", organizer_name="Chair")], name="M")
    assert only_event(data)["DESCRIPTION"] == "Organised by Chair"


def test_two_exports_of_the_same_data_are_byte_identical():
    events = [make(), make(uid="second@coalesce", time_zone="Europe/Berlin", status="TENTATIVE")]
    first = calendar_file(events, name="Meetings", refresh_hours=6)
    second = calendar_file(list(events), name="Meetings", refresh_hours=6)
    assert first == second
    assert [e["uid"] for e in parse_events(first)] == [e.uid for e in events]


def test_a_cancelled_meeting_stays_in_the_file_as_cancelled():
    data = calendar_file([make(status="CANCELLED", sequence=4), make(uid="b@coalesce")], name="M")
    parsed = parse_events(data)
    assert [(e["status"], e["sequence"]) for e in parsed] == [("CANCELLED", 4), ("CONFIRMED", 3)]
    assert "STATUS:CANCELLED" in lines(data)


def vtimezones(data: bytes) -> list[str]:
    return [str(tz["TZID"]) for tz in Calendar.from_ical(data).walk("VTIMEZONE")]


def test_one_vtimezone_per_zone_used_and_none_for_utc():
    events = [
        make(uid="a@coalesce", time_zone="Europe/Berlin"),
        make(uid="b@coalesce", time_zone="Africa/Nairobi"),
        make(uid="c@coalesce", time_zone="Europe/Berlin"),
        make(uid="d@coalesce", time_zone="UTC"),
    ]
    data = calendar_file(events, name="M")
    assert vtimezones(data) == ["Africa/Nairobi", "Europe/Berlin"]
    text = lines(data)
    assert text.index("BEGIN:VTIMEZONE") < text.index("BEGIN:VEVENT")
    assert "DTSTART:20260302T070000Z" in text
    assert vtimezones(calendar_file([make(time_zone="UTC")], name="M")) == []
    assert vtimezones(calendar_file([], name="M")) == []


def in_berlin(uid: str, starts_at: datetime) -> CalendarEvent:
    """A one-hour meeting expressed in Berlin time."""
    return make(
        uid=uid,
        time_zone="Europe/Berlin",
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=1),
    )


def test_a_dst_crossing_keeps_the_local_time():
    # Berlin leaves summer time in the night to 25 October 2026: 10:00 is 08:00 UTC on the
    # 24th and 09:00 UTC on the 26th.
    saturday = in_berlin("sat@coalesce", datetime(2026, 10, 24, 8, 0, tzinfo=UTC))
    monday = in_berlin("mon@coalesce", datetime(2026, 10, 26, 9, 0, tzinfo=UTC))
    data = calendar_file([saturday, monday], name="M")
    assert "DTSTART;TZID=Europe/Berlin:20261024T100000" in lines(data)
    assert "DTSTART;TZID=Europe/Berlin:20261026T100000" in lines(data)
    for event, parsed in zip([saturday, monday], parse_events(data), strict=True):
        assert instant(parsed["dtstart"]) == event.starts_at
        assert parsed["dtstart"].astimezone(BERLIN).hour == 10
    assert_placed_by_vtimezones(data, [saturday, monday])


RENAMES = itertools.count()


def assert_placed_by_vtimezones(data: bytes, events) -> None:
    """A program that does not know IANA names places every event from the file's own
    VTIMEZONEs: renamed, so that no zone database can be looked up (and afresh each time:
    icalendar remembers the first definition it read for an unknown name)."""
    prefix = b"Custom%d-" % next(RENAMES)
    renamed = re.sub(rb"TZID([=:])([A-Za-z_]+/[A-Za-z_]+)", rb"TZID\1" + prefix + rb"\2", data)
    calendar = Calendar.from_ical(renamed)
    for timezone in calendar.walk("VTIMEZONE"):
        assert str(timezone["TZID"]).startswith(prefix.decode())
        assert timezone.to_tz(lookup_tzid=False) is not None
    parsed = [
        (instant(e.decoded("DTSTART")), instant(e.decoded("DTEND")))
        for e in calendar.walk("VEVENT")
    ]
    assert parsed == [(e.starts_at, e.ends_at) for e in events]


def test_the_repeated_hour_when_clocks_go_back_keeps_its_instant():
    # 02:30 happens twice in Berlin on 25 October 2026: at 00:30 and at 01:30 UTC.
    first = in_berlin("first@coalesce", datetime(2026, 10, 25, 0, 30, tzinfo=UTC))
    data = calendar_file([first], name="M")
    text = lines(data)
    assert "DTSTART;TZID=Europe/Berlin:20261025T023000" in text
    assert "DTEND:20261025T013000Z" in text  # the second 02:30 can only be named in UTC
    (parsed,) = parse_events(data)
    assert instant(parsed["dtstart"]) == first.starts_at
    assert instant(parsed["dtend"]) == first.ends_at


def test_text_escaping_is_the_librarys_and_round_trips():
    summary = "Budget, audit; and\nnext steps \\ more"
    data = calendar_file([make(summary=summary, location="Hall A; door 2, first floor")], name="M")
    assert "SUMMARY:Budget\\, audit\\; and\\nnext steps \\\\ more" in lines(data)
    event = only_event(data)
    assert str(event["SUMMARY"]) == summary
    assert str(event["LOCATION"]) == "Hall A; door 2, first floor"


def test_long_lines_are_folded_at_75_octets_with_crlf():
    description = "Ordre du jour : sécurité, réforme — " * 20 + "fin"
    data = calendar_file([make(description=description)], name="M")
    assert data.endswith(b"\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")
    raw = data.split(b"\r\n")
    assert all(len(line) <= 75 for line in raw)
    assert any(line.startswith(b" ") for line in raw)  # the description was folded
    for line in raw:
        line.decode()  # folding never splits a character
    assert str(only_event(data)["DESCRIPTION"]) == description


EMAILS = ["amina.otieno@example.org", "MAILTO:someone", "x+y@sub.example.co.ke"]
CHECKED_FIELDS = ["uid", "summary", "location", "url", "organizer_name", "time_zone"]


@pytest.mark.parametrize("email", EMAILS)
@pytest.mark.parametrize("field", CHECKED_FIELDS)
def test_an_email_address_in_any_field_but_the_description_is_refused(field, email):
    value = f"https://coalesce.example/?to={email}" if field == "url" else f"Ask {email}, thanks"
    with pytest.raises(ValueError, match="e-mail"):
        calendar_file([make(**{field: value})], name="M")


@pytest.mark.parametrize("email", EMAILS)
def test_an_email_address_in_the_calendar_name_is_refused(email):
    with pytest.raises(ValueError, match="e-mail"):
        calendar_file([make()], name=f"Meetings of {email}")


@given(
    before=st.text(max_size=20),
    after=st.text(max_size=20),
    local=st.from_regex(r"[a-z0-9._+-]{1,12}", fullmatch=True),
    domain=st.from_regex(r"[a-z0-9-]{1,10}\.[a-z]{2,6}", fullmatch=True),
    field=st.sampled_from(["summary", "location", "organizer_name"]),
)
def test_any_address_anywhere_in_a_checked_field_is_refused(before, after, local, domain, field):
    with pytest.raises(ValueError):
        calendar_file([make(**{field: f"{before} {local}@{domain} {after}"})], name="M")


def test_the_file_never_carries_an_attendee_organizer_or_mailto():
    # Addresses may only be in the organisers' own description text: everything else is
    # refused above, so the file has no attendee, no organiser and no mailto: link.
    event = make(
        description="Write to the secretariat at info@coalition.example.",
        organizer_name="Secretariat",
        uid="d41d8cd9@coalesce",
    )
    data = calendar_file([event, make(uid="second@coalesce")], name="M", refresh_hours=1)
    upper = data.upper()
    for forbidden in (b"MAILTO:", b"ATTENDEE", b"ORGANIZER"):
        assert forbidden not in upper
    assert only_event(calendar_file([event], name="M"))["DESCRIPTION"].endswith(
        "\nOrganised by Secretariat"
    )


@pytest.mark.parametrize(
    "changes",
    [
        {"starts_at": datetime(2026, 3, 2, 7, 0)},
        {"last_modified": datetime(2026, 3, 2, 7, 0)},
        {"ends_at": T0},
        {"ends_at": T0 - timedelta(minutes=1)},
        {"time_zone": "Mars/Olympus_Mons"},
        {"time_zone": "../etc"},
        {"status": "confirmed"},
        {"sequence": -1},
        {"url": "/c/ssr/meetings/7/"},
        {"url": "javascript:alert(1)"},
        {"uid": " "},
    ],
)
def test_an_event_that_cannot_be_written_right_is_refused(changes):
    with pytest.raises(ValueError):
        calendar_file([make(**changes)], name="M")


PLAIN = st.characters(codec="utf-8", exclude_categories=("Cc", "Cs"), exclude_characters="@")


@st.composite
def events(draw, uid):
    start = T0 + timedelta(minutes=draw(st.integers(-2 * 365 * 24 * 60, 3 * 365 * 24 * 60)))
    created = start - timedelta(seconds=draw(st.integers(0, 10**7)))
    return CalendarEvent(
        uid=uid,
        sequence=draw(st.integers(0, 1000)),
        summary=draw(st.text(PLAIN, max_size=120)),
        description=draw(st.text(PLAIN, max_size=300)),
        starts_at=start,
        ends_at=start + timedelta(minutes=draw(st.integers(1, 3 * 24 * 60))),
        time_zone=draw(st.sampled_from(ZONES)),
        location=draw(st.none() | st.text(PLAIN, max_size=80)),
        status=draw(st.sampled_from(["TENTATIVE", "CONFIRMED", "CANCELLED"])),
        url=draw(st.none() | st.just(f"https://coalesce.example/m/{uid}")),
        organizer_name=None,
        created=created,
        last_modified=created + timedelta(seconds=draw(st.integers(0, 10**6))),
    )


@st.composite
def event_lists(draw):
    count = draw(st.integers(0, 4))
    return [draw(events(f"{number}-meeting@coalesce")) for number in range(count)]


def read_back(component) -> dict:
    def text(key):
        return str(component[key]) if key in component else None

    return {
        "uid": str(component["UID"]),
        "sequence": int(component["SEQUENCE"]),
        "summary": str(component["SUMMARY"]),
        "description": text("DESCRIPTION") or "",
        "starts_at": instant(component.decoded("DTSTART")),
        "ends_at": instant(component.decoded("DTEND")),
        "location": text("LOCATION"),
        "status": str(component["STATUS"]),
        "url": text("URL"),
        "created": component.decoded("CREATED"),
        "last_modified": component.decoded("LAST-MODIFIED"),
        "dtstamp": component.decoded("DTSTAMP"),
    }


def expected(event: CalendarEvent) -> dict:
    row = dataclasses.asdict(event) | {"dtstamp": event.last_modified}
    del row["time_zone"], row["organizer_name"]
    return row


@given(event_lists())
def test_every_field_round_trips(given_events):
    data = calendar_file(given_events, name="Meetings")
    calendar = Calendar.from_ical(data)
    components = calendar.walk("VEVENT")
    assert [read_back(component) for component in components] == [expected(e) for e in given_events]
    for component, event in zip(components, given_events, strict=True):
        assert component["DTSTART"].params.get("TZID") in (None, event.time_zone)
    # one VTIMEZONE for each zone named, and only those; never one for UTC
    zones = vtimezones(data)
    assert sorted(set(zones)) == zones
    assert set(zones) == calendar.get_used_tzids()
    assert set(zones) <= {event.time_zone for event in given_events} - {"UTC"}
    assert_placed_by_vtimezones(data, given_events)
    assert [
        p | {"dtstart": instant(p["dtstart"]), "dtend": instant(p["dtend"])}
        for p in parse_events(data)
    ] == [
        {
            "uid": e.uid,
            "sequence": e.sequence,
            "status": e.status,
            "dtstart": e.starts_at,
            "dtend": e.ends_at,
            "location": e.location,
            "summary": e.summary,
            "description": e.description,
            "url": e.url,
        }
        for e in given_events
    ]
