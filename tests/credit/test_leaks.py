"""A pseudonymous member's and a steering-only member's real names (markers planted by the
standard world) never reach the acknowledgement line, the credit pages or the API of a
reader who may not see them — and do reach those entitled, so the checks can fail."""

import pytest
from django.urls import reverse

from coalesce.credit import selectors
from coalesce.credit.models import Output
from tests.credit.helpers import actor
from tests.support.api import api_as
from tests.support.authz import ENTITLED, MEMBER_LEVEL
from tests.support.targets import credit_targets

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_hashing")]

NAMES = ("pseudonymous_name", "pseudonymous_person", "steering_only_name")


def forbidden(world, role):
    return [world.markers[k] for k in NAMES if k not in ENTITLED.get(role, set())]


def bodies(world, role, targets):
    slug = world.coalition.slug
    client = world.client(role)
    output_id = targets["credit_output"]
    for name, kwargs in [
        ("outputs", {}),
        ("output", {"output_id": output_id}),
        ("equity", {}),
        ("contribute", {"output_id": output_id}),
    ]:
        yield name, client.get(reverse(f"credit:{name}", kwargs={"slug": slug, **kwargs}))
    api = api_as(world, role)
    base = f"/coalitions/{slug}/credit"
    for path in [f"/outputs/{output_id}", "/outputs", "/equity"]:
        yield path, api.get(base + path)


@pytest.mark.parametrize("role", sorted(MEMBER_LEVEL | {"anonymous", "outsider"}))
def test_no_credit_page_or_answer_names_a_hidden_member(world, role):
    targets = credit_targets(world)
    for where, response in bodies(world, role, targets):
        body = response.content.decode()
        for marker in forbidden(world, role):
            assert marker not in body, f"{role} saw {marker} at {where}"


def test_the_public_line_counts_the_hidden_members_for_everyone(world):
    targets = credit_targets(world)
    found = Output.objects.get(pk=targets["credit_output"])
    line = selectors.public_line(found)
    # the member is seen by members only, the others are hidden: all three are counted
    assert line.names == ()
    assert line.text == "With contributions from three member organisations."
    custodian_page = world.client("custodian").get(
        reverse("credit:output", args=[world.coalition.slug, found.pk])
    )
    body = custodian_page.content.decode()
    assert "With contributions from three member organisations." in body
    assert "Friends of the Riverside" not in line.text


def test_those_entitled_do_see_the_names_so_the_check_can_fail(world):
    targets = credit_targets(world)
    found = Output.objects.get(pk=targets["credit_output"])
    found.is_public = False
    found.save()
    for role in ("custodian", "steering"):
        body = "".join(r.content.decode() for _w, r in bodies(world, role, targets))
        for key in ENTITLED[role] & {"pseudonymous_name", "steering_only_name"}:
            assert world.markers[key] in body, (role, key)
    custodian_line = selectors.acknowledgement_line(actor(world, "custodian"), found)
    assert world.markers["pseudonymous_name"] in custodian_line.names
    member_line = selectors.acknowledgement_line(actor(world, "member"), found)
    assert "Friends of the Riverside" in member_line.names
