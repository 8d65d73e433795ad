"""Every limit of participation input, in one place (model, form, API schema and service)."""

MAX_NOTE = 4000  # a conduct review's note (Markdown)
MAX_SHARE = 100  # an expected share, in per cent
MIN_PERIOD_MONTHS = 1
MAX_PERIOD_MONTHS = 24  # the expectations' period, and the longest period one page shows
DEFAULT_PERIOD_MONTHS = 6
MAX_PERIOD_DAYS = 31 * MAX_PERIOD_MONTHS  # a chosen from/to period
MAX_REVIEWS_SHOWN = 100  # conduct reviews one member's page lists
MAX_LISTED = 2000  # members the "who has not taken part" list shows
