"""Fair rotation of the coalition's voice, as pure functions (no database).

An organisation is *eligible* for a need (topic, language, region, day) when one of its
mandates matches it and is valid that day, it is not opted out for safety, and it has
not been asked for this request already. Among the eligible, the next voice is the
organisation with the **fewest turns** (each time it was asked, whatever it answered:
declining passes the turn on, it does not keep the organisation first in line), then
the one whose last turn is longest ago (never asked first), then the lowest id.

Held (tests/spokespeople/test_rules.py, with hypothesis): nobody ineligible is ever
chosen; the chosen one has the fewest turns among the eligible; and among organisations
eligible for every request of a run, max − min turns ≤ 1 at every step.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class MandateFacts:
    id: int
    org: int  # the membership it belongs to
    topic: str
    language: str
    region: str  # "" coalition-wide
    starts_on: date
    expires_on: date
    ended: bool = False

    def covers(self, day: date) -> bool:
        return not self.ended and self.starts_on <= day <= self.expires_on


@dataclass(frozen=True)
class Need:
    topic: str
    language: str
    region: str  # "" coalition-wide: only a coalition-wide mandate speaks for it
    on: date


@dataclass(frozen=True)
class Turns:
    count: int = 0
    last: int = -1  # the ordinal of its last turn; -1: never asked


NEVER = Turns()


def matches(mandate: MandateFacts, need: Need) -> bool:
    """The mandate speaks on this topic, in this language, for this region, that day."""
    return (
        mandate.topic == need.topic
        and mandate.language == need.language
        and mandate.region == need.region
        and mandate.covers(need.on)
    )


def eligible(
    mandates: Iterable[MandateFacts],
    need: Need,
    *,
    opted_out: Iterable[int] = (),
    asked: Iterable[int] = (),
) -> dict[int, MandateFacts]:
    """Eligible organisations → the mandate they would speak under (the one valid
    longest, then the lowest id). Opted-out and already-asked organisations are simply
    not there: nothing records that they were passed over."""
    left_out = set(opted_out) | set(asked)
    found: dict[int, MandateFacts] = {}
    for mandate in mandates:
        if mandate.org in left_out or not matches(mandate, need):
            continue
        best = found.get(mandate.org)
        if best is None or (-mandate.expires_on.toordinal(), mandate.id) < (
            -best.expires_on.toordinal(),
            best.id,
        ):
            found[mandate.org] = mandate
    return found


def rotation_key(org: int, turns: Mapping[int, Turns]):
    seen = turns.get(org, NEVER)
    return (seen.count, seen.last, org)


def next_voice(candidates: Iterable[int], turns: Mapping[int, Turns]) -> int | None:
    """The organisation among ``candidates`` whose turn it is, or None if there is none."""
    candidates = list(candidates)
    if not candidates:
        return None
    return min(candidates, key=lambda org: rotation_key(org, turns))


def take_turn(turns: dict[int, Turns], org: int, ordinal: int) -> None:
    """Record that ``org`` was asked (turn number ``ordinal``, increasing)."""
    seen = turns.get(org, NEVER)
    turns[org] = Turns(seen.count + 1, ordinal)


def spread(counts: Mapping[int, int], orgs: Iterable[int]) -> int:
    """max − min of ``counts`` over ``orgs`` (0 for no organisation)."""
    values = [counts.get(org, 0) for org in orgs]
    return max(values) - min(values) if values else 0
