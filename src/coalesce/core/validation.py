"""Validating input at the edge of a service: text, whole numbers, choices, countries,
web and e-mail addresses, dates. Each returns the clean value or raises ``DomainError``
naming the field, with a message safe to show; forms and the API show it on that field."""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils.translation import gettext as _
from django_countries import countries

from coalesce.core.errors import DomainError


def clean_text(value, field: str, *, max_length: int, required: bool = True) -> str:
    """Text from a form or JSON: a string, stripped, not too long, no NUL."""
    if value is not None and not isinstance(value, str):
        raise DomainError(_("This must be text."), field)
    value = (value or "").strip()
    if required and not value:
        raise DomainError(_("This field is required."), field)
    if len(value) > max_length:
        raise DomainError(
            _("Keep this under %(max)d characters (it has %(n)d).")
            % {"max": max_length, "n": len(value)},
            field,
        )
    if "\x00" in value:
        raise DomainError(_("This text contains a character that is not allowed."), field)
    return value


def clean_whole_number(value, field: str, *, low: int, high: int, required: bool = True):
    """A whole number from ``low`` to ``high`` (digits in a string too; never a bool), or
    None when it may be left out."""
    if value in (None, "") and not required:
        return None
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise DomainError(
            _("Give a whole number from %(low)d to %(high)d.") % {"low": low, "high": high}, field
        )
    return value


def clean_id(value, field: str = "id") -> int:
    """A record's id as the API sends it: a whole number (``True`` is not one)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise DomainError(_("Choose an entry."), field)
    return value


def clean_choice(value, choices, field: str) -> str:
    if value not in choices.values:
        raise DomainError(
            _("Unknown value “%(value)s”. Choose one of: %(options)s.")
            % {"value": str(value)[:40], "options": ", ".join(choices.values)},
            field,
        )
    return value


def clean_country(value, field: str = "country") -> str:
    code = (value or "").strip().upper()
    if code not in dict(countries):
        raise DomainError(_("Unknown country code. Use a two-letter ISO code, such as KE."), field)
    return code


def clean_url(value, field: str = "website") -> str:
    value = clean_text(value, field, max_length=200, required=False)
    if value:
        try:
            URLValidator(schemes=["http", "https"])(value)
        except ValidationError as error:
            raise DomainError(
                _("Enter a web address starting with http:// or https://."), field
            ) from error
    return value


def clean_email(value, field: str, required: bool = False) -> str:
    value = clean_text(value, field, max_length=254, required=required)
    if value:
        try:
            validate_email(value)
        except ValidationError as error:
            raise DomainError(_("Enter a valid e-mail address."), field) from error
    return value


def clean_date(value, field: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as error:
        raise DomainError(_("Enter a date as YYYY-MM-DD."), field) from error
