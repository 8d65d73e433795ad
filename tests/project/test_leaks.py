"""Plant unique markers in the real names and contact details of confidential and
pseudonymous members — and, in the canary, in protected members who act (comment, raise a
conflict, change their own record, apply and are admitted under an alias) — then read every
page, search, export, audit page, API read and e-mail as every role: a role never meets a
marker it is not entitled to, and the entitled ones do (so the crawl can fail)."""

import pytest
from django.core import mail
from django.urls import reverse

from tests.support import factories as f
from tests.support.authz import ALL, CONTACT_MARKERS, ENTITLED
from tests.support.operations import ALL_OPERATIONS, OPERATIONS, call
from tests.support.pages import PAGES, url_for

SHARED_WORLD = True  # world and targets built once for the module: tests/project/conftest.py

CANARY = {
    # a pseudonymous member with an account, who takes part
    "actor_org": "MARKER-CANARY-ORG-0c4e",
    "actor_person": "MARKER-CANARY-PERSON-b83f",
    "actor_account": "MARKER-CANARY-ACCOUNT-6d1a",
    # an applicant admitted as a pseudonymous member
    "applicant_org": "MARKER-CANARY-APPORG-17aa",
    "applicant_person": "MARKER-CANARY-APPPERSON-5c02",
    "applicant_account": "MARKER-CANARY-APPACCOUNT-e9d4",
    "statement": "MARKER-CANARY-STATEMENT-3f70",
    "answer": "MARKER-CANARY-ANSWER-a4b1",
}
# Custodians hold the key to protected identities; an application's statement and answers
# are read by the steering committee while it is pending and, once it became a protected
# membership, only by the applicant. The applicant's account name is shown to nobody.
CANARY_ENTITLED = {"custodian": set(CANARY) - {"statement", "answer", "applicant_account"}}


@pytest.fixture
def canary(world, targets, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return act_as_protected_members(world, targets)


def act_as_protected_members(world, targets):
    from coalesce.coalitions import services as coalitions
    from coalesce.coalitions.models import MembershipStatus, Visibility
    from coalesce.coalitions.policy import actor_for
    from coalesce.decisions import services as decisions

    coalition = world.coalition
    actor_user = f.make_user("canary@example.org", CANARY["actor_account"])
    membership = f.make_member(
        coalition,
        user=actor_user,
        name=CANARY["actor_org"],
        person_name=CANARY["actor_person"],
        visibility=Visibility.PSEUDONYMOUS,
        alias="Quiet Voices",
        status=MembershipStatus.AWAITING_CONDUCT,
    )
    canary_actor = actor_for(actor_user, coalition)
    coalitions.acknowledge_conduct(canary_actor, membership.id)
    canary_actor = actor_for(actor_user, coalition)
    coalitions.update_protection(
        canary_actor,
        membership.id,
        visibility=Visibility.PSEUDONYMOUS,
        alias="Quiet Voices",
        contact_notes="Call after six.",
    )
    decisions.add_comment(canary_actor, targets["proposal"], body="We support this, carefully.")
    conflict = decisions.raise_conflict(
        canary_actor, title="Our name was printed", description="It appeared in the minutes."
    )

    applicant = f.make_user("canary-applicant@example.org", CANARY["applicant_account"])
    application = apply_with_markers(world, targets, applicant)
    coalitions.decide_application(
        actor_for(world.users["steering"], coalition), application.id, approve=True
    )
    application.refresh_from_db()
    return {
        "membership": membership.id,
        "admitted": application.membership_id,
        "application": application.id,
        "conflict": conflict.id,
        "users": {"canary": actor_user, "canary_applicant": applicant},
    }


def apply_with_markers(world, targets, applicant):
    """``applicant`` applies for a pseudonymous membership, markers in every field."""
    from coalesce.coalitions import services as coalitions
    from coalesce.coalitions.models import Visibility
    from coalesce.coalitions.policy import actor_for

    return coalitions.submit_application(
        actor_for(applicant, world.coalition),
        kind="organisation",
        organisation_name=CANARY["applicant_org"],
        actor_type="cso",
        country="KE",
        person_name=CANARY["applicant_person"],
        statement=CANARY["statement"],
        answers={targets["requirement"]: CANARY["answer"]},
        visibility=Visibility.PSEUDONYMOUS,
        alias="Hidden Helpers",
        contact_email=applicant.email,
    )


def forbidden_markers(world, role):
    planted = {k: v for k, v in world.markers.items() if k not in ENTITLED.get(role, set())}
    canary = {k: v for k, v in CANARY.items() if k not in CANARY_ENTITLED.get(role, set())}
    return {**planted, **canary}


def assert_clean(world, role, where, body: str):
    for key, marker in forbidden_markers(world, role).items():
        assert marker.lower() not in body.lower(), f"{role} saw {key} at {where}"


def web_urls(world, targets, canary):
    slug = world.coalition.slug
    urls = [url_for(name, page, targets) for name, page in PAGES.items() if page.get]
    for membership_id in [m.id for m in world.memberships.values()] + [
        canary["membership"],
        canary["admitted"],
    ]:
        urls.append(reverse("coalitions:member", args=[slug, membership_id]))
    urls += [
        reverse("coalitions:application", args=[slug, canary["application"]]),
        reverse("decisions:proposal", args=[slug, targets["proposal"]]),
        reverse("decisions:conflict", args=[slug, canary["conflict"]]),
        reverse("audit:log", args=[slug]),
        reverse("coalitions:members", args=[slug]) + "?q=MARKER",
        reverse("coalitions:members", args=[slug]) + "?q=Friends",
        reverse("coalitions:members", args=[slug]) + "?status=active&actor_type=cso",
        reverse("coalitions:members", args=[slug]) + "?country=KE",
        reverse("coalitions:committee", args=[slug, world.steering_committee.id]),
    ]
    return urls


@pytest.mark.parametrize("role", sorted(ALL))
def test_no_page_shows_a_hidden_identity_or_contact(role, world, targets, canary):
    client = world.client(role)
    for url in web_urls(world, targets, canary):
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
def test_no_api_answer_shows_a_hidden_identity_or_contact(role, world, targets, canary):
    from coalesce.accounts.models import ApiToken

    tokens = {r: ApiToken.issue(u, "leak")[1] for r, u in world.users.items()}
    read_only = [op for op, (method, _path) in ALL_OPERATIONS.items() if method == "GET"]
    # every read once as the matrix aims it, once at the canary's own objects
    aimed_at_canary = {
        **targets,
        "membership:member": canary["membership"],
        "application": canary["application"],
        "conflict": canary["conflict"],
    }
    for op_id in read_only:
        for aimed in [targets, aimed_at_canary]:
            response = call(world, tokens, role, op_id, aimed)
            assert_clean(world, role, op_id, response.content.decode(errors="replace"))
    for key in ["pseudonymous", "steering_only"]:
        for op_id in ["get_member", "read_member_contacts"]:
            targets_for = {**targets, "membership:member": world.memberships[key].id}
            response = call(world, tokens, role, op_id, targets_for)
            body = response.content.decode()
            if role != "custodian":
                assert_clean(world, role, f"{op_id}({key})", body)
    assert OPERATIONS  # the table the calls above are built from


def test_no_email_carries_a_marker_to_someone_not_entitled(world, canary):
    owners = {u.email: role for role, u in world.users.items()}
    owners.update({u.email: "self" for u in canary["users"].values()})
    assert mail.outbox, "the admission sends the applicant an e-mail"
    for message in mail.outbox:
        text = message.subject + message.body
        for recipient in message.to:
            role = owners.get(recipient, "outsider")
            if role != "self":
                assert_clean(world, role, f"mail to {recipient}: {message.subject}", text)


def test_the_custodian_meets_every_marker(world, targets, canary):
    """The control: the markers are reachable, so the crawl above can find them."""
    client = world.client("custodian")
    seen = " ".join(
        client.get(url, follow=True).content.decode(errors="replace")
        for url in web_urls(world, targets, canary)
    )
    for key in CANARY_ENTITLED["custodian"]:
        assert CANARY[key] in seen, f"the custodian should meet {key}"


def test_the_applicant_meets_their_own_statement_and_answers(world, canary):
    from django.test import Client

    from coalesce.accounts.models import ApiToken

    applicant = canary["users"]["canary_applicant"]
    client = Client()
    client.force_login(applicant)
    slug = world.coalition.slug
    page = client.get(reverse("coalitions:application", args=[slug, canary["application"]]))
    _token, raw = ApiToken.issue(applicant, "own")
    api = client.get(
        f"/api/coalitions/{slug}/applications/{canary['application']}",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )
    for body in [page.content.decode(), api.content.decode()]:
        assert CANARY["statement"] in body and CANARY["answer"] in body


def test_the_steering_committee_meets_them_while_the_application_is_pending(world, targets):
    """Deciding needs the whole application; the mask comes with the alias membership."""
    applicant = f.make_user("pending-canary@example.org", "Pending Canary")
    application = apply_with_markers(world, targets, applicant)
    url = reverse("coalitions:application", args=[world.coalition.slug, application.id])
    body = world.client("steering").get(url).content.decode()
    for key in ["applicant_org", "applicant_person", "statement", "answer"]:
        assert CANARY[key] in body, key


# --- updates (issue 12): an update to a committee stays with its audience, and a member
# whose identity the reader may not see is counted among its readers but never named ---

UPDATE_AUDIENCE = {"member", "chair", "steering"}  # Outreach's seats and the steering committee


@pytest.mark.parametrize("role", sorted(ALL))
def test_a_committee_update_reaches_nobody_outside_its_audience(
    role, world, targets, run_queued_tasks
):
    from coalesce.accounts.models import ApiToken
    from tests.support.updates_world import COMMITTEE_MARKER

    run_queued_tasks()  # the e-mails of the updates in `targets`
    slug, update_id = world.coalition.slug, targets["update_committee"]
    client = world.client(role)
    bodies = [
        client.get(reverse(name, args=args), follow=True).content.decode()
        for name, args in [
            ("updates:index", [slug]),
            ("updates:update", [slug, update_id]),
        ]
    ]
    tokens = {r: ApiToken.issue(u, "leak")[1] for r, u in world.users.items()}
    aimed = {**targets, "update_all": update_id}
    for op_id in ["list_updates", "get_update", "get_update_counts"]:
        bodies.append(call(world, tokens, role, op_id, aimed).content.decode())
    email = role != "anonymous" and world.users[role].email
    bodies += [m.body + m.alternatives[0][0] for m in mail.outbox if email in m.to]
    assert any(COMMITTEE_MARKER in body for body in bodies) == (role in UPDATE_AUDIENCE), role


def test_a_pseudonymous_reader_who_acknowledges_is_counted_and_not_named(world, targets):
    from coalesce.accounts.models import ApiToken
    from coalesce.coalitions.models import Person
    from coalesce.coalitions.policy import actor_for
    from coalesce.updates import services

    user = f.make_user("pseudo-reader@example.org", "Pseudo Reader")
    pseudonymous = world.memberships["pseudonymous"]
    Person.objects.filter(organisation__membership=pseudonymous).update(user=user)
    services.acknowledge(actor_for(user, world.coalition), targets["update_all"])
    slug, update_id = world.coalition.slug, targets["update_all"]
    page = world.client("steering").get(reverse("updates:update", args=[slug, update_id]))
    body = page.content.decode()
    assert "1 acknowledged" in body
    _token, raw = ApiToken.issue(world.users["steering"], "leak")
    counts = world.client("steering").get(
        f"/api/coalitions/{slug}/updates/{update_id}/counts", HTTP_AUTHORIZATION=f"Bearer {raw}"
    )
    assert counts.json()["acknowledged"] == 1 and counts.json()["acknowledged_names"] == []
    for text in [body, counts.content.decode()]:
        assert_clean(world, "steering", "the update's counts", text)
        assert pseudonymous.alias not in text  # not even by alias: counted only


# --- finance (issue 12): an at-risk payee's name --------------------------------------
# The world's books (tests/support/targets.py, finance_targets) pay the pseudonymous and
# the steering-only members, which the crawls above already check on every finance page
# and read; this adds the free-text payee marked at risk, whose name only the steering
# committee and custodians may see.

FINANCE_ENTITLED = {"steering", "custodian"}


def finance_bodies(world, targets, role):
    from coalesce.accounts.models import ApiToken

    client = world.client(role)
    pages = [url_for(n, p, targets) for n, p in PAGES.items() if p.get and n.startswith("finance:")]
    bodies = {url: client.get(url, follow=True).content.decode(errors="replace") for url in pages}
    tokens = {r: ApiToken.issue(u, "leak")[1] for r, u in world.users.items()}
    for op_id, (method, path) in ALL_OPERATIONS.items():
        if method == "GET" and "/finance" in path:
            bodies[op_id] = call(world, tokens, role, op_id, targets).content.decode()
    return bodies


@pytest.mark.parametrize("role", sorted(ALL))
def test_an_at_risk_payee_is_named_only_to_the_steering_committee(role, world, targets):
    from tests.support.targets import FINANCE_AT_RISK

    bodies = finance_bodies(world, targets, role)
    seen = [where for where, body in bodies.items() if FINANCE_AT_RISK in body]
    if role in FINANCE_ENTITLED:
        assert seen, f"{role} should meet the at-risk payee (the check can fail)"
    else:
        assert not seen, f"{role} saw the at-risk payee at {seen}"


# --- goals (issue 13): an indicator update's author and approver are people ---
# A pseudonymous member with an account on the goal's committee drafts an update; a
# pseudonymous member of the steering committee approves another. Every role reads the
# goal's page, the API's goal and the tasks: the real names never show (custodians
# excepted, who do meet them), the aliases do.

GOAL_CANARY = {
    "author_org": "MARKER-GOAL-AUTHOR-ORG-4a1e",
    "author_person": "MARKER-GOAL-AUTHOR-PERSON-77c2",
    "author_account": "MARKER-GOAL-AUTHOR-ACCOUNT-e01b",
    "approver_org": "MARKER-GOAL-APPROVER-ORG-5d93",
    "approver_account": "MARKER-GOAL-APPROVER-ACCOUNT-b6f0",
}


def goal_reports(world, targets):
    from coalesce.coalitions.models import SeatRole, Visibility
    from coalesce.coalitions.policy import actor_for
    from coalesce.goals import services as goals

    def protected(key, name, account, alias, committee, person=""):
        user = f.make_user(f"{key}@example.org", account)
        membership = f.make_member(
            world.coalition,
            user=user,
            name=name,
            person_name=person or None,
            visibility=Visibility.PSEUDONYMOUS,
            alias=alias,
        )
        f.seat(committee, membership, SeatRole.MEMBER)
        return actor_for(user, world.coalition)

    author = protected(
        "goal-author",
        GOAL_CANARY["author_org"],
        GOAL_CANARY["author_account"],
        "Harbour Friends",
        world.committee,
        GOAL_CANARY["author_person"],
    )
    approver = protected(
        "goal-approver",
        GOAL_CANARY["approver_org"],
        GOAL_CANARY["approver_account"],
        "Lantern Group",
        world.steering_committee,
    )
    update = goals.draft_update(author, targets["goal_period"], value="2", note="Two")
    goals.submit_update(author, update.pk)
    goals.decide_update(approver, update.pk, approve=True)
    own = goals.draft_update(approver, targets["goal_period"], value="1")
    goals.submit_update(approver, own.pk)


@pytest.mark.parametrize("role", sorted(ALL))
def test_no_goal_page_or_answer_names_a_pseudonymous_author_or_approver(role, world, targets):
    from coalesce.accounts.models import ApiToken

    goal_reports(world, targets)
    tokens = {r: ApiToken.issue(u, "leak")[1] for r, u in world.users.items()}
    slug = world.coalition.slug
    bodies = [
        world.client(role).get(reverse(name, args=[slug, *args]), follow=True)
        for name, args in [("goals:goal", [targets["goal"]]), ("goals:tasks", [])]
    ]
    bodies += [call(world, tokens, role, op, targets) for op in ("get_goal", "list_goal_tasks")]
    text = " ".join(b.content.decode(errors="replace") for b in bodies)
    markers = [m for k, m in GOAL_CANARY.items() if role != "custodian" or "account" in k]
    for marker in markers:
        assert marker.lower() not in text.lower(), f"{role} saw {marker}"
    if role in {"member", "chair", "steering", "admin"}:
        assert "Harbour Friends" in text and "Lantern Group" in text
    if role == "custodian":
        assert GOAL_CANARY["author_org"] in text and GOAL_CANARY["approver_org"] in text


# health (issue 13)
# Nothing shows who answered what.
# A pseudonymous member with an account answers the open wave with scores nobody else
# gives (all 1, "large"); five other members answer 4 ("small"). Once the wave closes,
# every role reads the health pages and API: the member's names never show (custodians
# excepted, who may meet them elsewhere, not here), nor the response's key, nor the
# lone "large" answer's score (its group has 1 answer: the breakdown is withheld).

HEALTH_CANARY = {
    "org": "MARKER-HEALTH-ORG-31d7",
    "person": "MARKER-HEALTH-PERSON-8be2",
    "account": "MARKER-HEALTH-ACCOUNT-c54a",
}


def health_answers(world, targets):
    from coalesce.coalitions.models import Visibility
    from coalesce.coalitions.policy import actor_for
    from coalesce.health import services as health
    from coalesce.health.items import ITEM_KEYS
    from coalesce.health.models import Response

    wave_id = targets["health_wave_open"]
    user = f.make_user("health-canary@example.org", HEALTH_CANARY["account"])
    f.make_member(
        world.coalition,
        user=user,
        name=HEALTH_CANARY["org"],
        person_name=HEALTH_CANARY["person"],
        visibility=Visibility.PSEUDONYMOUS,
        alias="Quiet Harbour",
    )
    canary = actor_for(user, world.coalition)
    health.answer(canary, wave_id, scores=dict.fromkeys(ITEM_KEYS, 1), size="large")
    for i in range(5):
        other = f.make_user(f"health-other{i}@example.org", f"Other {i}")
        f.make_member(world.coalition, user=other, name=f"Health Other Org {i}")
        health.answer(
            actor_for(other, world.coalition),
            wave_id,
            scores=dict.fromkeys(ITEM_KEYS, 4),
            size="small",
        )
    health.close_wave(actor_for(world.users["steering"], world.coalition), wave_id)
    return str(Response.objects.get(size="large").pk)


@pytest.mark.parametrize("role", sorted(ALL))
def test_no_health_page_or_answer_shows_who_answered_what(role, world, targets):
    from coalesce.accounts.models import ApiToken

    lone = health_answers(world, targets)
    tokens = {r: ApiToken.issue(u, "leak")[1] for r, u in world.users.items()}
    slug = world.coalition.slug
    wave_id = targets["health_wave_open"]
    bodies = [
        world.client(role).get(reverse(name, args=[slug, *args]), follow=True)
        for name, args in [("health:index", []), ("health:wave", [wave_id])]
    ]
    read = {**targets, "health_wave_closed": wave_id}
    ops = ("get_health_wave", "list_health_waves", "get_health_trend")
    bodies += [call(world, tokens, role, op, read) for op in ops]
    text = " ".join(b.content.decode(errors="replace") for b in bodies)
    for marker in [*HEALTH_CANARY.values(), lone, "Quiet Harbour"]:
        assert marker.lower() not in text.lower(), f"{role} saw {marker}"
    assert "1.00" not in text, f"{role} saw the lone answer's score"
    if role in {"member", "chair", "steering", "admin", "custodian"}:
        assert "3.50" in text  # (1 + 5 × 4) / 6: the wave's scores are shown


# --- participation (issue 13) ---
# A conduct review's note (tests/support/targets.py, participation_targets: a review of
# the member, its note carrying a marker) is read by the member itself, the steering
# committee and admins — on the member's participation page and in the API — and by
# nobody else, nor in the audit log by anyone. A member the reader may not see listed has
# no participation record for it; a pseudonymous member's real name never shows there.

CONDUCT_NOTE_ENTITLED = {"member", "steering", "admin"}


def participation_bodies(world, targets, role, aimed=None):
    from coalesce.accounts.models import ApiToken

    aimed = {**targets, **(aimed or {})}
    client = world.client(role)
    names = [n for n, p in PAGES.items() if p.get and n.split(":")[0] in {"participation", "audit"}]
    bodies = {n: client.get(url_for(n, PAGES[n], aimed), follow=True) for n in names}
    tokens = {r: ApiToken.issue(u, "leak")[1] for r, u in world.users.items()}
    for op_id, (method, path) in ALL_OPERATIONS.items():
        if method == "GET" and ("/participation" in path or "/audit" in path):
            bodies[op_id] = call(world, tokens, role, op_id, aimed)
    return {where: r.content.decode(errors="replace") for where, r in bodies.items()}


@pytest.mark.parametrize("role", sorted(ALL))
def test_a_conduct_review_note_reaches_only_the_member_and_its_followers(role, world, targets):
    from tests.support.targets import CONDUCT_NOTE_MARKER

    bodies = participation_bodies(world, targets, role)
    seen = sorted(where for where, body in bodies.items() if CONDUCT_NOTE_MARKER in body)
    assert not [where for where in seen if "audit" in where], f"{role}: the note in the log"
    if role in CONDUCT_NOTE_ENTITLED:
        assert "participation:member" in seen and "list_conduct_reviews" in seen, role
    else:
        assert not seen, f"{role} saw the conduct note at {seen}"


@pytest.mark.parametrize("role", sorted(ALL))
def test_a_participation_record_keeps_to_the_visibility_rules(role, world, targets):
    for key in ("steering_only", "pseudonymous"):
        aimed = {"membership:member": world.memberships[key].id}
        for where, body in participation_bodies(world, targets, role, aimed).items():
            assert_clean(world, role, f"{where}({key})", body)
    hidden = {**targets, "membership:member": world.memberships["steering_only"].id}
    status = (
        world.client(role)
        .get(url_for("participation:member", PAGES["participation:member"], hidden))
        .status_code
    )
    assert (status == 200) == (role == "steering"), f"{role}: the hidden member's record {status}"


def test_the_steering_committee_meets_the_alias_not_the_name(world, targets):
    aimed = {"membership:member": world.memberships["pseudonymous"].id}
    bodies = participation_bodies(world, targets, "steering", aimed)
    assert "Friends of the Riverside" in bodies["participation:member"]
    assert world.markers["steering_only_name"] in bodies["participation:index"]
