"""The credit pages: record an output and contributions, read the acknowledgement line,
keep the credit policy, choose one's credit, see the equity view; bad input shows a
clear message on the form, answers 4xx and changes nothing."""

import pytest
from django.urls import reverse

from coalesce.credit.models import Contribution, Output
from tests.credit.helpers import contribute, output
from tests.support.factories import make_member

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_hashing")]


def url(world, name, **kwargs):
    return reverse(f"credit:{name}", kwargs={"slug": world.coalition.slug, **kwargs})


def test_record_an_output_and_a_contribution_and_read_the_line(world):
    client = world.client("steering")
    answer = client.post(
        url(world, "output_add"),
        {"title": "Oversight report", "kind": "report", "date": "2026-02-03", "is_public": "on"},
    )
    found = Output.objects.get()
    assert answer.status_code == 302 and answer["Location"] == url(
        world, "output", output_id=found.pk
    )
    page = client.get(url(world, "contribute", output_id=found.pk))
    assert "Friends of the Riverside" in page.content.decode()  # the alias, in the choices
    answer = client.post(
        url(world, "contribute", output_id=found.pk),
        {
            "membership_id": world.memberships["steering"].pk,
            "role": "drafting",
            "degree": "lead",
            "consent": "public",
        },
        follow=True,
    )
    body = answer.content.decode()
    assert "The contribution is recorded." in body
    assert "With contributions from Justice Watch." in body
    listing = world.client("member").get(url(world, "outputs")).content.decode()
    assert "Oversight report" in listing and "Credit" in listing


def test_crediting_a_non_member_shows_a_clear_message_and_changes_nothing(world):
    found = output(world)
    stranger = make_member(world.other_coalition, name="Not Ours")
    answer = world.client("steering").post(
        url(world, "contribute", output_id=found.pk),
        {"membership_id": stranger.pk, "role": "drafting", "degree": "lead", "consent": "public"},
    )
    assert answer.status_code == 400
    assert "Only an active member of this coalition can be credited" in answer.content.decode()
    assert not Contribution.objects.exists()


def test_the_steering_committee_keeps_the_credit_policy_shown_on_the_charter(world):
    client = world.client("steering")
    assert client.get(url(world, "policy")).status_code == 200
    answer = client.post(
        url(world, "policy"),
        {
            "roles": ["drafting", "research"],
            "minimum_degree": "equal",
            "name_order": "alphabetical",
        },
        follow=True,
    )
    body = answer.content.decode()
    assert "The credit policy is saved." in body
    assert "Alphabetically" in body and "Left out" in body
    bad = client.post(url(world, "policy"), {"minimum_degree": "equal", "name_order": "x"})
    assert bad.status_code == 400
    assert world.client("member").get(url(world, "policy")).status_code == 403


def test_a_member_chooses_its_own_credit_on_the_output_page(world):
    found = output(world)
    mine = contribute(world, found, "member")
    contribute(world, found, "chair")
    client = world.client("member")
    page = client.get(url(world, "output", output_id=found.pk)).content.decode()
    assert page.count('name="consent"') == 1  # only its own row has the choice
    client.post(url(world, "consent", contribution_id=mine.pk), {"consent": "none"})
    mine.refresh_from_db()
    assert mine.consent == "none"
    bad = client.post(url(world, "consent", contribution_id=mine.pk), {"consent": "loud"})
    assert bad.status_code == 400
    mine.refresh_from_db()
    assert mine.consent == "none"


def test_the_equity_view_flags_who_contributes_and_is_never_credited(world):
    for i in range(3):
        found = output(world, title=f"Statement {i}")
        contribute(world, found, "chair", consent="public")
        contribute(world, found, "member", consent="none")
    body = world.client("steering").get(url(world, "equity")).content.decode()
    assert "Credit gap by actor type" in body
    assert body.count("Never credited") == 0  # declining credit is not a gap
    from coalesce.credit import services
    from tests.credit.helpers import actor

    services.set_credit_policy(
        actor(world, "steering"),
        roles=["research"],
        name_order="alphabetical",
        count_unnamed=True,
        minimum_degree="supporting",
    )
    body = world.client("steering").get(url(world, "equity")).content.decode()
    assert body.count("Never credited") == 1 and "Women Police Association" in body
    mine = world.client("member").get(url(world, "equity")).content.decode()
    assert "Women Police Association" not in mine and "Credit gap" not in mine
