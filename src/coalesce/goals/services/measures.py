"""Reading a measure in an indicator's kind: a value for a number indicator, a numerator
and a denominator for a percentage one. The other kind's parts are refused (a target or
an update "in the wrong unit"), with a message saying what to send instead."""

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from coalesce.core.errors import DomainError
from coalesce.goals.limits import DECIMAL_PLACES, MAX_MEASURE
from coalesce.goals.models import MeasureKind
from coalesce.goals.rules import Measure

STEP = Decimal(1).scaleb(-DECIMAL_PLACES)


def _given(value) -> bool:
    return value not in (None, "")


def decimal(value, field: str) -> Decimal:
    """A number with at most two decimal places, from zero up to the limit; no floats."""
    if isinstance(value, bool | float):
        raise DomainError(_("Enter a number such as 12 or 12.5."), field)
    try:
        number = Decimal(value.strip() if isinstance(value, str) else value)
    except (InvalidOperation, TypeError, ValueError):
        raise DomainError(_("Enter a number such as 12 or 12.5."), field) from None
    if not number.is_finite():
        raise DomainError(_("Enter a number such as 12 or 12.5."), field)
    if number < 0:
        raise DomainError(_("Enter zero or more."), field)
    if number > MAX_MEASURE:
        raise DomainError(_("This number is too large."), field)
    if number != number.quantize(STEP):
        raise DomainError(_("Use at most two decimal places."), field)
    return number.quantize(STEP)


def measure(kind, *, value=None, numerator=None, denominator=None, prefix="", positive=False):
    """The ``Measure`` of ``kind`` from what was sent (field names get ``prefix``).

    A percentage needs a numerator and a denominator above zero, the numerator at most
    the denominator; ``positive`` (a target) asks for more than zero."""
    if kind == MeasureKind.NUMBER:
        for name, part in (("numerator", numerator), ("denominator", denominator)):
            if _given(part):
                raise DomainError(
                    _("This indicator counts a number: send a value, not a %(part)s.")
                    % {"part": name},
                    prefix + name,
                )
        if not _given(value):
            raise DomainError(_("This indicator counts a number: enter a value."), prefix + "value")
        found = decimal(value, prefix + "value")
        if positive and found == 0:
            raise DomainError(_("A target must be more than zero."), prefix + "value")
        return Measure(value=found)
    if _given(value):
        raise DomainError(
            _("This indicator is a percentage: send a numerator and a denominator, not a value."),
            prefix + "value",
        )
    for name, part in (("numerator", numerator), ("denominator", denominator)):
        if not _given(part):
            raise DomainError(
                _("This indicator is a percentage: enter a numerator and a denominator."),
                prefix + name,
            )
    top = decimal(numerator, prefix + "numerator")
    bottom = decimal(denominator, prefix + "denominator")
    if bottom == 0:
        raise DomainError(_("The denominator must be more than zero."), prefix + "denominator")
    if top > bottom:
        raise DomainError(
            _("The numerator cannot be more than the denominator (at most 100 %)."),
            prefix + "numerator",
        )
    if positive and top == 0:
        raise DomainError(_("A target must be more than zero."), prefix + "numerator")
    return Measure(numerator=top, denominator=bottom)


def columns(found: Measure | None, prefix: str) -> dict:
    """A measure as model fields (``target_value``…); all None for no measure."""
    found = found or Measure()
    return {
        f"{prefix}value": found.value,
        f"{prefix}numerator": found.numerator,
        f"{prefix}denominator": found.denominator,
    }


def of(row, prefix: str = "") -> Measure | None:
    """The measure stored on ``row`` under ``prefix`` (None when it has none)."""
    found = Measure(
        getattr(row, f"{prefix}value"),
        getattr(row, f"{prefix}numerator"),
        getattr(row, f"{prefix}denominator"),
    )
    return None if found == Measure() else found
