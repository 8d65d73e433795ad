"""Applying to join, deciding applications and the eligibility requirements."""

import pytest
from django.urls import reverse

from coalesce.coalitions.models import (
    Application,
    ApplicationStatus,
    EligibilityRequirement,
    MembershipStatus,
    Visibility,
)
from tests.support import factories as f

SLUG = "safer-streets"


def url(name, *args):
    return reverse(f"coalitions:{name}", args=[SLUG, *args])


def html(response) -> str:
    return response.content.decode()


@pytest.fixture
def requirement(world):
    return EligibilityRequirement.objects.create(
        coalition=world.coalition, text="Do you work on police accountability?"
    )


def organisation_form(requirement=None, **overrides):
    data = {
        "kind": "organisation",
        "person_name": "Outsider User",
        "organisation_name": "Lakeside Rights Forum",
        "actor_type": "cso",
        "country": "TZ",
        "website": "https://lakeside.example.org",
        "statement": "We monitor police stations.",
        "visibility": "members",
        "contact_email": "forum@example.org",
    }
    if requirement is not None:
        data[f"answer_{requirement.id}"] = "Yes, since 2015."
    data.update(overrides)
    return data


# --- applying -----------------------------------------------------------------------


def test_anonymous_visitors_are_asked_to_sign_in(world):
    response = world.client("anonymous").get(url("apply"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_outsider_applies_answering_every_requirement(world, requirement):
    f.focus(world.coalition, "Police oversight")
    client = world.client("outsider")
    page = html(client.get(url("apply")))
    assert "Do you work on police accountability?" in page
    assert f'for="id_answer_{requirement.id}"' in page
    assert "Police oversight" in page
    assert "style=" not in page
    data = organisation_form(requirement, focus_areas=["Police oversight"])
    response = client.post(url("apply"), data, follow=True)
    application = Application.objects.get(applicant=world.users["outsider"])
    assert response.redirect_chain[-1][0] == url("application", application.id)
    assert "sent to the steering committee" in html(response)
    assert application.status == ApplicationStatus.PENDING
    assert application.organisation_name == "Lakeside Rights Forum"
    assert [a.name for a in application.focus_areas.all()] == ["Police oversight"]
    assert application.answers.get().answer == "Yes, since 2015."
    assert "Yes, since 2015." in html(response)


def test_a_second_application_is_refused_clearly(world, requirement):
    client = world.client("outsider")
    client.post(url("apply"), organisation_form(requirement))
    again = client.get(url("apply"))
    assert again.status_code == 409
    assert "already have an application waiting" in html(again)
    response = client.post(url("apply"), organisation_form(requirement))
    assert response.status_code == 409
    assert Application.objects.filter(applicant=world.users["outsider"]).count() == 1


def test_the_world_applicant_sees_its_pending_application(world):
    response = world.client("applicant").get(url("apply"))
    assert response.status_code == 409
    assert url("application", world.pending_application.id) in html(response)


def test_missing_answers_and_organisation_fields_are_shown_on_their_fields(world, requirement):
    client = world.client("outsider")
    response = client.post(
        url("apply"),
        organisation_form(
            organisation_name="", visibility="pseudonymous", **{f"answer_{requirement.id}": ""}
        ),
    )
    assert response.status_code == 400
    page = html(response)
    assert 'id="id_organisation_name_error"' in page
    assert 'id="id_alias_error"' in page
    assert f'id="id_answer_{requirement.id}_error"' in page
    assert 'href="#id_organisation_name"' in page  # the summary links to the field
    assert not Application.objects.filter(applicant=world.users["outsider"]).exists()


def test_service_errors_land_on_the_field_at_fault(world, requirement):
    response = world.client("outsider").post(
        url("apply"), organisation_form(requirement, organisation_name="Open Hands Network")
    )
    assert response.status_code == 409
    assert 'id="id_organisation_name_error"' in html(response)
    assert "already registered" in html(response)
    assert not Application.objects.filter(applicant=world.users["outsider"]).exists()


def test_an_individual_applies_without_organisation_fields(world):
    response = world.client("outsider").post(
        url("apply"),
        {"kind": "person", "person_name": "Outsider User", "visibility": "members"},
    )
    assert response.status_code == 302
    assert Application.objects.get(applicant=world.users["outsider"]).kind == "person"


# --- the steering committee's list and decisions ------------------------------------


def test_steering_lists_pending_applications(world):
    response = world.client("steering").get(url("applications"))
    assert response.status_code == 200
    assert "Campus Peace Students" in html(response)
    for role in ("member", "applicant", "admin"):
        assert world.client(role).get(url("applications")).status_code == 403, role


def test_application_page_for_applicant_and_steering_only(world):
    app = world.pending_application
    own = html(world.client("applicant").get(url("application", app.id)))
    assert "Campus Peace Students" in own and "Withdraw my application" in own
    assert "Approve" not in own
    steering = html(world.client("steering").get(url("application", app.id)))
    assert "Approve" in steering and "Decline" in steering
    assert "Withdraw my application" not in steering
    # Someone else's application does not exist for an outsider or a member.
    assert world.client("outsider").get(url("application", app.id)).status_code == 404
    assert world.client("member").get(url("application", app.id)).status_code == 404


def test_declining_needs_a_reason(world):
    app = world.pending_application
    client = world.client("steering")
    response = client.post(url("application_decline", app.id), {"decline-reason": ""})
    assert response.status_code == 400
    assert 'id="id_decline-reason_error"' in html(response)
    app.refresh_from_db()
    assert app.status == ApplicationStatus.PENDING
    response = client.post(
        url("application_decline", app.id), {"decline-reason": "Not working on SSR."}
    )
    assert response.status_code == 302
    app.refresh_from_db()
    assert (app.status, app.reason) == (ApplicationStatus.DECLINED, "Not working on SSR.")
    applicant_view = html(world.client("applicant").get(url("application", app.id)))
    assert "Not working on SSR." in applicant_view
    assert "Withdraw my application" not in applicant_view


def test_approval_creates_a_membership_awaiting_the_code_of_conduct(world):
    app = world.pending_application
    response = world.client("steering").post(url("application_approve", app.id), {}, follow=True)
    assert "approved" in html(response)
    app.refresh_from_db()
    assert app.status == ApplicationStatus.APPROVED
    membership = app.membership
    assert membership.status == MembershipStatus.AWAITING_CONDUCT
    assert membership.organisation.name == "Campus Peace Students"
    # The applicant is led to the code of conduct and activates the membership.
    client = world.client("applicant")
    page = html(client.get(url("application", app.id)))
    assert url("member", membership.id) in page
    assert "Acknowledge and activate" in html(client.get(url("member", membership.id)))
    client.post(url("member_conduct", membership.id), {"conduct-accept": "on"})
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.ACTIVE
    assert client.get(url("members")).status_code == 200


def test_deciding_twice_is_refused(world):
    app = world.pending_application
    client = world.client("steering")
    client.post(url("application_decline", app.id), {"decline-reason": "No."})
    response = client.post(url("application_approve", app.id), {}, follow=True)
    assert "already been decided" in html(response)
    app.refresh_from_db()
    assert app.status == ApplicationStatus.DECLINED


def test_only_steering_decides(world):
    app = world.pending_application
    assert world.client("admin").post(url("application_approve", app.id)).status_code == 404
    assert world.client("applicant").post(url("application_approve", app.id)).status_code == 404
    app.refresh_from_db()
    assert app.status == ApplicationStatus.PENDING


def test_applicant_withdraws(world):
    app = world.pending_application
    assert world.client("steering").post(url("application_withdraw", app.id)).status_code == 404
    response = world.client("applicant").post(url("application_withdraw", app.id), follow=True)
    assert "withdrawn" in html(response)
    app.refresh_from_db()
    assert app.status == ApplicationStatus.WITHDRAWN
    assert world.client("applicant").get(url("application_withdraw", app.id)).status_code == 405


def test_approved_pseudonymous_application_stays_masked_for_steering(world):
    app = world.pending_application
    app.requested_visibility = Visibility.PSEUDONYMOUS
    app.alias = "Quiet Campus"
    app.save()
    client = world.client("steering")
    client.post(url("application_approve", app.id))
    listing = html(client.get(url("applications")))
    assert "Quiet Campus" in listing and "Campus Peace Students" not in listing
    detail = html(client.get(url("application", app.id)))
    assert "Campus Peace Students" not in detail and "Applicant User" not in detail


# --- eligibility requirements -------------------------------------------------------


def test_anyone_signed_in_reads_the_requirements(world, requirement):
    page = html(world.client("outsider").get(url("requirements")))
    assert requirement.text in page
    assert "Add a requirement" not in page and "Retire" not in page
    assert url("apply") in page
    assert world.client("anonymous").get(url("requirements")).status_code == 302


def test_steering_adds_and_retires_requirements(world):
    client = world.client("steering")
    assert client.post(url("requirement_add"), {"text": ""}).status_code == 400
    response = client.post(url("requirement_add"), {"text": "Are you non-partisan?"}, follow=True)
    assert "Are you non-partisan?" in html(response)
    requirement = EligibilityRequirement.objects.get(coalition=world.coalition)
    response = client.post(url("requirement_retire", requirement.id), follow=True)
    assert "Are you non-partisan?" not in html(response)
    requirement.refresh_from_db()
    assert requirement.is_active is False
    assert client.post(url("requirement_retire", 999999)).status_code == 404


def test_others_cannot_manage_requirements(world, requirement):
    assert world.client("member").post(url("requirement_add"), {"text": "x"}).status_code == 403
    assert world.client("member").post(url("requirement_retire", requirement.id)).status_code == 403
    requirement.refresh_from_db()
    assert requirement.is_active
