"""The demo's expectations and conduct review, built through the services
(demo.participation)."""

import pytest

from coalesce.accounts.models import User
from coalesce.coalitions.models import Coalition
from coalesce.coalitions.policy import actor_for
from coalesce.participation import selectors
from coalesce.participation.models import ConductReview
from tests.demo.test_loaded_demo import load_once
from tests.support.module_data import module_rows


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    yield from module_rows(django_db_blocker, load_once)


@pytest.mark.django_db
def test_the_demo_sets_expectations_and_follows_up_a_quiet_member(loaded):
    coalition = Coalition.objects.get(pk=loaded[0].pk)
    steering = actor_for(User.objects.get(email="steering@demo.coalesce.test"), coalition)
    found = selectors.expectations(coalition)
    assert (found.min_vote_share, found.min_attendance_share, found.period_months) == (50, 50, 6)
    review = ConductReview.objects.get(coalition=coalition)
    assert review.outcome == "reminder"
    record = selectors.member(steering, review.membership_id)
    assert record.part.took_no_part and record.reviews == [review]
