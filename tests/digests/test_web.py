"""The digest page: choose never / daily / weekly, and see what the next digest holds."""

import pytest
from django.urls import reverse

from coalesce.digests.models import DigestChoice
from coalesce.updates import services as updates

pytestmark = pytest.mark.django_db


def test_choose_a_weekly_digest_and_see_what_it_holds(world, act):
    url = reverse("digests:page", args=[world.coalition.slug])
    member = world.client("member")
    page = member.get(url).content.decode()
    assert "E-mail digest" in page and "no digest would be sent" in page
    answer = member.post(url, {"frequency": "weekly"})
    assert answer.status_code == 302 and answer["Location"] == url
    choice = DigestChoice.objects.get()
    assert choice.frequency == "weekly" and choice.site_url == "http://testserver/"
    updates.post_update(act("steering"), title="Weekly kit", body="x")
    page = member.get(url).content.decode()
    assert "What your next digest holds so far" in page and "Weekly kit" in page


def test_a_bad_choice_is_a_form_error_and_changes_nothing(world):
    url = reverse("digests:page", args=[world.coalition.slug])
    answer = world.client("member").post(url, {"frequency": "hourly"})
    assert answer.status_code == 400
    assert "Select a valid choice" in answer.content.decode()
    assert not DigestChoice.objects.exists()
