"""Plain rules of meetings input: time zones, candidate times, answers."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

from coalesce.core.errors import DomainError
from coalesce.meetings.limits import MAX_CANDIDATE_TIMES


def parse_time(value, zone: str, field: str) -> datetime:
    """A date and time, as ISO 8601 ("2027-03-04 14:30", with or without an offset); one
    without an offset is read in ``zone``."""
    if isinstance(value, datetime):
        parsed = value
    else:
        try:
            parsed = datetime.fromisoformat(str(value).strip())
        except ValueError as error:
            raise DomainError(
                _("Write each time as YYYY-MM-DD HH:MM (for example 2027-03-04 14:30)."), field
            ) from error
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=ZoneInfo(zone))
    return parsed


def clean_candidate_times(values, zone: str, now: datetime, field: str = "times") -> list:
    """Distinct times, all to come, at least one and at most the limit."""
    if isinstance(values, str):
        values = [line for line in values.splitlines() if line.strip()]
    if not isinstance(values, list | tuple) or not values:
        raise DomainError(_("Give at least one time."), field)
    if len(values) > MAX_CANDIDATE_TIMES:
        raise DomainError(
            _("A poll offers at most %(n)d times.") % {"n": MAX_CANDIDATE_TIMES}, field
        )
    times = sorted({parse_time(value, zone, field) for value in values})
    if times[0] <= now:
        raise DomainError(_("Every time must be in the future."), field)
    return times
