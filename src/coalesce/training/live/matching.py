"""Suggest which of a discussion's expected points a participant's answer raises.

Offline and deterministic: words are reduced to rough stems, common words dropped,
and a card matches the expected point with which it shares the most weight, where a
stem's weight falls the more expected points share it (so "coalition", in every
point, decides nothing). A card that shares too little with every point gets no
suggestion; the facilitator always confirms.
"""

import math
import re
from collections.abc import Sequence

WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
STOPWORDS = frozenset(
    """a an and are as at be been being but by can could do does for from get gets
    had has have how i if in into is it its just make makes may more most much must
    no not of on one only or other our out over own same so some such than that the
    their them then there these they this those through to too us very was we were
    what when where which who why will with would you your benefit challenge""".split()
)
SUFFIXES = ("ations", "ation", "ities", "ity", "ings", "ing", "ness", "ments", "ment",
            "ion", "ies", "ied", "ers", "er", "ed", "es", "ly", "s")  # fmt: skip
# Words a room uses for the module's ideas → a word the expected points use.
SYNONYMS = {
    "slow": "longer",
    "slower": "longer",
    "delay": "delays",
    "money": "resources",
    "fund": "resources",
    "funds": "resources",
    "funding": "resources",
    "safe": "protection",
    "safer": "protection",
    "safety": "protection",
    "protect": "protection",
    "press": "media",
    "journalists": "media",
    "visibility": "media",
    "legitimacy": "credibility",
    "credible": "credibility",
    "ego": "personalities",
    "egos": "personalities",
    "conflict": "competing",
    "conflicts": "competing",
    "disagreement": "competing",
    "disagreements": "competing",
    "rivalry": "competing",
    "skills": "expertise",
    "knowledge": "expertise",
    "experts": "expertise",
    "louder": "voice",
    "strength": "stronger",
    "power": "weight",
    "influence": "weight",
    "distrust": "trust",
    "mistrust": "trust",
    "secrecy": "transparency",
    "diverse": "mix",
    "diversity": "mix",
    "schedules": "times",
    "logistics": "coordinate",
}
MIN_SCORE = 0.34


def stem(word: str) -> str:
    word = word.lower()
    word = SYNONYMS.get(word, word)
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def stems(text: str) -> set[str]:
    words = (w for w in WORD.findall(text.lower()) if w not in STOPWORDS and len(w) > 2)
    return {stem(w) for w in words}


def _point_text(point: str) -> str:
    # "Benefit: stronger together" — the label before the colon is not content.
    head, sep, tail = point.partition(":")
    return tail if sep and len(head.split()) <= 2 else point


def suggest(answer: str, points: Sequence[str]) -> int | None:
    """The index of the expected point ``answer`` most likely raises, or None."""
    scored = score_all(answer, points)
    if not scored:
        return None
    best = max(range(len(scored)), key=lambda i: (scored[i], -i))
    return best if scored[best] >= MIN_SCORE else None


def score_all(answer: str, points: Sequence[str]) -> list[float]:
    """For each point, the share of the answer's weight it covers (0 to 1)."""
    point_stems = [stems(_point_text(p)) for p in points]
    words = stems(answer)
    if not words or not point_stems:
        return [0.0] * len(point_stems)
    frequency = {}
    for group in point_stems:
        for s in group:
            frequency[s] = frequency.get(s, 0) + 1
    count = len(point_stems)

    def weight(s):
        return math.log(1 + count / frequency[s]) if s in frequency else 0.0

    scores = []
    for group in point_stems:
        shared = words & group
        if not shared or not group:
            scores.append(0.0)
            continue
        covered = sum(weight(s) for s in shared)
        possible = min(sum(weight(s) for s in group), sum(weight(s) for s in words) or 1)
        scores.append(covered / possible if possible else 0.0)
    return scores
