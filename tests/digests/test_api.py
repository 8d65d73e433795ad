"""The digest API: your choice and your next digest, through the same selectors as the
page; a bad frequency is a 400 naming the field, and changes nothing. Also the updates
settings and naming preference, which the pages had alone."""

import pytest

from coalesce.digests.models import DigestChoice
from coalesce.updates import services as updates
from coalesce.updates.models import ReaderPreference, UpdateSettings
from tests.support.api import api_as, assert_error

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_hashing")]


def test_choose_a_digest_and_read_what_it_holds(world, act):
    base = f"/coalitions/{world.coalition.slug}/digest"
    member = api_as(world, "member")
    assert member.get(base).json()["frequency"] == "never"
    chosen = member.put(base, {"frequency": "daily"})
    assert chosen.status_code == 200, chosen.content
    assert chosen.json()["next_digest"]["is_empty"] is True
    updates.post_update(act("steering"), title="Kit", body="x", committee_id=world.committee.id)
    answer = member.get(base).json()
    assert answer["frequency"] == "daily"
    (section,) = answer["next_digest"]["sections"]
    assert section["committee"] == "Outreach"
    assert [(u["title"], u["author_label"]) for u in section["updates"]] == [
        ("Kit", "Justice Watch")
    ]


def test_a_bad_frequency_is_a_400_and_changes_nothing(world):
    member = api_as(world, "member")
    answer = member.put(f"/coalitions/{world.coalition.slug}/digest", {"frequency": "hourly"})
    assert_error(answer, 400, field="frequency")
    assert not DigestChoice.objects.exists()


def test_update_settings_and_the_naming_preference_through_the_api(world):
    base = f"/coalitions/{world.coalition.slug}/updates"
    steering = api_as(world, "steering")
    assert steering.get(f"{base}/settings").json() == {"members_may_post": False}
    assert steering.put(f"{base}/settings", {"members_may_post": True}).json() == {
        "members_may_post": True
    }
    assert UpdateSettings.objects.get().members_may_post
    assert_error(api_as(world, "member").put(f"{base}/settings", {"members_may_post": False}), 403)
    member = api_as(world, "member")
    assert member.put(f"{base}/preference", {"counted_not_named": True}).status_code == 200
    assert member.get(f"{base}/preference").json() == {"counted_not_named": True}
    assert ReaderPreference.objects.get().counted_not_named
    assert_error(member.put(f"{base}/preference", {"counted_not_named": "yes"}), 422)
