"""The credit API: the same services and selectors as the pages; bad input is a 4xx with
the field and changes nothing; names are masked as on the pages."""

import pytest

from coalesce.credit.models import Contribution, CreditPolicy
from tests.support.api import api_as, assert_error
from tests.support.factories import make_member

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_hashing")]


@pytest.fixture
def base(world):
    return f"/coalitions/{world.coalition.slug}/credit"


def test_record_an_output_and_contributions_and_read_the_line(world, base):
    steering = api_as(world, "steering")
    made = steering.post(
        base + "/outputs",
        {"title": "Vigil for reform", "kind": "event", "date": "2026-04-01", "is_public": True},
    )
    assert made.status_code == 201, made.content
    output_id = made.json()["id"]
    for key, role in [("steering", "convening"), ("pseudonymous", "security_support")]:
        answer = steering.post(
            f"{base}/outputs/{output_id}/contributions",
            {"membership_id": world.memberships[key].pk, "role": role, "degree": "lead"},
        )
        assert answer.status_code == 201, answer.content
    detail = answer.json()
    assert detail["acknowledgement"] == {
        "text": "With contributions from Justice Watch and one member organisation.",
        "names": ["Justice Watch"],
        "unnamed_organisations": 1,
        "unnamed_people": 0,
        "public": True,
    }
    members = api_as(world, "member").get(f"{base}/outputs/{output_id}").json()
    names = [c["member"]["name"] for c in members["contributions"]]
    assert names == ["Justice Watch", "Friends of the Riverside"]
    assert [c["consent"] for c in members["contributions"]] == [None, None]
    assert world.markers["pseudonymous_name"] not in str(members)
    listed = api_as(world, "member").get(base + "/outputs").json()
    assert [(o["title"], o["contributors"]) for o in listed] == [("Vigil for reform", 2)]


def test_crediting_a_non_member_is_a_400_and_changes_nothing(world, base):
    steering = api_as(world, "steering")
    output_id = steering.post(
        base + "/outputs", {"title": "Report", "kind": "report", "date": "2026-04-01"}
    ).json()["id"]
    stranger = make_member(world.other_coalition, name="Not Ours")
    before = Contribution.objects.count()
    answer = steering.post(
        f"{base}/outputs/{output_id}/contributions",
        {"membership_id": stranger.pk, "role": "drafting", "degree": "lead"},
    )
    body = assert_error(answer, 400, "membership_id")
    assert "active member" in body["detail"]
    assert_error(
        steering.post(
            f"{base}/outputs/{output_id}/contributions",
            {"membership_id": world.memberships["member"].pk, "role": "x", "degree": "lead"},
        ),
        400,
        "role",
    )
    assert Contribution.objects.count() == before
    assert_error(steering.post(base + "/outputs", {"title": "T", "kind": "x", "date": "2026"}), 400)


def test_the_policy_and_the_members_choice_of_credit(world, base):
    steering = api_as(world, "steering")
    assert steering.get(base + "/policy").json()["minimum_degree"] == "supporting"
    put = steering.put(
        base + "/policy",
        {
            "roles": ["drafting"],
            "name_order": "alphabetical",
            "count_unnamed": False,
            "minimum_degree": "lead",
        },
    )
    assert put.status_code == 200, put.content
    assert CreditPolicy.objects.get().roles == ["drafting"]
    bad = steering.put(
        base + "/policy",
        {"roles": [], "name_order": "alphabetical", "count_unnamed": 1, "minimum_degree": "lead"},
    )
    assert bad.status_code in (400, 422)
    output_id = steering.post(
        base + "/outputs", {"title": "Report", "kind": "report", "date": "2026-04-01"}
    ).json()["id"]
    member = api_as(world, "member")
    mine = member.post(
        f"{base}/outputs/{output_id}/contributions",
        {"membership_id": world.memberships["member"].pk, "role": "drafting", "degree": "lead"},
    )
    assert mine.status_code == 201, mine.content
    contribution = mine.json()["contributions"][0]
    assert contribution["consent"] == "public"  # its own: shown
    changed = member.patch(f"{base}/contributions/{contribution['id']}", {"consent": "private"})
    assert changed.json()["contributions"][0]["consent"] == "private"
    assert changed.json()["acknowledgement"]["names"] == []
    equity = member.get(base + "/equity").json()
    assert equity["every_row"] is False
    assert [(r["credited"], r["private"]) for r in equity["rows"]] == [(1, 1)]
    steering_view = steering.get(base + "/equity").json()
    assert steering_view["rows"][0]["private"] is None
