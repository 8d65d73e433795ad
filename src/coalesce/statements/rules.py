"""Pure rules of joint statements: the text's fingerprint and the comment window."""

import hashlib
from datetime import datetime, timedelta

SATURDAY = 5  # date.weekday(): Monday is 0


def normalise(text: str) -> str:
    """The text as it is fingerprinted and stored: line endings as ``\\n``."""
    return (text or "").replace("\r\n", "\n").replace("\r", "\n")


def text_hash(text: str) -> str:
    """SHA-256 (hex) of the exact text, line endings normalised."""
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()


def add_working_days(start: datetime, days: int) -> datetime:
    """``days`` working days (Monday to Friday) after ``start``, at the same clock time.

    A start on a Saturday or Sunday counts from the Monday after, at midnight; 0 days is
    the start itself (moved to that Monday if it falls in a weekend)."""
    if days < 0:
        raise ValueError("days must not be negative")
    moment = start
    if moment.weekday() >= SATURDAY:
        moment = (moment + timedelta(days=7 - moment.weekday())).replace(
            hour=0, minute=0, second=0, microsecond=0
        )
    left = days
    while left:
        moment += timedelta(days=1)
        if moment.weekday() < SATURDAY:
            left -= 1
    return moment


def comment_window_open(version_created: datetime, days: int, now: datetime) -> bool:
    """Members may comment on a version until ``days`` working days after it was made
    (0: no comment window at all)."""
    return days > 0 and now < add_working_days(version_created, days)
