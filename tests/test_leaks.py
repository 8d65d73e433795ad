"""Plant unique markers in the real names and contact details of confidential and
pseudonymous members; check that nothing a non-entitled role can reach contains them:
pages, searches, exports, errors and the API."""

import pytest
from django.urls import reverse

from tests.authz import ALL
from tests.test_authorization_matrix import PAGES, resolve, targets, url_for  # noqa: F401

# Which markers each role is entitled to see.
ENTITLED = {
    "custodian": {"steering_only_name", "pseudonymous_name", "pseudonymous_person"},
    "steering": {"steering_only_name"},
}
CONTACT_MARKERS = {"pseudonymous_email", "pseudonymous_phone", "steering_only_email"}


def forbidden_markers(world, role):
    return {k: v for k, v in world.markers.items() if k not in ENTITLED.get(role, set())}


def assert_clean(world, role, where, body: str):
    for key, marker in forbidden_markers(world, role).items():
        assert marker.lower() not in body.lower(), f"{role} saw {key} at {where}"


def web_urls(world, targets):  # noqa: F811
    slug = world.coalition.slug
    urls = [url_for(name, page, targets) for name, page in PAGES.items() if page.get]
    for membership in world.memberships.values():
        urls.append(reverse("coalitions:member", args=[slug, membership.id]))
    urls += [
        reverse("coalitions:members", args=[slug]) + "?q=MARKER",
        reverse("coalitions:members", args=[slug]) + "?q=Friends",
        reverse("coalitions:members", args=[slug]) + "?status=active&actor_type=cso",
        reverse("coalitions:members", args=[slug]) + "?country=KE",
        reverse("coalitions:committee", args=[slug, world.steering_committee.id]),
    ]
    return urls


@pytest.mark.parametrize("role", sorted(ALL))
def test_no_page_shows_a_hidden_identity_or_contact(role, world, targets):  # noqa: F811
    client = world.client(role)
    for url in web_urls(world, targets):
        response = client.get(url, follow=True)
        assert_clean(world, role, url, response.content.decode(errors="replace"))


@pytest.mark.parametrize("role", sorted(ALL))
def test_reading_contacts_without_entitlement_reveals_nothing(role, world):
    client = world.client(role)
    for key in ["pseudonymous", "steering_only"]:
        membership = world.memberships[key]
        url = reverse("coalitions:member_contacts", args=[world.coalition.slug, membership.id])
        response = client.post(url, follow=True)
        body = response.content.decode()
        if role != "custodian":
            for marker_key in CONTACT_MARKERS:
                assert world.markers[marker_key] not in body, (role, key, marker_key)


def test_the_custodian_is_entitled_and_does_see_them(world):
    """The markers are really reachable, so the checks above can fail."""
    client = world.client("custodian")
    membership = world.memberships["pseudonymous"]
    detail = client.get(reverse("coalitions:member", args=[world.coalition.slug, membership.id]))
    assert world.markers["pseudonymous_name"] in detail.content.decode()
    contacts = client.post(
        reverse("coalitions:member_contacts", args=[world.coalition.slug, membership.id]),
        follow=True,
    )
    assert world.markers["pseudonymous_email"] in contacts.content.decode()


def test_steering_sees_the_steering_only_member_by_name(world):
    response = world.client("steering").get(
        reverse("coalitions:members", args=[world.coalition.slug])
    )
    body = response.content.decode()
    assert world.markers["steering_only_name"] in body
    assert world.markers["pseudonymous_name"] not in body


@pytest.mark.parametrize("role", sorted(ALL))
def test_no_api_answer_shows_a_hidden_identity_or_contact(role, world, targets):  # noqa: F811
    from coalesce.accounts.models import ApiToken
    from tests.test_api_authorization_matrix import ALL_OPERATIONS, OPERATIONS, call

    tokens = {r: ApiToken.issue(u, "leak")[1] for r, u in world.users.items()}
    read_only = [op for op, (method, _path) in ALL_OPERATIONS.items() if method == "GET"]
    for op_id in read_only:
        response = call(world, tokens, role, op_id, targets)
        assert_clean(world, role, op_id, response.content.decode())
    for key in ["pseudonymous", "steering_only"]:
        for op_id in ["get_member", "read_member_contacts"]:
            targets_for = {**targets, "membership:member": world.memberships[key].id}
            response = call(world, tokens, role, op_id, targets_for)
            body = response.content.decode()
            if role != "custodian":
                assert_clean(world, role, f"{op_id}({key})", body)
    assert OPERATIONS  # the table the calls above are built from
