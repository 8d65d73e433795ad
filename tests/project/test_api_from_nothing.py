"""From nothing to a working coalition through the API only.

The same journey as ``tests/browser/test_from_nothing.py``: the first account from
``coalesce createadmin`` (as the README says), then everything over ``/api/``: a token,
founding for an organisation with open applications, two charter policies, a member-list
import (a refused file first: nothing written; a dry run; the import), the diversity
counts against the file, a visitor asking to join, applying, approved, acknowledging the
code of conduct and seated on the steering committee.

An API has no sign-up: the applicant's account is made the way the join e-mail says, by
opening its link (``/accounts/invitation/<token>/``) and filling in the sign-up form —
the one web step. Signed in by it, the applicant asks ``POST /api/tokens`` for a token and
does the rest through the API.
"""

import io
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client

from coalesce.coalitions.models import (
    Application,
    CharterPolicy,
    Committee,
    CommitteeKind,
    FocusArea,
    Membership,
    MembershipStatus,
    Organisation,
)
from tests.support.api import Api
from tests.support.from_nothing import (
    FOUNDER_ACTOR_TYPE,
    FOUNDER_COUNTRY,
    FOUNDER_ORG,
    MEMBERS,
    actor_type_code,
    country_code,
    member_csv,
)

FOUNDER_EMAIL = "founder@example.org"
FOUNDER_PASSWORD = "a long founding passphrase 2026"
APPLICANT_EMAIL = "applicant.lake@example.org"
APPLICANT_PASSWORD = "lake shore mediators 2026"
APPLICANT_ORG = "Sauti ya Wanawake Mediators"
LINK = re.compile(r"https?://[^/\s]+(/accounts/invitation/[^/\s]+/)")


def token_for(client: Client) -> str:
    """A signed-in session asks for an API token, as a person does on the tokens page."""
    answer = Api(client=client).post("/tokens", {"name": "from-nothing"})
    assert answer.status_code == 201, answer.content
    return answer.json()["token"]


def upload(api: Api, path: str, data: bytes, name="members.csv"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return api.client.post(
        "/api" + path,
        {"file": SimpleUploadedFile(name, data, content_type="text/csv")},
        headers=api.headers,
    )


def file_counts():
    types, by_country, areas = {}, {}, {}
    for _name, actor_type, country, focus, _visibility in MEMBERS:
        code = actor_type_code(actor_type)
        types[code] = types.get(code, 0) + 1
        country = country_code(country)
        by_country[country] = by_country.get(country, 0) + 1
        for area in (a.strip() for a in focus.split(";")):
            if area:
                areas[area] = areas.get(area, 0) + 1
    types[FOUNDER_ACTOR_TYPE] = types.get(FOUNDER_ACTOR_TYPE, 0) + 1
    by_country[FOUNDER_COUNTRY] = by_country.get(FOUNDER_COUNTRY, 0) + 1
    return types, by_country, areas


@pytest.fixture
def fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_from_nothing_to_a_working_coalition_through_the_api(
    db, tmp_path, fast_hashing, run_queued_tasks
):
    # The first account, as the README says.
    password_file = tmp_path / "password"
    password_file.write_text(FOUNDER_PASSWORD + "\n")
    call_command(
        "createadmin",
        "--email",
        FOUNDER_EMAIL,
        "--name",
        "Amina Odhiambo",
        "--password-file",
        str(password_file),
        "--no-input",
        stdout=io.StringIO(),
    )
    session = Client()
    signed_in = session.post(
        "/accounts/login/", {"email": FOUNDER_EMAIL, "password": FOUNDER_PASSWORD}
    )
    assert signed_in.status_code == 302
    founder = Api(token_for(session))
    assert founder.get("/me").json()["email"] == FOUNDER_EMAIL

    # Found the coalition, for an organisation, taking open applications.
    answer = founder.post(
        "/coalitions",
        {
            "name": "Coalition for Accountable Security",
            "purpose": "Police and defence reform that answers to the public.",
            "join_mode": "open",
            "founder_kind": "organisation",
            "organisation_name": FOUNDER_ORG,
            "actor_type": FOUNDER_ACTOR_TYPE,
            "country": FOUNDER_COUNTRY,
            "person_name": "Amina Odhiambo",
            "visibility": "public",
        },
    )
    assert answer.status_code == 201, answer.content
    coalition = answer.json()
    slug = coalition["slug"]
    assert slug == "coalition-for-accountable-security"
    assert coalition["join_mode"] == "open"
    assert {"admin", "steering", "member"} <= set(coalition["roles"])
    assert coalition["members_listed"] == 1
    C = f"/coalitions/{slug}"

    # Two charter policies agreed.
    for kind, text in [
        ("membership_requirements", "Organisations working for accountable security."),
        ("code_of_conduct", "We speak for ourselves and protect each other's identities."),
    ]:
        answer = founder.put(
            f"{C}/charter/{kind}", {"status": "agreed", "text": text, "agreed_on": "2026-03-01"}
        )
        assert answer.status_code == 200, answer.content
        assert answer.json()["status"] == "agreed"
    charter = founder.get(f"{C}/charter").json()
    assert charter["counts"]["agreed"] == 2

    # A file with an unknown actor type: 400 naming the row and the column, nothing written.
    bad = member_csv().replace(b",research,", b",think tank of sorts,", 1)
    bad_row = 2 + next(i for i, m in enumerate(MEMBERS) if m[1] == "research")
    before = (Membership.objects.count(), Organisation.objects.count(), FocusArea.objects.count())
    answer = upload(founder, f"{C}/members/import?dry_run=false", bad)
    assert answer.status_code == 400, answer.content
    body = answer.json()
    assert body["row"] == bad_row
    assert body["field"] == "actor_type"
    assert str(bad_row) in body["detail"] and "actor" in body["detail"].lower()
    problem_rows = [r for r in body["rows"] if r["result"] == "error"]
    assert [r["row"] for r in problem_rows] == [bad_row]
    assert problem_rows[0]["problems"][0]["column"] == "actor_type"
    assert "think tank of sorts" in problem_rows[0]["problems"][0]["message"]
    after = (Membership.objects.count(), Organisation.objects.count(), FocusArea.objects.count())
    assert after == before

    # The good file: a dry run writes nothing, then the import.
    answer = upload(founder, f"{C}/members/import?dry_run=true", member_csv())
    assert answer.status_code == 200, answer.content
    preview = answer.json()
    assert (preview["new"], preview["existing"], preview["errors"]) == (len(MEMBERS), 0, 0)
    assert preview["imported"] == 0 and Membership.objects.count() == 1
    answer = upload(founder, f"{C}/members/import?dry_run=false", member_csv())
    assert answer.status_code == 200, answer.content
    assert answer.json()["imported"] == len(MEMBERS)
    assert Membership.objects.filter(status=MembershipStatus.ACTIVE).count() == len(MEMBERS) + 1

    # The diversity counts are the file's, plus the founder's own organisation.
    diversity = founder.get(f"{C}/diversity").json()
    types, by_country, areas = file_counts()
    assert len([t for t in types if t != FOUNDER_ACTOR_TYPE]) >= 4 and len(types) >= 5
    assert diversity["organisations"] == len(MEMBERS) + 1
    assert {s["code"]: s["count"] for s in diversity["actor_types"] if s["count"]} == types
    assert {s["code"] for s in diversity["missing_actor_types"]}.isdisjoint(types)
    assert {s["code"]: s["count"] for s in diversity["countries"]} == by_country
    assert {s["label"]: s["count"] for s in diversity["focus_areas"]} == areas

    # A visitor asks to join (no account, no token) and gets an e-mail with a link.
    visitor = Api()
    answer = visitor.post(f"{C}/join", {"email": APPLICANT_EMAIL})
    assert answer.status_code == 202, answer.content
    assert "Check your inbox" in answer.json()["detail"]
    run_queued_tasks()  # the worker sends it
    messages = [m for m in mail.outbox if m.to == [APPLICANT_EMAIL]]
    assert len(messages) == 1
    link = LINK.search(messages[0].body)
    assert link, messages[0].body

    # The one web step: the link's sign-up form makes the account and signs in.
    browser = Client()
    assert browser.get(link[1]).status_code == 200
    answer = browser.post(
        link[1],
        {
            "display_name": "Neema Mwakyusa",
            "password1": APPLICANT_PASSWORD,
            "password2": APPLICANT_PASSWORD,
        },
    )
    assert answer.status_code == 302, answer.content.decode()[-2000:]
    assert answer["Location"] == f"/c/{slug}/apply/"
    applicant = Api(token_for(browser))
    assert applicant.get(C).json()["roles"] == ["outsider"]

    # The application, then the steering committee's decision.
    answer = applicant.post(
        f"{C}/applications",
        {
            "kind": "organisation",
            "person_name": "Neema Mwakyusa",
            "organisation_name": APPLICANT_ORG,
            "actor_type": "cso",
            "country": "TZ",
            "statement": "We mediate disputes between police and lake communities.",
        },
    )
    assert answer.status_code == 201, answer.content
    application_id = answer.json()["id"]
    assert answer.json()["status"] == "pending"
    assert [a["id"] for a in founder.get(f"{C}/applications").json()] == [application_id]
    answer = founder.post(f"{C}/applications/{application_id}/decision", {"approve": True})
    assert answer.status_code == 200, answer.content
    decided = answer.json()
    assert decided["status"] == "approved"
    membership_id = decided["membership_id"]
    assert applicant.get(f"{C}/applications/{application_id}").json()["membership_id"] == (
        membership_id
    )

    # Acknowledging the code of conduct makes the membership active.
    answer = applicant.post(f"{C}/memberships/{membership_id}/acknowledge-conduct")
    assert answer.status_code == 200, answer.content
    assert answer.json()["status"] == "active"
    assert "member" in applicant.get(C).json()["roles"]

    # Seated on the steering committee, which now lists both.
    committees = founder.get(f"{C}/committees").json()
    steering = next(c for c in committees if c["kind"] == CommitteeKind.STEERING)
    answer = founder.put(f"{C}/committees/{steering['id']}/seats/{membership_id}", {})
    assert answer.status_code == 200, answer.content
    seats = founder.get(f"{C}/committees/{steering['id']}").json()["seats"]
    labels = " | ".join(s["label"] for s in seats)
    assert len(seats) == 2 and FOUNDER_ORG in labels and APPLICANT_ORG in labels
    assert "steering" in applicant.get(C).json()["roles"]

    # The database agrees with what the API said.
    assert Application.objects.get().status == "approved"
    assert CharterPolicy.objects.filter(status="agreed").count() == 2
    committee = Committee.objects.get(kind=CommitteeKind.STEERING)
    assert committee.seats.count() == 2
