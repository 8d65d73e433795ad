"""Pages for the coalition, its charter, focus areas, committees, organisations and staff."""

import re
from datetime import date

import pytest

from coalesce.coalitions.models import (
    CharterPolicy,
    Coalition,
    CoalitionStaff,
    Committee,
    CommitteeKind,
    CommitteeSeat,
    FocusArea,
    Organisation,
    PolicyStatus,
    SeatRole,
    StaffRole,
    Visibility,
    name_is,
)
from tests.support import factories as f

MEMBER_LEVEL = ["member", "chair", "steering", "admin", "custodian"]
NOT_MEMBERS = ["anonymous", "outsider", "applicant"]


def url(world, suffix=""):
    return f"/c/{world.coalition.slug}/{suffix}"


def text(response) -> str:
    return response.content.decode()


def section(html: str, element_id: str) -> str:
    match = re.search(rf'<section id="{element_id}".*?</section>', html, re.S)
    assert match, element_id
    return match.group(0)


def assert_no_markers(world, html: str):
    for marker in world.markers.values():
        assert marker not in html


def policy(world, kind="code_of_conduct"):
    return CharterPolicy.objects.get(coalition=world.coalition, kind=kind)


# --- dashboard and public page ------------------------------------------------------


@pytest.mark.parametrize("role", MEMBER_LEVEL)
def test_member_level_roles_get_the_dashboard(world, role):
    response = world.client(role).get(url(world))
    assert response.status_code == 200
    assert "coalitions/dashboard.html" in [t.name for t in response.templates]
    html = text(response)
    assert "0 of 9 policies agreed" in html
    assert "Outreach" in html


@pytest.mark.parametrize("role", NOT_MEMBERS)
def test_public_page_shows_only_public_active_members_and_no_markers(world, role):
    f.make_member(
        world.coalition,
        name="Suspended Public Org",
        visibility=Visibility.PUBLIC,
        status="suspended",
    )
    response = world.client(role).get(url(world))
    assert response.status_code == 200
    assert "coalitions/public.html" in [t.name for t in response.templates]
    html = text(response)
    assert "Justice Watch" in html  # the one public, active member
    for hidden in [
        "Open Hands Network",
        "Women Police Association",
        "Suspended Public Org",
        "Friends of the Riverside",
    ]:
        assert hidden not in html
    assert_no_markers(world, html)


def test_public_page_offers_apply_to_outsiders_and_joining_to_anonymous(world):
    anonymous = text(world.client("anonymous").get(url(world)))
    assert "/c/safer-streets/people/join/" in anonymous
    outsider = text(world.client("outsider").get(url(world)))
    assert "/c/safer-streets/apply/" in outsider
    applicant = text(world.client("applicant").get(url(world)))
    assert "waiting for a decision" in applicant


def test_coalition_without_public_page_is_404_to_people_outside(world):
    Coalition.objects.filter(pk=world.coalition.pk).update(has_public_page=False)
    for role in ["anonymous", "outsider"]:
        assert world.client(role).get(url(world)).status_code == 404, role
    # the policy lets an applicant know the coalition exists (they applied), no more
    assert world.client("applicant").get(url(world)).status_code == 403
    assert world.client("member").get(url(world)).status_code == 200
    # the 404 does not give the name away; members still see their coalition's page
    for role in ["anonymous", "outsider"]:
        assert world.coalition.name not in text(world.client(role).get(url(world))), role
    assert world.coalition.name in text(world.client("member").get(url(world)))


def test_dashboard_counts_only_members_the_actor_can_see(world):
    # member sees member, chair, steering and the pseudonymous one; not steering-only
    assert world.client("member").get(url(world)).context["active_total"] == 4
    assert world.client("steering").get(url(world)).context["active_total"] == 5
    assert_no_markers(world, text(world.client("member").get(url(world))))


def test_dashboard_shows_pending_applications_only_to_steering(world):
    assert world.client("steering").get(url(world)).context["pending_applications"] == 1
    assert world.client("member").get(url(world)).context["pending_applications"] is None


def test_admin_edits_settings_and_member_may_not(world):
    data = {"name": "Safer Streets", "purpose": "Safety for all", "languages": "en, sw"}
    assert world.client("member").post(url(world, "settings/"), data).status_code == 403
    response = world.client("admin").post(url(world, "settings/"), data)
    assert response.status_code == 302
    world.coalition.refresh_from_db()
    assert world.coalition.name == "Safer Streets"
    assert world.coalition.has_public_page is False


def test_settings_refuse_an_empty_name(world):
    response = world.client("admin").post(url(world, "settings/"), {"name": "  "})
    assert response.status_code == 400
    world.coalition.refresh_from_db()
    assert world.coalition.name == "Safer Streets Coalition"


# --- navigation ---------------------------------------------------------------------


def test_navigation_follows_the_policy(world):
    steering = text(world.client("steering").get(url(world)))
    assert url(world, "organisations/") in steering
    assert url(world, "staff/") not in steering
    admin = text(world.client("admin").get(url(world)))
    assert url(world, "staff/") in admin and url(world, "settings/") in admin
    assert url(world, "audit/") in admin
    member = text(world.client("member").get(url(world)))
    for link in ["organisations/", "staff/", "settings/", "audit/"]:
        assert url(world, link) not in member
    outsider = text(world.client("outsider").get(url(world)))
    assert url(world, "charter/") not in outsider


# --- charter ------------------------------------------------------------------------


def test_charter_lists_the_annex_policies_in_order_with_the_citation(world):
    item = policy(world)
    item.status, item.text = PolicyStatus.DRAFT, "Be kind.\n<script>alert(1)</script>"
    item.save()
    response = world.client("member").get(url(world, "charter/"))
    assert response.status_code == 200
    html = text(response)
    assert "Annex of Module 12 of A Women" in html
    assert "Training Curriculum (Inclusive Security and DCAF, 2017)" in html
    assert html.index("Leadership structure and roles") < html.index("Committee structure")
    assert "&lt;script&gt;" in html and "<script>" not in html
    assert "0 of 9 policies agreed" in html


def test_steering_agrees_a_policy(world):
    response = world.client("steering").post(
        url(world, "charter/code_of_conduct/edit/"),
        {
            "status": "agreed",
            "text": "We treat each other with respect.",
            "agreed_on": "2024-03-01",
        },
    )
    assert response.status_code == 302
    item = policy(world)
    assert item.status == PolicyStatus.AGREED
    assert item.agreed_on == date(2024, 3, 1)
    assert item.updated_by == world.users["steering"]
    assert "1 of 9 policies agreed" in text(world.client("member").get(url(world, "charter/")))


def test_member_may_not_edit_the_charter(world):
    client = world.client("member")
    assert client.get(url(world, "charter/code_of_conduct/edit/")).status_code == 403
    response = client.post(
        url(world, "charter/code_of_conduct/edit/"),
        {"status": "draft", "text": "Changed"},
    )
    assert response.status_code == 403
    assert policy(world).status == PolicyStatus.MISSING
    assert policy(world).text == ""


def test_agreeing_without_a_date_is_a_field_error(world):
    response = world.client("steering").post(
        url(world, "charter/code_of_conduct/edit/"), {"status": "agreed", "text": "Respect."}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["agreed_on"] == ["Give the date the policy was agreed."]
    assert 'id="id_agreed_on_error"' in text(response)
    assert policy(world).status == PolicyStatus.MISSING


def test_unknown_policy_kind_is_404(world):
    assert world.client("steering").get(url(world, "charter/nonsense/edit/")).status_code == 404


def test_charter_edit_is_post_only_for_writes(world):
    response = world.client("steering").get(
        url(world, "charter/code_of_conduct/edit/"), {"status": "agreed"}
    )
    assert response.status_code == 200
    assert policy(world).status == PolicyStatus.MISSING


# --- focus areas --------------------------------------------------------------------


def test_steering_adds_focus_area_and_member_only_reads(world):
    client = world.client("steering")
    assert client.post(url(world, "focus-areas/"), {"name": "Police reform"}).status_code == 302
    assert FocusArea.objects.filter(coalition=world.coalition, name="Police reform").exists()
    duplicate = client.post(url(world, "focus-areas/"), {"name": "police REFORM"})
    assert duplicate.status_code == 409
    assert "already exists" in text(duplicate)
    member = world.client("member")
    assert "Police reform" in text(member.get(url(world, "focus-areas/")))
    assert member.post(url(world, "focus-areas/"), {"name": "Other"}).status_code == 403
    assert FocusArea.objects.filter(coalition=world.coalition).count() == 1


# --- committees ---------------------------------------------------------------------


def test_committees_page_lists_leadership_with_masked_names(world):
    response = world.client("member").get(url(world, "committees/"))
    assert response.status_code == 200
    html = text(response)
    assert "Steering committee" in html and "Outreach" in html
    assert "Women Police Association" in html  # the chair of Outreach
    assert "Friends of the Riverside" in html
    assert_no_markers(world, html)


def test_uncovered_members_list_shows_active_member_without_a_seat(world):
    f.make_member(world.coalition, name="Lonely Org")
    f.make_member(world.coalition, name="Ended Org", status="ended")
    html = text(world.client("member").get(url(world, "committees/")))
    uncovered = section(html, "uncovered")
    assert "Lonely Org" in uncovered
    assert "Ended Org" not in uncovered
    assert "Open Hands Network" not in uncovered  # sits on Outreach
    assert_no_markers(world, uncovered)  # the steering-only member is not listed to members
    assert world.client("member").get(url(world)).context["uncovered_total"] == 1


def test_committee_page_shows_pseudonymous_member_by_alias_to_a_member(world):
    response = world.client("member").get(url(world, f"committees/{world.committee.id}/"))
    assert response.status_code == 200
    html = text(response)
    assert "Friends of the Riverside" in html
    assert_no_markers(world, html)
    assert not response.context["may_seat"]
    assert "seats/add/" not in html


def test_custodian_sees_the_real_name_behind_the_alias(world):
    html = text(world.client("custodian").get(url(world, f"committees/{world.committee.id}/")))
    assert world.markers["pseudonymous_name"] in html


def test_chair_seats_a_member_on_their_committee(world):
    newcomer = f.make_member(world.coalition, name="Newcomer Org")
    client = world.client("chair")
    page = client.get(url(world, f"committees/{world.committee.id}/"))
    assert page.context["may_seat"]
    assert "Newcomer Org" in text(page)
    response = client.post(
        url(world, f"committees/{world.committee.id}/seats/add/"),
        {"membership_id": newcomer.id, "role": "secretary"},
    )
    assert response.status_code == 302
    seat = CommitteeSeat.objects.get(committee=world.committee, membership=newcomer)
    assert seat.role == SeatRole.SECRETARY


def test_chair_may_not_seat_on_the_steering_committee(world):
    newcomer = f.make_member(world.coalition, name="Newcomer Org")
    response = world.client("chair").post(
        url(world, f"committees/{world.steering_committee.id}/seats/add/"),
        {"membership_id": newcomer.id, "role": "member"},
    )
    assert response.status_code == 403
    assert not CommitteeSeat.objects.filter(membership=newcomer).exists()


def test_seating_a_hidden_member_is_refused_as_unknown(world):
    hidden = world.memberships["steering_only"]
    response = world.client("chair").post(
        url(world, f"committees/{world.committee.id}/seats/add/"),
        {"membership_id": hidden.id, "role": "member"},
    )
    assert response.status_code == 400  # not among the choices the chair may see
    assert not CommitteeSeat.objects.filter(membership=hidden).exists()
    assert_no_markers(world, text(response))


def test_custom_role_without_title_is_a_field_error(world):
    newcomer = f.make_member(world.coalition, name="Newcomer Org")
    response = world.client("chair").post(
        url(world, f"committees/{world.committee.id}/seats/add/"),
        {"membership_id": newcomer.id, "role": "custom"},
    )
    assert response.status_code == 400
    assert "role_title" in response.context["seat_form"].errors
    assert not CommitteeSeat.objects.filter(membership=newcomer).exists()


def test_chair_removes_a_seat(world):
    member = world.memberships["member"]
    client = world.client("chair")
    path = url(world, f"committees/{world.committee.id}/seats/remove/")
    assert client.post(path, {"membership_id": member.id}).status_code == 302
    assert not CommitteeSeat.objects.filter(committee=world.committee, membership=member).exists()
    again = client.post(path, {"membership_id": member.id})
    assert again.status_code == 404
    assert "not on the committee" in text(again)


def test_seat_writes_are_post_only(world):
    member = world.memberships["member"]
    path = url(world, f"committees/{world.committee.id}/seats/remove/")
    assert world.client("chair").get(path, {"membership_id": member.id}).status_code == 405
    assert CommitteeSeat.objects.filter(committee=world.committee, membership=member).exists()


def test_steering_creates_edits_and_deletes_a_committee(world):
    client = world.client("steering")
    response = client.post(
        url(world, "committees/new/"),
        {"name": "Budget watch", "kind": "custom", "custom_role": "Follows the defence budget"},
    )
    assert response.status_code == 302
    created = Committee.objects.get(coalition=world.coalition, name="Budget watch")
    assert response["Location"] == url(world, f"committees/{created.id}/")
    edit = client.post(
        url(world, f"committees/{created.id}/edit/"),
        {"name": "Budget watch", "kind": "lobbying"},
    )
    assert edit.status_code == 302
    created.refresh_from_db()
    assert created.kind == "lobbying"
    assert client.post(url(world, f"committees/{created.id}/delete/")).status_code == 302
    assert not Committee.objects.filter(pk=created.pk).exists()


def test_duplicate_committee_name_is_a_conflict_on_the_field(world):
    response = world.client("steering").post(
        url(world, "committees/new/"), {"name": "outreach", "kind": "events"}
    )
    assert response.status_code == 409
    assert "name" in response.context["form"].errors
    assert Committee.objects.filter(coalition=world.coalition).count() == 2


def test_steering_committee_cannot_be_deleted(world):
    response = world.client("admin").post(
        url(world, f"committees/{world.steering_committee.id}/delete/")
    )
    assert response.status_code == 409
    assert Committee.objects.filter(pk=world.steering_committee.pk).exists()


def test_chair_and_member_may_not_edit_committees(world):
    path = url(world, f"committees/{world.committee.id}/edit/")
    data = {"name": "Renamed", "kind": "publicity"}
    assert world.client("chair").post(path, data).status_code == 403
    assert world.client("member").post(url(world, "committees/new/"), data).status_code == 403
    world.committee.refresh_from_db()
    assert world.committee.name == "Outreach"


def test_committee_of_another_coalition_is_404(world):
    other = f.steering(world.other_coalition)
    assert world.client("steering").get(url(world, f"committees/{other.id}/")).status_code == 404
    response = world.client("steering").post(
        url(world, f"committees/{other.id}/seats/add/"),
        {"membership_id": world.memberships["member"].id, "role": "member"},
    )
    assert response.status_code == 404
    assert not CommitteeSeat.objects.filter(committee=other).exists()


# --- prospective organisations and people -------------------------------------------


def test_steering_registers_an_organisation_and_a_person(world):
    f.focus(world.coalition, "Police reform")
    client = world.client("steering")
    response = client.post(
        url(world, "organisations/"),
        {
            "name": "Rural Women Forum",
            "actor_type": "cso",
            "country": "TZ",
            "website": "https://rwf.example.org",
            "focus_areas": ["Police reform"],
        },
    )
    assert response.status_code == 302
    organisation = Organisation.objects.get(name_is("Rural Women Forum", world.coalition))
    assert [a.name for a in organisation.focus_areas.all()] == ["Police reform"]
    person = client.post(
        url(world, "organisations/people/"),
        {"person-full_name": "Neema Contact", "person-organisation_id": organisation.id},
    )
    assert person.status_code == 302
    html = text(client.get(url(world, "organisations/")))
    assert "Rural Women Forum" in html and "Neema Contact" in html
    # member organisations are not prospective
    assert "Open Hands Network" not in html
    assert_no_markers(world, html)


def test_duplicate_organisation_is_a_conflict(world):
    response = world.client("steering").post(
        url(world, "organisations/"),
        {"name": "open hands network", "actor_type": "cso", "country": "KE"},
    )
    assert response.status_code == 409
    assert "name" in response.context["form"].errors


# --- staff --------------------------------------------------------------------------


def test_admin_grants_a_staff_role(world):
    client = world.client("admin")
    response = client.post(
        url(world, "staff/"), {"email": "member@example.org", "role": "custodian"}
    )
    assert response.status_code == 302
    assert CoalitionStaff.objects.filter(
        coalition=world.coalition, user=world.users["member"], role=StaffRole.CUSTODIAN
    ).exists()
    assert "member@example.org" in text(client.get(url(world, "staff/")))


def test_granting_to_a_stranger_is_a_field_error(world):
    response = world.client("admin").post(
        url(world, "staff/"), {"email": "nobody@example.org", "role": "admin"}
    )
    assert response.status_code == 404
    assert "email" in response.context["form"].errors


def test_staff_page_is_for_admins(world):
    assert world.client("steering").get(url(world, "staff/")).status_code == 403
    response = world.client("custodian").post(
        url(world, "staff/"), {"email": "member@example.org", "role": "admin"}
    )
    assert response.status_code == 403
    assert not CoalitionStaff.objects.filter(user=world.users["member"]).exists()


# --- pages are well-formed for CSP --------------------------------------------------


@pytest.mark.parametrize("role", ["steering", "admin", "chair"])
def test_pages_have_no_inline_styles_or_scripts(world, role):
    paths = ["", "charter/", "committees/", f"committees/{world.committee.id}/", "focus-areas/"]
    if role == "steering":
        paths += ["organisations/", "charter/leadership/edit/", "committees/new/"]
    if role == "admin":
        paths += ["staff/", "settings/"]
    client = world.client(role)
    for path in paths:
        response = client.get(url(world, path))
        assert response.status_code == 200, path
        html = text(response)
        assert "style=" not in html and "<style" not in html and "<script" not in html, path


def test_home_lists_coalitions(world):
    assert "Safer Streets Coalition" in text(world.client("anonymous").get("/"))
    assert "Safer Streets Coalition" in text(world.client("member").get("/"))


def test_the_dashboard_lists_the_first_committees_steering_first(world):
    from coalesce.coalitions.web.structure import DASHBOARD_COMMITTEES

    for n in range(DASHBOARD_COMMITTEES + 2):
        Committee.objects.create(
            coalition=world.coalition, name=f"Aa task force {n:02}", kind=CommitteeKind.CUSTOM
        )
    html = text(world.client("member").get(url(world)))
    assert html.count("Aa task force") == DASHBOARD_COMMITTEES - 1  # after the steering committee
    assert html.index("Steering committee") < html.index("Aa task force 00")
    assert "the others are on the committees page" in html
