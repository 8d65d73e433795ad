"""Rules of a live session that need no database: codes, groups and the timer.

Plain functions, tested on their own (tests/training/live/test_rules.py).
"""

import hashlib
import math
import random
import secrets
from collections.abc import Sequence
from dataclasses import dataclass

# No 0/O, 1/I/L: a code read aloud or from a projector is typed correctly.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 6
PARTICIPANT_CODE_LENGTH = 4


def new_code(length: int) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def normalise_code(value) -> str:
    """What a person typed, as a code: upper case, spaces and dashes dropped."""
    if not isinstance(value, str):
        return ""
    return "".join(ch for ch in value.upper() if ch not in " -\t")[:16]


def new_token() -> str:
    return secrets.token_urlsafe(24)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def form_groups(members: Sequence, size: int, rng: random.Random | None = None) -> list[list]:
    """Shuffle ``members`` into groups of ``size``, as even as the numbers allow.

    There are ``len // size`` groups (at least one), and the people left over join
    groups one each, so no group is smaller than ``size`` unless the whole room is:
    10 people in threes → 4, 3, 3 (never 3, 3, 3, 1).
    """
    if size < 1:
        raise ValueError("size must be at least 1")
    people = list(members)
    if not people:
        return []
    (rng or random.SystemRandom()).shuffle(people)
    count = max(1, len(people) // size)
    groups = [[] for _ in range(count)]
    for index, person in enumerate(people):
        groups[index % count].append(person)
    return groups


@dataclass(frozen=True)
class Timer:
    """Where the facilitator stands on the current item."""

    planned_minutes: int
    elapsed_seconds: int

    @property
    def elapsed_minutes(self) -> int:
        return self.elapsed_seconds // 60

    @property
    def over(self) -> bool:
        return self.elapsed_seconds > self.planned_minutes * 60

    @property
    def remaining_minutes(self) -> int:
        """Whole minutes left (rounded up), negative when over."""
        left = self.planned_minutes * 60 - self.elapsed_seconds
        return math.ceil(left / 60) if left > 0 else -((-left) // 60)


def minutes_taken(seconds: float) -> int:
    """Minutes an item took, as counted for re-fitting: started minutes count, at least 1."""
    return max(1, math.ceil(seconds / 60))
