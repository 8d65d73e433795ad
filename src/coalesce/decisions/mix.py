"""The mix that keeps a secret ballot apart from its voter in the stored data.

A vote marks its elector (``has_voted``) and, in the same transaction, adds the ballot
to its proposal's pool *sealed*: position, reason and receipt hash encrypted with the
keys kept outside the database (``core.crypto``). Ballots leave the pool for
``SecretBallot`` in batches: whenever the pool holds ``2 * BATCH`` ballots, ``BATCH``
of them chosen at random are decrypted, inserted in shuffled order and their seals
deleted, in one transaction under the proposal's row lock; at the close, all that are
left. So the pool never drops below ``BATCH`` while voting goes on, every batch has at
least ``BATCH`` ballots (or every voter's, when fewer voted), and whoever reads the
database files, their write-ahead log or a backup taken after any vote learns only in
which batch a voter's ballot left the pool — not which ballot of the batch it is.

The threat model, and what this does not protect against, is in docs/decisions.md
("The honest limits of ballot secrecy").
"""

from collections import Counter

from coalesce.core import mixing
from coalesce.core.mixing import BATCH, draw
from coalesce.decisions import tally
from coalesce.decisions.models import SealedBallot, SecretBallot

# Every seal of a proposal has the same length, so that the size of a ciphertext says
# nothing about its choice: large enough for the longest reason (4,000 characters of
# up to 4 bytes) where the method has positions with a reason, small otherwise.
SHORT_SEAL = 128
LONG_SEAL = 16384


def seal_size(method: str) -> int:
    with_reason = set(tally.POSITIONS_BY_METHOD[method]) & set(tally.REASON_REQUIRED)
    return LONG_SEAL if with_reason else SHORT_SEAL


def seal(method: str, *, position: str, reason: str, receipt_hash: str) -> str:
    """The plaintext of a seal (encrypted by ``SealedBallot.sealed``), padded to the
    method's ``seal_size`` in bytes."""
    body = f"{position}\n{receipt_hash}\n{len(reason)}\n{reason}"
    return mixing.padded(body, seal_size(method))


def unseal(text: str) -> dict:
    position, receipt_hash, length, rest = text.split("\n", 3)
    return {"position": position, "receipt_hash": receipt_hash, "reason": rest[: int(length)]}


def add(proposal, *, position: str, reason: str, receipt_hash: str) -> None:
    """Put a ballot in the pool, then release a batch if the pool is full. The caller
    holds the proposal's row lock, in the transaction that marks the elector."""
    SealedBallot.objects.create(
        proposal=proposal,
        sealed=seal(
            proposal.rule.method, position=position, reason=reason, receipt_hash=receipt_hash
        ),
    )
    release(proposal)


def fill(proposal, ballots, rng) -> None:
    """Leave the pool and the released ballots as casting ``ballots`` (dicts of
    position, reason, receipt_hash) one by one would have, choosing with ``rng``: for
    generated data, which must be the same for the same seed."""
    waiting, released = [], []
    for ballot in ballots:
        waiting.append(ballot)
        if len(waiting) >= 2 * BATCH:
            batch, waiting = draw(waiting, rng)
            released += batch
    SecretBallot.objects.bulk_create(SecretBallot(proposal=proposal, **b) for b in released)
    method = proposal.rule.method
    SealedBallot.objects.bulk_create(
        SealedBallot(proposal=proposal, sealed=seal(method, **b)) for b in waiting
    )


def pool(proposal) -> list[tuple[object, dict]]:
    """The proposal's sealed ballots, each with what it holds, in no meaningful order."""
    return [(s.pk, unseal(s.sealed)) for s in SealedBallot.objects.filter(proposal=proposal)]


def release(proposal, *, everything: bool = False) -> int:
    """Move ballots from the pool to ``SecretBallot``: ``BATCH`` chosen at random while
    the pool holds ``2 * BATCH`` or more, or (``everything``, at the close) all of them.
    The caller holds the proposal's row lock. Returns how many were released."""
    released = 0
    for chosen in mixing.batches(pool(proposal), everything=everything):
        SecretBallot.objects.bulk_create(
            [SecretBallot(proposal=proposal, **ballot) for _pk, ballot in chosen]
        )
        SealedBallot.objects.filter(pk__in=[pk for pk, _ballot in chosen]).delete()
        released += len(chosen)
    return released


def sealed_counts(proposal) -> Counter:
    """Positions still in the pool (empty once the proposal has closed)."""
    return Counter(ballot["position"] for _pk, ballot in pool(proposal))


def sealed_receipts(proposal) -> set[str]:
    return {ballot["receipt_hash"] for _pk, ballot in pool(proposal)}


def waiting(proposal) -> int:
    return SealedBallot.objects.filter(proposal=proposal).count()
