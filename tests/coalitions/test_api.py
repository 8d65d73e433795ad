"""The JSON API: authentication, one policy, no identity leaks, refused writes change nothing."""

import pytest
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client

from coalesce.audit.models import AuditEvent
from coalesce.coalitions.models import (
    Application,
    CharterPolicy,
    Committee,
    CommitteeSeat,
    FocusArea,
    Membership,
    MembershipStatus,
    Organisation,
    name_is,
)
from tests.support.api import Api, api_as, assert_error

pytestmark = pytest.mark.usefixtures("fast_hashing")

C = "/coalitions/safer-streets"


# --- authentication -----------------------------------------------------------------


def test_token_authenticates_and_a_bad_token_is_401(world):
    response = api_as(world, "member").get("/me")
    assert response.status_code == 200
    assert response.json()["email"] == "member@example.org"

    assert_error(Api("clc_not-a-real-token").get("/me"), 401, None)
    # A wrong token is refused even where anonymous callers are welcome.
    assert_error(Api("clc_not-a-real-token").get(C), 401, None)
    assert_error(Api("clc_not-a-real-token").post(f"{C}/focus-areas", {"name": "X"}), 401)


def test_protected_operations_are_401_json_for_anonymous(world):
    anonymous = Api()
    for path in ["/me", "/tokens", f"{C}/charter", f"{C}/committees", f"{C}/diversity"]:
        response = anonymous.get(path)
        assert_error(response, 401, None)
        assert response["WWW-Authenticate"] == "Bearer"
    assert_error(anonymous.post("/coalitions", {"name": "Mine"}), 401)


def test_public_operations_answer_anonymous_callers(world):
    anonymous = Api()
    profile = anonymous.get(C).json()
    assert profile["name"] == "Safer Streets Coalition"
    assert profile["full"] is False and profile["roles"] == ["anonymous"]
    assert profile["members_listed"] is None
    members = anonymous.get(f"{C}/memberships").json()
    assert [m["name"] for m in members["items"]] == ["Justice Watch"]
    slugs = [c["slug"] for c in anonymous.get("/coalitions").json()]
    assert "safer-streets" in slugs


def test_session_writes_need_the_csrf_header(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["steering"])
    session = Api(client=client)
    assert session.get(f"{C}/charter").status_code == 200

    assert_error(session.post(f"{C}/focus-areas", {"name": "Policing"}), 403, None)
    assert not FocusArea.objects.filter(name="Policing").exists()

    csrf = _get_new_csrf_string()
    client.cookies["csrftoken"] = csrf
    session.headers = {"X-CSRFToken": csrf}
    assert session.post(f"{C}/focus-areas", {"name": "Policing"}).status_code == 201


def test_unknown_coalition_is_404_json(world):
    assert_error(api_as(world, "steering").get("/coalitions/nowhere/charter"), 404, None)
    assert_error(Api().get("/coalitions/nowhere"), 404, None)


# --- identity protection ------------------------------------------------------------


def _everything_readable(api, world) -> list[str]:
    """Every GET the API offers on the coalition, plus searches for the hidden names."""
    paths = [
        "/coalitions",
        C,
        f"{C}/charter",
        f"{C}/focus-areas",
        f"{C}/organisations",
        f"{C}/memberships",
        f"{C}/memberships?q=MARKER",
        f"{C}/memberships?q=Riverside",
        f"{C}/memberships?status=active",
        f"{C}/memberships?country=KE",
        f"{C}/memberships?actor_type=cso",
        f"{C}/requirements",
        f"{C}/applications",
        f"{C}/applications/{world.pending_application.id}",
        f"{C}/committees",
        f"{C}/committees/uncovered-members",
        f"{C}/committees/{world.committee.id}",
        f"{C}/committees/{world.steering_committee.id}",
        f"{C}/diversity",
    ]
    paths += [f"{C}/memberships/{m.id}" for m in world.memberships.values()]
    bodies = []
    for path in paths:
        response = api.get(path)
        assert response.status_code < 500, path
        assert response["Content-Type"].startswith("application/json"), path
        bodies.append(response.content.decode())
    return bodies


@pytest.mark.parametrize("role", ["anonymous", "outsider", "applicant", "member", "chair"])
def test_hidden_identities_never_appear_in_any_api_answer(world, role):
    text = "\n".join(_everything_readable(api_as(world, role), world)).lower()
    for marker in world.markers.values():
        assert marker.lower() not in text, (role, marker)


@pytest.mark.parametrize("role", ["steering", "admin"])
def test_steering_and_admin_never_see_the_pseudonymous_identity_or_contacts(world, role):
    text = "\n".join(_everything_readable(api_as(world, role), world)).lower()
    for key in ["pseudonymous_name", "pseudonymous_person", "pseudonymous_email"]:
        assert world.markers[key].lower() not in text, (role, key)
    assert world.markers["steering_only_email"].lower() not in text


def test_a_member_sees_the_pseudonymous_member_only_by_its_alias(world):
    api = api_as(world, "member")
    items = api.get(f"{C}/memberships").json()["items"]
    pseudo = next(m for m in items if m["id"] == world.memberships["pseudonymous"].id)
    assert pseudo["name"] == "Friends of the Riverside" and pseudo["is_alias"] is True
    assert pseudo["actor_type"] == pseudo["country"] == pseudo["country_code"] == ""
    detail = api.get(f"{C}/memberships/{pseudo['id']}").json()
    assert detail["representatives"] == []
    # A member does not see the steering-only member at all.
    assert world.memberships["steering_only"].id not in {m["id"] for m in items}
    steering_only = world.memberships["steering_only"].id
    assert_error(api.get(f"{C}/memberships/{steering_only}"), 404)
    # Filtering by the hidden facts finds nothing instead of the alias.
    found = api.get(f"{C}/memberships", {"actor_type": "cso", "q": "Riverside"}).json()
    assert found["total"] == 0


def test_the_custodian_sees_the_real_name_and_reads_contacts_with_an_audit_entry(world):
    api = api_as(world, "custodian")
    pseudo = world.memberships["pseudonymous"]
    detail = api.get(f"{C}/memberships/{pseudo.id}").json()
    assert detail["name"] == world.markers["pseudonymous_name"]
    assert detail["representatives"] == [world.markers["pseudonymous_person"]]
    assert world.markers["pseudonymous_email"] not in api.get(f"{C}/memberships").content.decode()

    before = AuditEvent.objects.filter(action="membership.view_contacts").count()
    contacts = api.post(f"{C}/memberships/{pseudo.id}/contacts").json()
    assert contacts["contact_email"] == world.markers["pseudonymous_email"]
    assert AuditEvent.objects.filter(action="membership.view_contacts").count() == before + 1


def test_others_cannot_read_contacts(world):
    pseudo = world.memberships["pseudonymous"]
    for role in ["member", "steering", "admin", "chair"]:
        response = api_as(world, role).post(f"{C}/memberships/{pseudo.id}/contacts")
        assert response.status_code in (403, 404), role
        assert world.markers["pseudonymous_email"] not in response.content.decode()
    assert not AuditEvent.objects.filter(action="membership.view_contacts").exists()
    own = world.memberships["member"]
    assert api_as(world, "member").post(f"{C}/memberships/{own.id}/contacts").status_code == 200


def test_steering_sees_the_steering_only_member(world):
    api = api_as(world, "steering")
    names = {m["name"] for m in api.get(f"{C}/memberships").json()["items"]}
    assert world.markers["steering_only_name"] in names
    organisations = {o["name"] for o in api.get(f"{C}/organisations").json()}
    assert world.markers["steering_only_name"] in organisations
    assert world.markers["pseudonymous_name"] not in organisations


# --- refused writes change nothing --------------------------------------------------


def test_a_member_cannot_edit_the_charter(world):
    before = list(CharterPolicy.objects.values_list("kind", "status", "text"))
    response = api_as(world, "member").put(
        f"{C}/charter/leadership", {"status": "draft", "text": "Take over"}
    )
    assert_error(response, 403)
    assert list(CharterPolicy.objects.values_list("kind", "status", "text")) == before


def test_steering_edits_the_charter(world):
    api = api_as(world, "steering")
    response = api.put(f"{C}/charter/leadership", {"status": "agreed", "text": "Rotating chair"})
    assert_error(response, 400, "agreed_on")
    response = api.put(
        f"{C}/charter/leadership",
        {"status": "agreed", "text": "Rotating chair", "agreed_on": "2024-05-01"},
    )
    assert response.status_code == 200
    assert api.get(f"{C}/charter").json()["counts"]["agreed"] == 1
    assert_error(api.put(f"{C}/charter/nonsense", {"status": "draft", "text": "x"}), 400, "kind")


WRITES = [
    ("patch", "", {"name": "Taken over"}),
    ("put", "/charter/leadership", {"status": "draft", "text": "Ours now"}),
    ("post", "/focus-areas", {"name": "Intruders"}),
    ("post", "/organisations", {"name": "Intruder Org", "actor_type": "cso", "country": "KE"}),
    ("post", "/people", {"full_name": "Intruder"}),
    ("post", "/requirements", {"text": "Intruders welcome"}),
    ("post", "/committees", {"name": "Intruders", "kind": "events"}),
    ("post", "/staff", {"email": "outsider@example.org", "role": "admin"}),
]


def _state():
    return (
        list(Organisation.objects.order_by("id").values_list("name", flat=True)),
        list(Committee.objects.order_by("id").values_list("name", flat=True)),
        list(FocusArea.objects.values_list("name", flat=True)),
        list(CharterPolicy.objects.order_by("id").values_list("status", "text")),
        list(Membership.objects.order_by("id").values_list("status", "visibility", "alias")),
        list(CommitteeSeat.objects.order_by("id").values_list("committee_id", "membership_id")),
    )


def test_an_outsider_is_refused_everything_and_nothing_changes(world):
    api = api_as(world, "outsider")
    member = world.memberships["member"]
    writes = [
        *WRITES,
        ("patch", f"/memberships/{member.id}/protection", {"visibility": "public"}),
        ("post", f"/memberships/{member.id}/status", {"status": "ended", "reason": "x"}),
        ("put", f"/committees/{world.committee.id}/seats/{member.id}", {"role": "chair"}),
        ("delete", f"/committees/{world.committee.id}/seats/{member.id}", None),
        ("delete", f"/committees/{world.committee.id}", None),
        ("post", f"/applications/{world.pending_application.id}/decision", {"approve": True}),
    ]
    before = _state()
    # The coalition has a public page, so the outsider may know it exists: 403.
    for method, path, data in writes:
        call = getattr(api, method)
        response = call(C + path) if data is None else call(C + path, data)
        assert response.status_code in (403, 404), (method, path, response.content)
        assert_error(response, response.status_code)
    # Without a public page the coalition is invisible to them: everything is 404.
    world.coalition.has_public_page = False
    world.coalition.save()
    for method, path, data in writes:
        call = getattr(api, method)
        response = call(C + path) if data is None else call(C + path, data)
        assert_error(response, 404)
    for path in ["", "/memberships", "/charter", "/committees", "/organisations"]:
        assert_error(api.get(C + path), 404)
    assert _state() == before
    assert world.coalition.name == "Safer Streets Coalition"


def test_a_member_of_another_coalition_gets_404_there(world):
    world.other_coalition.has_public_page = False
    world.other_coalition.save()
    api = api_as(world, "steering")
    before = _state()
    for method, path, data in WRITES:
        assert_error(getattr(api, method)("/coalitions/another" + path, data), 404)
    assert_error(api.get("/coalitions/another/memberships"), 404)
    assert _state() == before


# --- input errors -------------------------------------------------------------------


def test_unknown_actor_type_is_400_on_the_field(world):
    api = api_as(world, "steering")
    response = api.post(
        f"{C}/organisations", {"name": "New Org", "actor_type": "spaceship", "country": "KE"}
    )
    assert_error(response, 400, "actor_type")
    assert_error(api.get(f"{C}/memberships", {"actor_type": "spaceship"}), 400, "actor_type")
    assert_error(api.get(f"{C}/memberships", {"country": "XX"}), 400, "country")
    assert not Organisation.objects.filter(name_is("New Org", world.coalition)).exists()


def test_oversized_text_is_422_with_the_field_path(world):
    api = api_as(world, "steering")
    response = api.post(
        f"{C}/organisations", {"name": "x" * 201, "actor_type": "cso", "country": "KE"}
    )
    body = assert_error(response, 422, "name")
    assert body["errors"][0]["field"] == "name"
    assert not Organisation.objects.filter(name_is("x" * 201, world.coalition)).exists()

    response = api_as(world, "outsider").post(
        f"{C}/applications",
        {"kind": "person", "person_name": "Me", "answers": {"1": "y" * 2001}},
    )
    assert_error(response, 422, "answers.1")
    assert_error(api.get(f"{C}/memberships", {"limit": 5000}), 422, "limit")
    assert_error(api.get(f"{C}/memberships/99999999999999"), 422, "membership_id")
    assert_error(api.post(f"{C}/focus-areas", {"name": "nul\x00byte"}), 422, "name")
    assert_error(api.post(f"{C}/focus-areas", {}), 422, "name")


def test_an_oversized_coalition_name_is_refused_and_nothing_is_created(world):
    api = api_as(world, "outsider")
    assert_error(api.post("/coalitions", {"name": "n" * 161}), 422, "name")
    assert_error(api.post("/coalitions", {"name": "Another", "slug": "another"}), 409, "slug")
    response = api.post("/coalitions", {"name": "Border Watch", "founder_kind": "person"})
    assert response.status_code == 201
    # The founder is its first member, chairs the steering committee and is its admin.
    assert response.json()["roles"] == ["admin", "chair", "member", "steering"]


# --- applications -------------------------------------------------------------------


def test_applying_twice_is_409(world):
    assert_error(
        api_as(world, "applicant").post(
            f"{C}/applications", {"kind": "person", "person_name": "Again"}
        ),
        409,
    )
    assert Application.objects.filter(applicant=world.users["applicant"]).count() == 1


def test_an_application_from_submission_to_active_membership(world):
    steering = api_as(world, "steering")
    requirement = steering.post(f"{C}/requirements", {"text": "Works on policing"}).json()
    assert [r["id"] for r in steering.get(f"{C}/requirements").json()] == [requirement["id"]]

    outsider = api_as(world, "outsider")
    missing = outsider.post(f"{C}/applications", {"kind": "person", "person_name": "Olu"})
    assert_error(missing, 400, f"answers.{requirement['id']}")
    created = outsider.post(
        f"{C}/applications",
        {
            "kind": "organisation",
            "person_name": "Olu",
            "organisation_name": "Border Monitors",
            "actor_type": "cso",
            "country": "UG",
            "answers": {str(requirement["id"]): "Yes, since 2010."},
        },
    )
    assert created.status_code == 201, created.content
    application = created.json()
    assert application["answers"][0]["answer"] == "Yes, since 2010."
    again = outsider.post(
        f"{C}/applications",
        {"kind": "person", "person_name": "Olu", "answers": {str(requirement["id"]): "Yes"}},
    )
    assert_error(again, 409)

    # Another applicant's application is invisible; the applicant sees their own.
    assert_error(api_as(world, "member").get(f"{C}/applications/{application['id']}"), 404)
    assert outsider.get(f"{C}/applications/{application['id']}").status_code == 200
    pending = {a["id"] for a in steering.get(f"{C}/applications").json()}
    assert application["id"] in pending

    decided = steering.post(
        f"{C}/applications/{application['id']}/decision", {"approve": True}
    ).json()
    assert decided["status"] == "approved"
    membership_id = decided["membership_id"]
    acknowledged = outsider.post(f"{C}/memberships/{membership_id}/acknowledge-conduct")
    assert acknowledged.status_code == 200
    assert acknowledged.json()["status"] == MembershipStatus.ACTIVE
    assert acknowledged.json()["name"] == "Border Monitors"

    assert_error(
        steering.post(f"{C}/applications/{application['id']}/decision", {"approve": False}),
        409,
        "status",
    )


def test_an_applicant_withdraws(world):
    api = api_as(world, "applicant")
    response = api.post(f"{C}/applications/{world.pending_application.id}/withdraw")
    assert response.json()["status"] == "withdrawn"
    assert_error(
        api_as(world, "outsider").post(f"{C}/applications/{world.pending_application.id}/withdraw"),
        404,
    )


# --- memberships, committees, diversity, staff --------------------------------------


def test_steering_suspends_a_member_and_members_edit_their_protection(world):
    member = world.memberships["member"]
    steering = api_as(world, "steering")
    response = steering.post(f"{C}/memberships/{member.id}/status", {"status": "suspended"})
    assert_error(response, 400, "reason")
    response = steering.post(
        f"{C}/memberships/{member.id}/status", {"status": "suspended", "reason": "Audit"}
    )
    assert response.json()["status"] == "suspended"

    chair = world.memberships["chair"]
    own = api_as(world, "chair")
    response = own.patch(f"{C}/memberships/{chair.id}/protection", {"visibility": "pseudonymous"})
    assert_error(response, 400, "alias")
    response = own.patch(
        f"{C}/memberships/{chair.id}/protection",
        {"visibility": "pseudonymous", "alias": "Blue Lantern", "contact_phone": "+1 555"},
    )
    assert response.status_code == 200
    assert response.json()["name"] == "Women Police Association"  # its own identity
    assert steering.get(f"{C}/memberships/{chair.id}").json()["name"] == "Blue Lantern"
    chair.refresh_from_db()
    assert chair.contact_phone == "+1 555"


def test_committees_and_seats(world):
    steering = api_as(world, "steering")
    created = steering.post(f"{C}/committees", {"name": "Fundraising", "kind": "fundraising"})
    assert created.status_code == 201
    committee_id = created.json()["id"]
    assert_error(steering.post(f"{C}/committees", {"name": "fundraising", "kind": "events"}), 409)
    member = world.memberships["steering_only"]
    seat = steering.put(f"{C}/committees/{committee_id}/seats/{member.id}", {"role": "chair"})
    assert seat.status_code == 200
    assert seat.json()["label"] == world.markers["steering_only_name"]

    member_view = api_as(world, "member").get(f"{C}/committees/{committee_id}").json()
    assert member_view["seats"] == []  # the steering-only member is not listed to members
    outreach = api_as(world, "member").get(f"{C}/committees/{world.committee.id}").json()
    labels = {s["label"] for s in outreach["seats"]}
    assert "Friends of the Riverside" in labels

    updated = steering.patch(f"{C}/committees/{committee_id}", {"description": "Money"})
    assert updated.json()["description"] == "Money" and updated.json()["name"] == "Fundraising"
    uncovered = steering.get(f"{C}/committees/uncovered-members").json()
    assert member.id not in {m["id"] for m in uncovered}
    assert steering.delete(f"{C}/committees/{committee_id}/seats/{member.id}").status_code == 204
    assert_error(steering.delete(f"{C}/committees/{committee_id}/seats/{member.id}"), 404)
    assert steering.delete(f"{C}/committees/{committee_id}").status_code == 204
    assert_error(steering.delete(f"{C}/committees/{world.steering_committee.id}"), 409)


def test_diversity_counts_only_visible_identities(world):
    member = api_as(world, "member").get(f"{C}/diversity").json()
    custodian = api_as(world, "custodian").get(f"{C}/diversity").json()
    assert member["organisations"] == 3
    assert custodian["organisations"] == 5


def test_admin_grants_a_staff_role(world):
    admin = api_as(world, "admin")
    response = admin.post(f"{C}/staff", {"email": "member@example.org", "role": "custodian"})
    assert response.status_code == 201
    assert_error(admin.post(f"{C}/staff", {"email": "nobody@example.org", "role": "admin"}), 404)
    assert_error(
        admin.post(f"{C}/staff", {"email": "member@example.org", "role": "king"}), 400, "role"
    )


def test_people_and_organisations(world):
    steering = api_as(world, "steering")
    steering.post(f"{C}/focus-areas", {"name": "Police reform"})
    org = steering.post(
        f"{C}/organisations",
        {
            "name": "Prospect",
            "actor_type": "media",
            "country": "ke",
            "focus_areas": ["police REFORM"],
        },
    )
    assert org.status_code == 201, org.content
    assert org.json()["is_prospective"] and org.json()["focus_areas"] == ["Police reform"]
    assert "Prospect" in {o["name"] for o in steering.get(f"{C}/organisations").json()}
    assert "Prospect" not in {
        o["name"] for o in api_as(world, "member").get(f"{C}/organisations").json()
    }
    person = steering.post(f"{C}/people", {"full_name": "Pat", "organisation_id": org.json()["id"]})
    assert person.status_code == 201
    assert_error(
        steering.post(f"{C}/people", {"full_name": "Pat", "organisation_id": 999999}),
        404,
        "organisation_id",
    )
    assert_error(
        steering.post(
            f"{C}/organisations", {"name": "prospect", "actor_type": "media", "country": "KE"}
        ),
        409,
        "name",
    )


def test_committees_come_a_page_at_a_time_steering_first(world):
    from coalesce.coalitions.models import Committee, CommitteeKind

    for n in range(4):
        Committee.objects.create(coalition=world.coalition, name=f"Zz group {n}", kind="custom")
    client = world.client("member")
    path = f"/api/coalitions/{world.coalition.slug}/committees"
    everything = client.get(path).json()
    assert everything[0]["kind"] == CommitteeKind.STEERING
    first, rest = client.get(path + "?limit=2").json(), client.get(path + "?offset=2").json()
    assert [c["id"] for c in first + rest] == [c["id"] for c in everything]
    assert client.get(path + "?limit=0").status_code == 422
