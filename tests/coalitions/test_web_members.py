"""The member directory, member pages, their forms and the CSV export."""

import csv
import io

import pytest
from django.urls import reverse

from coalesce.audit.models import AuditEvent
from coalesce.coalitions.models import (
    CharterPolicy,
    Membership,
    MembershipStatus,
    PolicyKind,
    PolicyStatus,
    Visibility,
)
from tests.support import factories as f

SLUG = "safer-streets"


def url(name, *args):
    return reverse(f"coalitions:{name}", args=[SLUG, *args])


def html(response) -> str:
    return response.content.decode()


def assert_no_inline_styles(text):
    assert "style=" not in text
    assert "<style" not in text
    assert "<script" not in text


# --- directory ----------------------------------------------------------------------


def test_member_sees_pseudonymous_member_by_alias_and_never_its_real_name(world):
    response = world.client("member").get(url("members"))
    assert response.status_code == 200
    page = html(response)
    assert "Friends of the Riverside" in page
    assert "Open Hands Network" in page
    assert "Justice Watch" in page
    assert world.markers["pseudonymous_name"] not in page
    assert world.markers["pseudonymous_person"] not in page
    assert world.markers["steering_only_name"] not in page
    assert 'class="badge alias"' in page
    assert_no_inline_styles(page)


def test_steering_sees_steering_only_members_but_not_pseudonymous_identities(world):
    page = html(world.client("steering").get(url("members")))
    assert world.markers["steering_only_name"] in page
    assert "Friends of the Riverside" in page
    assert world.markers["pseudonymous_name"] not in page


def test_custodian_sees_the_real_name_of_a_pseudonymous_member(world):
    page = html(world.client("custodian").get(url("members")))
    assert world.markers["pseudonymous_name"] in page


def test_directory_is_for_members_only(world):
    assert world.client("outsider").get(url("members")).status_code == 403
    assert world.client("applicant").get(url("members")).status_code == 403
    response = world.client("anonymous").get(url("members"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_search_never_finds_a_hidden_name_but_finds_the_alias(world):
    client = world.client("member")
    hidden = html(client.get(url("members"), {"q": "MARKER-PSEUDO"}))
    assert "Friends of the Riverside" not in hidden
    assert "No members match" in hidden
    found = html(client.get(url("members"), {"q": "riverside"}))
    assert "Friends of the Riverside" in found
    assert "Open Hands Network" not in found


def test_filters_by_actor_type_and_country(world):
    client = world.client("member")
    page = html(client.get(url("members"), {"actor_type": "professional_association"}))
    assert "Women Police Association" in page
    assert "Open Hands Network" not in page
    assert "No members match" in html(client.get(url("members"), {"country": "UG"}))
    # An unknown filter value is ignored rather than failing the page.
    assert client.get(url("members"), {"actor_type": "nonsense"}).status_code == 200


def test_status_filter_only_for_those_who_see_every_status(world):
    m = world.memberships["member"]
    m.status = MembershipStatus.SUSPENDED
    m.save()
    steering = html(world.client("steering").get(url("members"), {"status": "suspended"}))
    assert "Open Hands Network" in steering
    assert "Justice Watch" not in steering
    assert 'name="status"' in steering
    chair = html(world.client("chair").get(url("members"), {"status": "suspended"}))
    assert 'name="status"' not in chair
    assert "Open Hands Network" not in chair
    assert "Justice Watch" in chair


def test_directory_pages_by_fifty(world):
    for n in range(55):
        f.make_member(world.coalition, name=f"Paged Org {n:02d}")
    client = world.client("member")
    first = html(client.get(url("members")))
    # The four members the world lists to a member come first (ordered by id).
    assert first.count("Paged Org") == 50 - 4
    assert "offset=50" in first and 'rel="next"' in first
    second = html(client.get(url("members"), {"offset": 50}))
    assert 'rel="prev"' in second and 'rel="next"' not in second
    assert "Showing 51–59 of 59 members." in second


# --- member page --------------------------------------------------------------------


def test_member_page_shows_representatives_and_committees(world):
    m = world.memberships["chair"]
    page = html(world.client("member").get(url("member", m.id)))
    assert "Women Police Association" in page
    assert "Outreach" in page and "Chair" in page
    assert "Show contact details" not in page
    assert_no_inline_styles(page)


def test_pseudonymous_member_page_shows_the_alias_only(world):
    m = world.memberships["pseudonymous"]
    page = html(world.client("member").get(url("member", m.id)))
    assert "Friends of the Riverside" in page
    assert world.markers["pseudonymous_name"] not in page
    assert world.markers["pseudonymous_person"] not in page
    assert world.markers["pseudonymous_email"] not in page


def test_hidden_member_pages_are_not_found(world):
    hidden = world.memberships["steering_only"]
    assert world.client("member").get(url("member", hidden.id)).status_code == 404
    shown = world.client("steering").get(url("member", hidden.id))
    assert shown.status_code == 200
    assert world.markers["steering_only_name"] in shown.content.decode()
    public = world.memberships["steering"]
    assert world.client("outsider").get(url("member", public.id)).status_code == 403
    anonymous = world.client("anonymous").get(url("member", public.id))
    assert anonymous.status_code == 302


def test_custodian_reads_contacts_and_the_read_is_audited(world):
    m = world.memberships["pseudonymous"]
    client = world.client("custodian")
    page = html(client.get(url("member", m.id)))
    assert "Show contact details" in page
    assert world.markers["pseudonymous_email"] not in page
    assert client.get(url("member_contacts", m.id)).status_code == 405
    before = AuditEvent.objects.filter(action="membership.view_contacts").count()
    response = client.post(url("member_contacts", m.id))
    assert response.status_code == 200
    assert world.markers["pseudonymous_email"] in html(response)
    assert world.markers["pseudonymous_phone"] in html(response)
    event = AuditEvent.objects.filter(action="membership.view_contacts").last()
    assert AuditEvent.objects.filter(action="membership.view_contacts").count() == before + 1
    assert event.actor == world.users["custodian"] and event.object_id == str(m.id)


def test_plain_member_may_not_read_another_members_contacts(world):
    m = world.memberships["chair"]
    response = world.client("member").post(url("member_contacts", m.id))
    assert response.status_code == 403
    assert not AuditEvent.objects.filter(action="membership.view_contacts").exists()
    hidden = world.memberships["steering_only"]
    assert world.client("member").post(url("member_contacts", hidden.id)).status_code == 404


def test_member_reads_its_own_contacts(world):
    own = world.memberships["member"]
    client = world.client("member")
    assert "Show contact details" in html(client.get(url("member", own.id)))
    assert client.post(url("member_contacts", own.id)).status_code == 200
    assert AuditEvent.objects.filter(action="membership.view_contacts").count() == 1


def test_steering_suspends_with_a_reason_only(world):
    m = world.memberships["member"]
    client = world.client("steering")
    response = client.post(url("member_status", m.id), {"status-status": "suspended"})
    assert response.status_code == 400
    assert "This field is required." in html(response)
    assert 'aria-invalid="true"' in html(response)
    m.refresh_from_db()
    assert m.status == MembershipStatus.ACTIVE
    response = client.post(
        url("member_status", m.id),
        {"status-status": "suspended", "status-reason": "Missed every meeting"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == url("member", m.id)
    assert "status was changed" in html(response)
    m.refresh_from_db()
    assert m.status == MembershipStatus.SUSPENDED
    assert m.status_reason == "Missed every meeting"
    assert AuditEvent.objects.filter(action="membership.status").exists()
    # Reinstating needs no reason.
    client.post(url("member_status", m.id), {"status-status": "active"})
    m.refresh_from_db()
    assert m.status == MembershipStatus.ACTIVE


def test_only_steering_changes_a_status(world):
    m = world.memberships["chair"]
    response = world.client("member").post(
        url("member_status", m.id), {"status-status": "ended", "status-reason": "x"}
    )
    assert response.status_code == 403
    m.refresh_from_db()
    assert m.status == MembershipStatus.ACTIVE
    assert "Change status" not in html(world.client("member").get(url("member", m.id)))


def test_member_edits_its_own_protection(world):
    own = world.memberships["member"]
    client = world.client("member")
    response = client.post(
        url("member_protection", own.id), {"protection-visibility": "pseudonymous"}
    )
    assert response.status_code == 400
    assert "needs an alias" in html(response)
    own.refresh_from_db()
    assert own.visibility == Visibility.MEMBERS
    response = client.post(
        url("member_protection", own.id),
        {
            "protection-visibility": "pseudonymous",
            "protection-alias": "Quiet Helpers",
            "protection-contact_email": "hands@example.org",
        },
    )
    assert response.status_code == 302
    own.refresh_from_db()
    assert (own.visibility, own.alias, own.contact_email) == (
        "pseudonymous",
        "Quiet Helpers",
        "hands@example.org",
    )
    assert AuditEvent.objects.filter(action="membership.update").exists()
    other = html(world.client("chair").get(url("members")))
    assert "Quiet Helpers" in other and "Open Hands Network" not in other


def test_empty_contact_fields_keep_the_recorded_details(world):
    m = world.memberships["pseudonymous"]
    client = world.client("custodian")
    response = client.post(
        url("member_protection", m.id),
        {"protection-visibility": "pseudonymous", "protection-alias": "Riverside Friends"},
    )
    assert response.status_code == 302
    m.refresh_from_db()
    assert m.alias == "Riverside Friends"
    assert m.contact_email == world.markers["pseudonymous_email"]
    # After showing the details, the form is filled in and an emptied field removes one.
    shown = html(client.post(url("member_contacts", m.id)))
    assert 'name="protection-replace_contacts" value="True"' in shown
    client.post(
        url("member_protection", m.id),
        {
            "protection-visibility": "pseudonymous",
            "protection-alias": "Riverside Friends",
            "protection-contact_email": world.markers["pseudonymous_email"],
            "protection-replace_contacts": "True",
        },
    )
    m.refresh_from_db()
    assert m.contact_email == world.markers["pseudonymous_email"]
    assert m.contact_phone == ""


def test_others_may_not_edit_protection(world):
    m = world.memberships["chair"]
    response = world.client("steering").post(
        url("member_protection", m.id), {"protection-visibility": "public"}
    )
    assert response.status_code == 403
    m.refresh_from_db()
    assert m.visibility == Visibility.MEMBERS


@pytest.fixture
def newcomer(world):
    user = f.make_user("newcomer@example.org", "New Comer")
    membership = f.make_member(
        world.coalition,
        user=user,
        name="Newcomer Collective",
        status=MembershipStatus.AWAITING_CONDUCT,
    )
    CharterPolicy.objects.filter(coalition=world.coalition, kind=PolicyKind.CODE_OF_CONDUCT).update(
        status=PolicyStatus.AGREED, text="Respect every member's safety."
    )
    return user, membership


def test_acknowledging_the_code_of_conduct_activates_the_membership(world, newcomer):
    user, membership = newcomer
    client = world.client("anonymous")
    client.force_login(user)
    page = html(client.get(url("member", membership.id)))
    assert "Respect every member&#x27;s safety." in page
    assert "Acknowledge and activate" in page
    response = client.post(url("member_conduct", membership.id), {})
    assert response.status_code == 400
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.AWAITING_CONDUCT
    response = client.post(url("member_conduct", membership.id), {"conduct-accept": "on"})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.ACTIVE
    assert membership.conduct_acknowledged_at is not None


def test_someone_else_cannot_acknowledge_for_a_member(world, newcomer):
    _user, membership = newcomer
    response = world.client("steering").post(
        url("member_conduct", membership.id), {"conduct-accept": "on"}
    )
    assert response.status_code == 403
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.AWAITING_CONDUCT


# --- export -------------------------------------------------------------------------


def rows_of(response):
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_export_for_steering_has_steering_only_members_and_aliases(world):
    response = world.client("steering").get(url("members_export"))
    assert response.status_code == 200
    text = response.content.decode()
    assert world.markers["steering_only_name"] in text
    assert world.markers["pseudonymous_name"] not in text
    assert world.markers["pseudonymous_email"] not in text
    assert world.markers["steering_only_email"] not in text
    names = {row[0]: row for row in rows_of(response)[1:]}
    # the import's columns: name, kind, …, visibility (6), alias (7)
    assert names["Friends of the Riverside"][6:8] == ["pseudonymous", "Friends of the Riverside"]
    assert len(names) == Membership.objects.filter(coalition=world.coalition).count()


def test_export_follows_the_directory_filters(world):
    response = world.client("admin").get(url("members_export"), {"q": "Justice"})
    assert [row[0] for row in rows_of(response)[1:]] == ["Justice Watch"]


def test_export_neutralises_spreadsheet_formulas(world):
    f.make_member(world.coalition, name="=HYPERLINK(1)", visibility=Visibility.PUBLIC)
    text = world.client("custodian").get(url("members_export")).content.decode()
    assert "'=HYPERLINK(1)" in text


def test_odd_offsets_do_not_break_the_directory(world):
    client = world.client("member")
    assert client.get(url("members"), {"offset": "99999999999999999999"}).status_code == 200
    beyond = client.get(url("members"), {"offset": 500})
    assert beyond.status_code == 200
    assert "there are 4 in all" in html(beyond)


def test_each_export_is_recorded_in_the_audit_log(world):
    url = reverse("coalitions:members_export", args=[world.coalition.slug])
    world.client("steering").get(url)
    event = AuditEvent.objects.get(action="members.export")
    assert event.actor == world.users["steering"] and event.coalition == world.coalition
