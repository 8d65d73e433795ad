"""The participation pages: the list, one member's record, a conduct review, the
expectations beside the code of conduct, and the charter showing them."""

from django.urls import reverse
from django.utils import timezone

from coalesce.participation.models import ConductReview, Expectations


def _url(world, name, *args):
    return reverse(f"participation:{name}", args=[world.coalition.slug, *args])


def test_the_list_shows_who_took_no_part(world, scene):
    client = world.client("steering")
    body = client.get(_url(world, "index") + "?not_taken_part=on").content.decode()
    assert "took no part" in body and "Women Police Association" in body  # the chair
    assert "Friends of the Riverside" not in body  # it attended the meeting
    full = client.get(_url(world, "index")).content.decode()
    assert "Friends of the Riverside" in full and world.markers["pseudonymous_name"] not in full
    assert world.markers["steering_only_name"] in full  # steering may see it listed


def test_a_bad_period_is_a_clear_message(world):
    response = world.client("steering").get(
        _url(world, "index") + "?start=2026-05-01&end=2026-04-01"
    )
    assert response.status_code == 400
    assert "The period ends before it starts." in response.content.decode()
    bad = world.client("steering").get(_url(world, "index") + "?start=soon")
    assert bad.status_code == 400


def test_the_member_reads_its_own_record_and_reviews(world, scene):
    from coalesce.coalitions.policy import actor_for
    from coalesce.participation import services

    member = world.memberships["member"]
    steering = actor_for(world.users["steering"], world.coalition)
    services.record_review(
        steering, member.id, note="Thanks for **the report**.", outcome="no_action"
    )
    body = world.client("member").get(_url(world, "member", member.id)).content.decode()
    assert "<strong>the report</strong>" in body  # Markdown, rendered
    assert "Record a conduct review" not in body
    assert "Month by month" in body
    assert world.client("chair").get(_url(world, "member", member.id)).status_code == 403
    hidden = world.memberships["steering_only"].id
    assert world.client("member").get(_url(world, "member", hidden)).status_code == 404
    assert world.client("admin").get(_url(world, "member", hidden)).status_code == 404


def test_the_note_is_sanitised(world):
    client = world.client("steering")
    chair = world.memberships["chair"].id
    response = client.post(
        _url(world, "review", chair), {"outcome": "plan", "note": "<script>alert(1)</script>Plan"}
    )
    assert response.status_code == 302
    body = client.get(_url(world, "member", chair)).content.decode()
    assert "<script>alert(1)" not in body and "Plan" in body


def test_a_bad_review_shows_the_message_and_changes_nothing(world):
    client = world.client("steering")
    chair = world.memberships["chair"].id
    response = client.post(_url(world, "review", chair), {"outcome": "shouted", "note": ""})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert not ConductReview.objects.exists()


def test_expectations_beside_the_code_of_conduct_and_on_the_charter(world):
    from coalesce.coalitions.models import CharterPolicy, PolicyKind

    CharterPolicy.objects.update_or_create(
        coalition=world.coalition,
        kind=PolicyKind.CODE_OF_CONDUCT,
        defaults={"text": "We show up and we keep confidences."},
    )
    client = world.client("steering")
    page = client.get(_url(world, "expectations")).content.decode()
    assert "We show up and we keep confidences." in page
    bad = client.post(
        _url(world, "expectations"),
        {"min_vote_share": "150", "min_attendance_share": "10", "period_months": "6"},
    )
    assert bad.status_code == 400 and not Expectations.objects.exists()
    client.post(
        _url(world, "expectations"),
        {"min_vote_share": "60", "min_attendance_share": "40", "period_months": "3"},
    )
    charter = world.client("member").get(reverse("coalitions:charter", args=[world.coalition.slug]))
    assert _url(world, "expectations") in charter.content.decode()
    read = world.client("member").get(_url(world, "expectations")).content.decode()
    assert "at least 60% of those it could vote in" in read
    assert "at least 40% of those it was invited to" in read
    assert "Save the expectations" not in read
    refused = world.client("member").post(
        _url(world, "expectations"),
        {"min_vote_share": "1", "min_attendance_share": "1", "period_months": "1"},
    )
    assert refused.status_code == 403


def test_the_record_draws_its_trend_and_refuses_a_bad_period(world, scene):
    member = world.memberships["member"].id
    client = world.client("steering")
    body = client.get(_url(world, "member", member)).content.decode()
    assert 'id="participation-trend"' in body or "participation-trend" in body
    bad = client.get(_url(world, "member", member) + "?start=2026-05-01&end=2026-04-01")
    assert bad.status_code == 400 and "The period ends before it starts." in bad.content.decode()
    refused = world.client("chair").get(_url(world, "member", member) + "?start=bad")
    assert refused.status_code == 403


def test_a_member_finds_its_own_record(world):
    client = world.client("chair")
    response = client.get(_url(world, "mine"))
    assert response.url == _url(world, "member", world.memberships["chair"].id)
    assert "Our participation" in client.get(response.url).content.decode()
    assert world.client("custodian").get(_url(world, "mine")).status_code == 404


def test_the_period_form_holds_the_period_shown(world):
    url = reverse("participation:index", args=[world.coalition.slug])
    body = world.client("steering").get(url).content.decode()
    assert f'value="{timezone.localdate().isoformat()}"' in body
