"""Every limit of meetings input, in one place (model, form, API schema and service)."""

from coalesce.core.localisation import MAX_TIME_ZONE  # noqa: F401 (shared with accounts, coalitions)

MAX_TITLE = 200  # a meeting's title
MAX_DESCRIPTION = 4000  # what a meeting is for
MAX_VENUE_NAME = 120  # a venue's name
MAX_VENUE_ADDRESS = 300  # where it is, or how to join online
MAX_CANDIDATE_TIMES = 100  # times one availability poll offers (as Rallly allows)
MAX_CANDIDATE_VENUES = 20  # venues one poll offers
MIN_DURATION = 15  # minutes
MAX_DURATION = 12 * 60  # minutes: a long day
MAX_CAPACITY = 100_000
MAX_VENUES = 200  # venues a coalition keeps
MAX_AGENDA_DECISIONS = 20  # proposals one meeting's agenda names
PROPOSALS_SHOWN = 5  # (time, venue) pairs the scheduler proposes
FEED_REFRESH_HOURS = 6  # how often a calendar program should fetch a member's feed
MAX_LISTED = 100  # meetings one list shows
MAX_ITEM = 200  # an agenda item's title
MAX_AGENDA_ITEMS = 40
MAX_MINUTE = 4000  # one line of the minutes
MAX_MINUTES = 200  # lines of one meeting's minutes
MINUTES_REMINDER_AFTER_HOURS = 48  # after the meeting's end, unfinished minutes are reminded
MAX_ATTENDEES = 2000  # members one meeting's attendance names
