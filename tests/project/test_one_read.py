"""Pages and the API read an application through the same selector: nothing the page
masks may appear in the API (an applicant who became a pseudonymous member)."""

import pytest
from django.test import Client

from coalesce.accounts.models import ApiToken
from coalesce.coalitions import policy, services
from tests.support import factories as f

MARKERS = {
    "person": "MARKER-APPLICANT-PERSON-3e1",
    "organisation": "MARKER-APPLICANT-ORG-7a2",
    "statement": "MARKER-APPLICANT-STATEMENT-9c4",
    "website": "https://marker-applicant-site-5d6.example.org",
}


@pytest.fixture
def protected_application(world):
    applicant = f.make_user("protected-applicant@example.org", "Someone")
    application = services.submit_application(
        policy.actor_for(applicant, world.coalition),
        kind="organisation",
        person_name=MARKERS["person"],
        organisation_name=MARKERS["organisation"],
        actor_type="cso",
        country="KE",
        website=MARKERS["website"],
        statement=MARKERS["statement"],
        visibility="pseudonymous",
        alias="Friends of the Lake",
        answers={},
    )
    steering = policy.actor_for(world.users["steering"], world.coalition)
    services.decide_application(steering, application.id, approve=True)
    return applicant, application


def _page_and_api(world, user, application):
    page = Client()
    page.force_login(user)
    html = page.get(f"/c/safer-streets/applications/{application.id}/").content.decode()
    token = ApiToken.issue(user, "t")[1]
    api = Client().get(
        f"/api/coalitions/safer-streets/applications/{application.id}",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert api.status_code == 200
    return html, api.content.decode(), api.json()


def test_steering_sees_the_alias_only_on_the_page_and_in_the_api(world, protected_application):
    _applicant, application = protected_application
    html, raw, answer = _page_and_api(world, world.users["steering"], application)
    for marker in MARKERS.values():
        assert marker.lower() not in html.lower()
        assert marker.lower() not in raw.lower()
    assert "Friends of the Lake" in html and answer["display_name"] == "Friends of the Lake"
    assert answer["membership_id"] is None  # no link from the application to the member


def test_the_applicant_sees_their_own_application_in_full_in_both(world, protected_application):
    applicant, application = protected_application
    html, raw, answer = _page_and_api(world, applicant, application)
    for marker in MARKERS.values():
        assert marker in html and marker in raw
    assert answer["person_name"] == MARKERS["person"]
