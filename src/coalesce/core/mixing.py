"""Keeping a secret answer apart from whoever gave it, in the stored data.

The pattern (used by secret ballots and health checks): the answer is written *sealed*
(encrypted with the keys kept outside the database, padded to one length) in the
transaction that marks its author as having answered; sealed answers leave their pool in
batches of at least ``BATCH``, chosen at random and inserted in shuffled order, so the
rows' physical order (SQLite pages, PostgreSQL ``ctid``), their ``xmin`` and their random
ids say only which batch an answer came in — never which author of the batch it is.
"""

import secrets

BATCH = 5  # k: the fewest answers that ever leave a pool together
system_random = secrets.SystemRandom()


def draw(waiting: list, rng) -> tuple[list, list]:
    """``BATCH`` of ``waiting`` chosen with ``rng``, shuffled, and the rest."""
    picked = set(rng.sample(range(len(waiting)), BATCH))
    chosen = [w for i, w in enumerate(waiting) if i in picked]
    rng.shuffle(chosen)
    return chosen, [w for i, w in enumerate(waiting) if i not in picked]


def batches(waiting: list, *, everything: bool = False, rng=system_random):
    """The batches to release from ``waiting``, one after another: ``BATCH`` chosen at
    random while it holds ``2 * BATCH`` or more, or (``everything``) all of it, shuffled."""
    while waiting and (everything or len(waiting) >= 2 * BATCH):
        if everything:
            chosen, waiting = list(waiting), []
            rng.shuffle(chosen)
        else:
            chosen, waiting = draw(waiting, rng)
        yield chosen


def padded(body: str, size: int) -> str:
    """``body`` padded with spaces to ``size`` bytes, so a ciphertext's length says
    nothing of what it holds."""
    padding = size - len(body.encode())
    if padding < 0:
        raise ValueError("Too long to seal.")
    return body + " " * padding
