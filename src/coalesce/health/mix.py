"""The pool that keeps a health-check answer apart from whoever gave it.

An answer is recorded as a ``Participation`` (that the person answered) and, in the same
transaction, a ``SealedResponse`` (what they answered, encrypted with the keys kept
outside the database and padded to one length). Sealed answers leave the pool for
``Response`` and ``Answer`` in batches (``core.mixing``): whenever the pool holds
``2 * BATCH``, ``BATCH`` of them chosen at random; when the wave closes, all that are left.
Whoever reads the database files, their write-ahead log or a backup taken after any answer
learns only in which batch an answer left the pool — not whose it is. Results are read
only once a wave has ended; until its pool is emptied they count the sealed answers too.
"""

import json

from coalesce.core import mixing
from coalesce.health.models import Answer, Response, SealedResponse

SEAL_SIZE = 1024  # bytes: more than the longest answer (14 keys of up to 40 characters)


def seal(*, is_steering: bool, size: str, scores: dict) -> str:
    body = json.dumps({"steering": is_steering, "size": size, "scores": scores}, sort_keys=True)
    return mixing.padded(body, SEAL_SIZE)


def unseal(text: str) -> dict:
    return json.loads(text)


def add(wave, *, is_steering: bool, size: str, scores: dict) -> None:
    """Put an answer in the wave's pool, then release a batch if the pool is full. The
    caller holds the wave's row lock, in the transaction recording the participation."""
    SealedResponse.objects.create(
        wave=wave, sealed=seal(is_steering=is_steering, size=size, scores=scores)
    )
    release(wave)


def pool(wave_ids) -> list[tuple[int, int, dict]]:
    """(seal id, wave id, answer) of every sealed answer of ``wave_ids``."""
    rows = SealedResponse.objects.filter(wave_id__in=list(wave_ids))
    return [(row.pk, row.wave_id, unseal(row.sealed)) for row in rows]


def release(wave, *, everything: bool = False) -> int:
    """Move answers from the pool to ``Response``: ``BATCH`` chosen at random while the
    pool holds ``2 * BATCH`` or more, or (``everything``, once the wave has ended) all of
    them, shuffled. The caller holds the wave's row lock. Returns how many left."""
    waiting = [(pk, answer) for pk, _wave, answer in pool([wave.pk])]
    released = 0
    for chosen in mixing.batches(waiting, everything=everything):
        _write(wave, [answer for _pk, answer in chosen])
        SealedResponse.objects.filter(pk__in=[pk for pk, _answer in chosen]).delete()
        released += len(chosen)
    return released


def _write(wave, answers: list[dict]) -> None:
    responses = Response.objects.bulk_create(
        Response(wave=wave, is_steering=a["steering"], size=a["size"]) for a in answers
    )
    rows = [
        Answer(response=response, item=item, score=score)
        for response, answer in zip(responses, answers, strict=True)
        for item, score in answer["scores"].items()
    ]
    mixing.system_random.shuffle(rows)
    Answer.objects.bulk_create(rows)
