"""An answer reaches the results only through its wave's pool (``health.mix``): sealed
(unreadable, one length) in the transaction that records who answered, then released in
shuffled batches of at least ``BATCH`` — or all at once when the wave ends — so the
order and transaction in which rows are written link no response to its person."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from coalesce.core.mixing import BATCH
from coalesce.health import mix, selectors, services
from coalesce.health.models import Response, SealedResponse, Wave
from tests.health.helpers import actor, answerers, open_wave, scores

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_hashing")]


def test_responses_appear_only_in_batches_of_at_least_five_and_all_at_the_close(world):
    wave = open_wave(world)
    seen = []
    for one in answerers(world, 2 * BATCH + 2):
        services.answer(one, wave.pk, scores=scores(4), size="small")
        seen.append(Response.objects.filter(wave=wave).count())
    growth = [b - a for a, b in zip([0, *seen], seen, strict=False) if b != a]
    assert growth == [BATCH], seen  # the 10th answer released 5; 7 wait sealed
    assert SealedResponse.objects.filter(wave=wave).count() == BATCH + 2
    services.close_wave(actor(world, "steering"), wave.pk)
    assert Response.objects.filter(wave=wave).count() == 2 * BATCH + 2
    assert not SealedResponse.objects.exists()


def test_a_seal_is_unreadable_and_every_seal_has_the_same_length(world):
    wave = open_wave(world)
    services.answer(actor(world, "member"), wave.pk, scores=scores(1), size="small")
    services.answer(actor(world, "chair"), wave.pk, scores=scores(5), size="unstated")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT sealed FROM {SealedResponse._meta.db_table}")
        stored = [row[0] for row in cursor.fetchall()]
    assert len(stored) == 2 and len(set(map(len, stored))) == 1
    for text in stored:
        assert "scores" not in text and "small" not in text and "unstated" not in text
    assert not Response.objects.exists()


def test_a_wave_ended_by_date_counts_its_sealed_answers_before_and_after_release(world):
    wave = open_wave(world)
    for one in answerers(world, BATCH):
        services.answer(one, wave.pk, scores=scores(2), size="small")
    Wave.objects.filter(pk=wave.pk).update(
        opened_on=timezone.localdate() - timedelta(days=9),
        closes_on=timezone.localdate() - timedelta(days=1),
    )
    member = actor(world, "member")
    before = selectors.wave_view(member, wave.pk).results
    assert SealedResponse.objects.count() == BATCH and before
    assert before[0].score.value == 2 and before[0].score.answers == BATCH
    assert services.release_ended_waves() == BATCH
    assert not SealedResponse.objects.exists()
    assert selectors.wave_view(member, wave.pk).results == before
    assert services.release_ended_waves() == 0


def test_an_open_wave_keeps_its_pool():
    assert mix.unseal(mix.seal(is_steering=True, size="large", scores={"a": 3})) == {
        "steering": True,
        "size": "large",
        "scores": {"a": 3},
    }
