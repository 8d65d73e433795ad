"""The coalition pages' forms, one module per subject; shared pieces in ``base``."""

from coalesce.coalitions.web.forms.base import (
    LinkedErrorsForm,
    blank,
    country_choices,
    country_field,
)

__all__ = ["LinkedErrorsForm", "blank", "country_choices", "country_field"]
