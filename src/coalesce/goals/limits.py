"""Every limit of goals input, in one place (model, form, API schema and service)."""

from decimal import Decimal

MAX_VALUE = 200  # a shared value statement
MAX_TITLE = 200  # a goal's or a task's title
MAX_DESCRIPTION = 5000  # a goal's description (Markdown)
MAX_NAME = 200  # an indicator's name
MAX_UNIT = 60  # a number indicator's unit label ("meetings held")
MAX_NOTE = 1000  # an update's note, or the note returning it
MAX_ORIGIN = 200  # where a task came from ("Minutes of 3 March")
MAX_WEIGHT = 100  # an indicator's weight in its goal's roll-up
MAX_DIGITS = 14  # a measure's digits (values, numerators, denominators)
DECIMAL_PLACES = 2
MAX_MEASURE = Decimal("999999999999.99")
MAX_NUMBER_TEXT = 24  # a measure as sent to the API
MAX_ROWS = 200  # goals, tasks or values listed at once
