"""The languages Coalesce speaks and the time zones it knows: their checks, and putting a
viewer's choice into effect for one request."""

from contextlib import contextmanager
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from coalesce.core.errors import DomainError

MAX_TIME_ZONE = 64  # an IANA zone name, such as "Africa/Nairobi"
MAX_LANGUAGE = 8  # a language code of settings.LANGUAGES, such as "fr" or "ar"


@cache
def time_zones() -> frozenset[str]:
    return frozenset(available_timezones())


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def clean_time_zone(value, field: str = "time_zone", *, required: bool = True) -> str:
    """An IANA zone name; "" when it may be left out (the viewer then follows the default)."""
    value = (value or "").strip() if isinstance(value, str) else value
    if value == "" and not required:
        return ""
    if not isinstance(value, str) or len(value) > MAX_TIME_ZONE or value not in time_zones():
        raise DomainError(
            _("Choose a time zone by its name, such as Africa/Nairobi or Europe/Paris."), field
        )
    return value


def clean_language(value, field: str = "language") -> str:
    """One of the interface's languages, or "" to follow the browser's."""
    value = (value or "").strip() if isinstance(value, str) else value
    if value == "":
        return ""
    if not isinstance(value, str) or value not in language_codes():
        raise DomainError(
            _("Choose one of these languages: %(codes)s.") % {"codes": ", ".join(language_codes())},
            field,
        )
    return value


def use_language(code: str) -> None:
    translation.activate(code)


def use_time_zone(name: str) -> None:
    """Show this request's times in ``name`` (ignored when it is no longer a known zone)."""
    if name in time_zones():
        timezone.activate(ZoneInfo(name))


@contextmanager
def as_reader(user, *, time_zone: str = ""):
    """Write for one reader away from their request (an e-mail, a background task): in
    their language, else the one active; in their time zone, else ``time_zone`` (their
    coalition's), else the one active."""
    language = getattr(user, "language", "") or translation.get_language()
    zone = getattr(user, "time_zone", "") or time_zone
    shown = ZoneInfo(zone) if zone in time_zones() else timezone.get_current_timezone()
    with translation.override(language or settings.LANGUAGE_CODE), timezone.override(shown):
        yield
