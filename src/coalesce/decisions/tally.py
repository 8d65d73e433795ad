"""How a decision's outcome follows from its rule and the counted positions.

Pure functions: no database. ``count_positions`` in ``selectors`` does the counting in
SQL; ``decide`` turns the counts into an outcome that explains itself.
"""

from dataclasses import dataclass, field
from fractions import Fraction

from coalesce.decisions.models import Method, Outcome, Position

POSITIONS_BY_METHOD = {
    Method.SIMPLE_MAJORITY: (Position.YES, Position.NO, Position.ABSTAIN),
    Method.QUALIFIED_MAJORITY: (Position.YES, Position.NO, Position.ABSTAIN),
    Method.CONSENSUS: (Position.AGREE, Position.ABSTAIN, Position.STAND_ASIDE, Position.BLOCK),
    Method.CONSENT: (Position.CONSENT, Position.ABSTAIN, Position.OBJECT),
}

# Positions that must come with a reason.
REASON_REQUIRED = {Position.BLOCK, Position.OBJECT}


@dataclass(frozen=True)
class Terms:
    """The parts of a rule that decide an outcome."""

    method: str
    quorum_percent: int = 50
    threshold: Fraction = Fraction(1, 2)
    abstentions_count_for_quorum: bool = True


@dataclass(frozen=True)
class Result:
    outcome: str
    electorate: int
    participants: int
    counts: dict = field(default_factory=dict)
    quorum_needed: int = 0
    quorum_met: bool = False
    explanation: str = ""


def quorum_needed(electorate: int, quorum_percent: int) -> int:
    """The smallest number of participants that is at least quorum_percent of electorate."""
    return -(-electorate * quorum_percent // 100)


def decide(terms: Terms, electorate: int, counts: dict[str, int]) -> Result:
    """The outcome of a closed decision from the size of its electorate and its counts."""
    allowed = POSITIONS_BY_METHOD[terms.method]
    counts = {position: int(counts.get(position, 0)) for position in allowed}
    participants = sum(counts.values())
    counted_for_quorum = participants - (
        0 if terms.abstentions_count_for_quorum else counts.get(Position.ABSTAIN, 0)
    )
    needed = quorum_needed(electorate, terms.quorum_percent)
    quorum_met = electorate > 0 and counted_for_quorum >= max(needed, 1)
    base = dict(
        electorate=electorate,
        participants=participants,
        counts=counts,
        quorum_needed=needed,
        quorum_met=quorum_met,
    )
    if not quorum_met:
        return Result(
            outcome=Outcome.NO_QUORUM,
            explanation=(
                f"{counted_for_quorum} of {electorate} counted toward quorum; {needed} needed."
            ),
            **base,
        )
    adopted, why = _METHODS[terms.method](terms, counts)
    return Result(
        outcome=Outcome.ADOPTED if adopted else Outcome.NOT_ADOPTED, explanation=why, **base
    )


def _majority(terms: Terms, counts) -> tuple[bool, str]:
    yes, no = counts[Position.YES], counts[Position.NO]
    if yes + no == 0:
        return False, "No yes or no votes were cast."
    share = Fraction(yes, yes + no)
    if terms.method == Method.SIMPLE_MAJORITY:
        return yes > no, f"{yes} yes against {no} no; more yes than no is needed."
    return share >= terms.threshold, (
        f"{yes} of {yes + no} yes-or-no votes are yes; "
        f"{terms.threshold.numerator}/{terms.threshold.denominator} is needed."
    )


def _consensus(terms: Terms, counts) -> tuple[bool, str]:
    blocks, agrees = counts[Position.BLOCK], counts[Position.AGREE]
    if blocks:
        return False, f"{blocks} block(s): any block stops adoption."
    if not agrees:
        return False, "No one agreed."
    return True, f"{agrees} agree, {counts[Position.STAND_ASIDE]} stand aside, no block."


def _consent(terms: Terms, counts) -> tuple[bool, str]:
    objections = counts[Position.OBJECT]
    if objections:
        return False, f"{objections} reasoned objection(s)."
    return True, "No reasoned objection."


_METHODS = {
    Method.SIMPLE_MAJORITY: _majority,
    Method.QUALIFIED_MAJORITY: _majority,
    Method.CONSENSUS: _consensus,
    Method.CONSENT: _consent,
}
