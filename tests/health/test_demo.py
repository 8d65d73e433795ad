"""The demo's health checks, built through the services (demo.health): a closed first
wave whose results are withheld (the demo has fewer than 5 people with accounts) and an
open second one."""

import pytest

from coalesce.accounts.models import User
from coalesce.coalitions.models import Coalition
from coalesce.coalitions.policy import actor_for
from coalesce.demo.health import FIRST, SECOND
from coalesce.health import selectors
from coalesce.health.models import Participation, Response
from tests.demo.test_loaded_demo import load_once
from tests.support.module_data import module_rows


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    yield from module_rows(django_db_blocker, load_once)


@pytest.mark.django_db
def test_the_demo_has_a_closed_wave_withheld_and_an_open_one(loaded):
    coalition = Coalition.objects.get(pk=loaded[0].pk)
    member = actor_for(User.objects.get(email="member@demo.coalesce.test"), coalition)
    waves = selectors.waves(member)
    assert [w.title for w in waves] == [SECOND, FIRST]
    second, first = waves
    assert second.is_open and not first.is_open
    assert 0 < first.answered < 5 and first.answered == Response.objects.count()
    assert Participation.objects.filter(wave=first).count() == first.answered
    view = selectors.wave_view(member, first.pk)
    assert all(r.score.withheld for r in view.results)
    assert [w.title for w in selectors.trend(member).waves] == [FIRST]
