"""Every limit of finance input, in one place (model, form, API schema and service)."""

from decimal import Decimal

MAX_NAME = 100  # an account's or a budget line's name
MAX_DESCRIPTION = 300  # what an entry was for
MAX_PAYEE = 200  # a free-text payee
MAX_ALIAS = 80  # the alias shown for an at-risk payee (as a membership's alias)
MAX_CURRENCY = 3  # an ISO 4217 code, e.g. EUR, KES
MAX_LINES = 20  # posting lines of one entry
FORM_LINES = 4  # rows of the page's form with explicit lines (the API takes up to MAX_LINES)
MAX_APPROVALS = 5  # approvals an expense above the threshold may need
# Money: fixed places, up to 999,999,999,999.99 per line.
MAX_DIGITS = 14
DECIMAL_PLACES = 2
CENT = Decimal("0.01")
MAX_AMOUNT = Decimal("999999999999.99")
MIN_YEAR = 1990
MAX_YEAR = 2100
DEFAULT_THRESHOLD = Decimal("500.00")
