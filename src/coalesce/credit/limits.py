"""Every limit of credit input, in one place (model, form, API schema and service)."""

MAX_TITLE = 200  # an output's title
MAX_URL = 200  # an output's web address (core.validation.clean_url's limit)
MAX_ROWS = 500  # outputs listed on one page or API answer
FLAG_CONTRIBUTIONS = 3  # contributing this often, never credited: flagged in the equity view
# An actor type whose members are credited at under four-fifths the rate of everyone else's
# is shown as a gap in the equity view (the "four-fifths rule" of adverse-impact tests).
GAP_RATIO = 0.8
