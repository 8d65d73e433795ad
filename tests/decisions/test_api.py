"""The decisions API: rules, proposals, ballots (open and secret), receipts, conflicts,
notifications; identity protection and refused writes."""

from datetime import timedelta

import pytest
from django.utils import timezone

from coalesce.coalitions.models import Person
from coalesce.coalitions.policy import actor_for
from coalesce.decisions import services, tasks
from coalesce.decisions.models import (
    Ballot,
    Category,
    Comment,
    Conflict,
    Notification,
    Proposal,
    Rule,
    SealedBallot,
    SecretBallot,
)
from tests.support import factories as f
from tests.support.api import Api, api_as, assert_error
from tests.support.authz import database_snapshot

pytestmark = pytest.mark.usefixtures("fast_hashing")

C = "/coalitions/safer-streets"

CONSENSUS = {"method": "consensus", "electorate": "all_members", "window_hours": 48}
SECRET = {"method": "simple_majority", "electorate": "all_members", "secret": True}


def make_category(world, name="Joint statements", **rule):
    steering = api_as(world, "steering")
    response = steering.post(f"{C}/categories", {"name": name})
    assert response.status_code == 201, response.content
    category = response.json()
    assert category["rule"] is None and category["version"] is None
    response = steering.put(f"{C}/categories/{category['id']}/rule", rule or CONSENSUS)
    assert response.status_code == 200, response.content
    return response.json()


def open_proposal(world, category, title="Statement on police reform", author="member"):
    api = api_as(world, author)
    response = api.post(
        f"{C}/proposals", {"category_id": category["id"], "title": title, "body": "We call…"}
    )
    assert response.status_code == 201, response.content
    draft = response.json()
    assert draft["status"] == "draft" and draft["is_mine"] is True
    response = api.post(f"{C}/proposals/{draft['id']}/open")
    assert response.status_code == 200, response.content
    return response.json()


@pytest.fixture
def consensus(world):
    return open_proposal(world, make_category(world))


@pytest.fixture
def secret(world):
    return open_proposal(world, make_category(world, "New members", **SECRET), "Admit X")


def vote(world, role, proposal, position, reason=""):
    return api_as(world, role).post(
        f"{C}/proposals/{proposal['id']}/ballot", {"position": position, "reason": reason}
    )


def as_pseudonymous_member(world) -> Api:
    """Give the pseudonymous member's representative an account and an API token."""
    user = f.make_user("riverside@example.org", "Riverside User")
    Person.objects.filter(organisation=world.memberships["pseudonymous"].organisation).update(
        user=user
    )
    from coalesce.accounts.models import ApiToken

    return Api(ApiToken.issue(user, "tests")[1])


# --- authentication and categories --------------------------------------------------


def test_operations_need_a_token_and_a_bad_token_is_401(world):
    assert_error(Api().get(f"{C}/proposals"), 401, None)
    assert_error(Api().post(f"{C}/conflicts", {"title": "T", "description": "D"}), 401)
    assert_error(Api("clc_not-a-real-token").get(f"{C}/categories"), 401, None)
    assert api_as(world, "member").get(f"{C}/proposals").status_code == 200
    assert_error(api_as(world, "outsider").get(f"{C}/proposals"), 403)


def test_categories_list_their_rule_and_a_second_rule_is_409(world):
    category = make_category(world)
    assert category["version"] == 1
    assert category["rule"]["method"] == "consensus"
    assert category["rule"]["positions"] == ["agree", "abstain", "stand_aside", "block"]
    listed = api_as(world, "member").get(f"{C}/categories").json()
    assert [c["name"] for c in listed] == ["Joint statements"]
    assert listed[0]["rule"]["version"] == 1

    steering = api_as(world, "steering")
    again = steering.put(f"{C}/categories/{category['id']}/rule", CONSENSUS)
    assert_error(again, 409, "category")
    assert Rule.objects.filter(category_id=category["id"]).count() == 1
    assert_error(steering.post(f"{C}/categories", {"name": "Joint statements"}), 409, "name")
    bad = steering.post(f"{C}/categories", {"name": "Budget"}).json()
    assert_error(
        steering.put(f"{C}/categories/{bad['id']}/rule", {"method": "lottery", "electorate": "x"}),
        400,
        "method",
    )
    assert_error(steering.put(f"{C}/categories/999999/rule", CONSENSUS), 404)


def test_schema_errors_are_422_with_the_field(world):
    category = make_category(world)
    member = api_as(world, "member")
    too_long = member.post(
        f"{C}/proposals", {"category_id": category["id"], "title": "x" * 201, "body": "B"}
    )
    assert_error(too_long, 422, "title")
    nested = member.post(
        f"{C}/proposals",
        {
            "category_id": category["id"],
            "title": "T",
            "body": "B",
            "rule_change": {"method": "x" * 31, "electorate": "all_members"},
        },
    )
    assert_error(nested, 422, "rule_change.method")
    assert not Proposal.objects.exists()


# --- proposals and open ballots -----------------------------------------------------


def test_a_member_creates_opens_and_votes(world, consensus):
    assert consensus["status"] == "open" and consensus["rule"]["method"] == "consensus"
    assert consensus["my_position"] == {
        "in_electorate": True,
        "has_voted": False,
        "position": None,
        "reason": "",
    }
    assert consensus["electorate"] == 5 and consensus["took_part"] == 0

    response = vote(world, "member", consensus, "agree")
    assert response.status_code == 200 and response.json() == {"receipt": None}

    detail = api_as(world, "member").get(f"{C}/proposals/{consensus['id']}").json()
    assert detail["my_position"]["position"] == "agree"
    assert detail["counts"] == {"agree": 1, "abstain": 0, "stand_aside": 0, "block": 0}
    assert detail["took_part"] == 1
    assert [p["name"] for p in detail["positions"]] == ["Open Hands Network"]

    listed = api_as(world, "chair").get(f"{C}/proposals", {"status": "open"}).json()
    assert listed["total"] == 1
    assert listed["items"][0]["took_part"] == 1 and listed["items"][0]["electorate"] == 5
    assert api_as(world, "chair").get(f"{C}/proposals", {"status": "closed"}).json()["total"] == 0
    assert_error(api_as(world, "chair").get(f"{C}/proposals", {"status": "nope"}), 400, "status")

    # The electorate was told.
    notes = api_as(world, "chair").get(f"{C}/notifications").json()
    assert [n["proposal_id"] for n in notes] == [consensus["id"]]
    marked = api_as(world, "chair").post(f"{C}/notifications/read", {})
    assert marked.json() == {"marked": 1}
    assert api_as(world, "chair").get(f"{C}/notifications", {"unread": True}).json() == []


def test_a_changed_position_replaces_the_old_one(world, consensus):
    assert vote(world, "member", consensus, "block", "It names a victim.").status_code == 200
    assert vote(world, "member", consensus, "agree").status_code == 200
    assert Ballot.objects.filter(proposal_id=consensus["id"]).count() == 1
    detail = api_as(world, "steering").get(f"{C}/proposals/{consensus['id']}").json()
    assert detail["counts"]["agree"] == 1 and detail["counts"]["block"] == 0


def test_a_block_without_a_reason_is_400_and_stores_nothing(world, consensus):
    assert_error(vote(world, "member", consensus, "block"), 400, "reason")
    assert_error(vote(world, "member", consensus, "block", "   "), 400, "reason")
    assert not Ballot.objects.filter(proposal_id=consensus["id"]).exists()


def test_an_unknown_position_is_400_on_position(world, consensus):
    body = assert_error(vote(world, "member", consensus, "yes"), 400, "position")
    assert "agree" in body["detail"]
    assert not Ballot.objects.exists()


def test_voting_outside_the_electorate_is_refused_clearly(world):
    # Staff without a membership may not vote at all.
    consensus = open_proposal(world, make_category(world))
    assert_error(vote(world, "admin", consensus, "agree"), 403)
    assert_error(vote(world, "outsider", consensus, "agree"), 403)
    # A member outside a steering-committee electorate.
    steering_only = make_category(world, "Budget", method="simple_majority", electorate="steering")
    proposal = open_proposal(world, steering_only, "Budget 2026")
    assert proposal["my_position"]["in_electorate"] is False
    body = assert_error(vote(world, "member", proposal, "yes"), 400, "proposal")
    assert "electorate" in body["detail"]
    assert vote(world, "steering", proposal, "yes").status_code == 200
    assert Ballot.objects.filter(proposal_id=proposal["id"]).count() == 1


def test_voting_after_the_close_is_409(world, consensus, run_queued_tasks):
    assert vote(world, "member", consensus, "agree").status_code == 200
    Proposal.objects.filter(pk=consensus["id"]).update(
        closes_at=timezone.now() - timedelta(minutes=1)
    )
    assert_error(vote(world, "chair", consensus, "agree"), 409)
    # The task worker closes it; reading it then shows the outcome.
    tasks.schedule_closing()
    run_queued_tasks()
    detail = api_as(world, "chair").get(f"{C}/proposals/{consensus['id']}").json()
    assert detail["status"] == "closed"
    assert detail["outcome"] == "no_quorum"  # 1 of 5, 3 needed
    assert detail["result"]["participants"] == 1 and detail["result"]["quorum_needed"] == 3
    assert_error(vote(world, "chair", consensus, "agree"), 409)
    assert Ballot.objects.filter(proposal_id=consensus["id"]).count() == 1
    assert_error(api_as(world, "steering").post(f"{C}/proposals/{consensus['id']}/close"), 409)
    assert_error(
        api_as(world, "member").post(f"{C}/proposals/{consensus['id']}/comments", {"body": "x"}),
        403,
    )


def test_the_steering_committee_closes_early_once_everyone_voted(world):
    category = make_category(
        world, "Budget", method="simple_majority", electorate="steering", quorum_percent=100
    )
    proposal = open_proposal(world, category, "Budget 2026")
    close = f"{C}/proposals/{proposal['id']}/close"
    assert_error(api_as(world, "steering").post(close), 409, "status")
    assert vote(world, "steering", proposal, "yes").status_code == 200
    assert_error(api_as(world, "member").post(close), 403)
    closed = api_as(world, "steering").post(close).json()
    assert closed["status"] == "closed" and closed["outcome"] == "adopted"


def test_voting_on_another_coalitions_proposal_is_404(world):
    elsewhere = actor_for(world.users["outsider"], world.other_coalition)  # a member there
    category = Category.objects.create(coalition=world.other_coalition, slug="x", name="X")
    Rule.objects.create(category=category, version=1, method="consensus", electorate="all_members")
    proposal = services.create_proposal(elsewhere, category_id=category.id, title="T", body="B")
    services.open_proposal(elsewhere, proposal.id)
    member = api_as(world, "member")
    assert_error(member.post(f"{C}/proposals/{proposal.id}/ballot", {"position": "agree"}), 404)
    assert_error(member.get(f"{C}/proposals/{proposal.id}"), 404)
    assert_error(member.get(f"{C}/proposals/{proposal.id}/receipts"), 404)
    assert not Ballot.objects.exists()


# --- secret ballots -----------------------------------------------------------------


def test_a_secret_ballot_is_cast_once_counts_hidden_until_closed(world, secret):
    response = vote(world, "member", secret, "yes")
    assert response.status_code == 200
    code = response.json()["receipt"]
    assert code and len(code) == 12
    assert_error(vote(world, "member", secret, "no"), 409, "proposal")
    assert vote(world, "chair", secret, "no", "Not yet.").status_code == 200
    # Both still sealed in the mix (fewer than 2 × mix.BATCH): recorded, not yet listed.
    assert SealedBallot.objects.filter(proposal_id=secret["id"]).count() == 2
    assert not SecretBallot.objects.filter(proposal_id=secret["id"]).exists()

    member = api_as(world, "member")
    detail = member.get(f"{C}/proposals/{secret['id']}").json()
    assert detail["counts"] is None and detail["positions"] == [] and detail["result"] is None
    assert detail["objections"] == []
    assert detail["took_part"] == 2
    assert detail["my_position"] == {
        "in_electorate": True,
        "has_voted": True,
        "position": None,
        "reason": "",
    }
    check = f"{C}/proposals/{secret['id']}/receipts/check"
    assert member.post(check, {"code": code}).json() == {"counted": True}
    assert member.post(check, {"code": code.lower()}).json() == {"counted": True}
    assert member.post(check, {"code": "NOT-A-CODE"}).json() == {"counted": False}
    assert_error(member.post(check, {}), 422, "code")
    receipts = member.get(f"{C}/proposals/{secret['id']}/receipts").json()
    assert receipts == {"count": 0, "hashes": [], "sealed": 2}

    services.close_proposal(secret["id"], now=timezone.now() + timedelta(days=30))
    receipts = member.get(f"{C}/proposals/{secret['id']}/receipts").json()
    assert receipts["count"] == 2 and services.receipt_hash(code) in receipts["hashes"]
    assert receipts["sealed"] == 0 and code not in str(receipts)
    assert member.post(check, {"code": code}).json() == {"counted": True}
    closed = member.get(f"{C}/proposals/{secret['id']}").json()
    assert closed["status"] == "closed"
    assert closed["counts"] == {"yes": 1, "no": 1, "abstain": 0}
    assert closed["result"]["counts"] == {"yes": 1, "no": 1, "abstain": 0}
    assert closed["objections"] == []  # a "no" is not an objection; its reason is not kept


# --- identity protection ------------------------------------------------------------


def _decision_answers(api, world, ids) -> str:
    paths = [
        f"{C}/categories",
        f"{C}/proposals",
        f"{C}/conflicts",
        f"{C}/notifications",
    ]
    for proposal_id in ids:
        paths += [
            f"{C}/proposals/{proposal_id}",
            f"{C}/proposals/{proposal_id}/comments",
            f"{C}/proposals/{proposal_id}/receipts",
        ]
    bodies = []
    for path in paths:
        response = api.get(path)
        assert response.status_code < 500, path
        bodies.append(response.content.decode())
    return "\n".join(bodies).lower()


def test_the_pseudonymous_block_appears_by_alias_only(world, consensus):
    pseudonymous = as_pseudonymous_member(world)
    url = f"{C}/proposals/{consensus['id']}"
    response = pseudonymous.post(
        f"{url}/ballot", {"position": "block", "reason": "Our members would be exposed."}
    )
    assert response.status_code == 200
    posted = pseudonymous.post(f"{url}/comments", {"body": "We must block."})
    assert posted.status_code == 201
    assert posted.json()["author_label"] == "Friends of the Riverside"
    assert "author_label" not in {f.name for f in Comment._meta.fields}  # none is stored
    assert vote(world, "member", consensus, "agree").status_code == 200
    posted = api_as(world, "member").post(f"{url}/comments", {"body": "Hm."})
    assert posted.status_code == 201
    person = Person.objects.get(user=world.users["member"])
    assert posted.json()["author_label"] == f"{person.full_name} (Open Hands Network)"

    for role in ["member", "chair", "steering", "admin"]:
        detail = api_as(world, role).get(url).json()
        blocks = [p for p in detail["positions"] if p["position"] == "block"]
        assert [b["name"] for b in blocks] == ["Friends of the Riverside"], role
        assert blocks[0]["reason"] == "Our members would be exposed."
        text = _decision_answers(api_as(world, role), world, [consensus["id"]])
        for key in ["pseudonymous_name", "pseudonymous_person", "pseudonymous_email"]:
            assert world.markers[key].lower() not in text, (role, key)
        assert "riverside@example.org" not in text and "riverside user" not in text
        if role != "steering":
            assert world.markers["steering_only_name"].lower() not in text, role


def test_an_anonymous_conflict_has_no_raiser_in_any_answer(world):
    member = api_as(world, "member")
    created = member.post(
        f"{C}/conflicts", {"title": "Credit", "description": "Not named.", "anonymous": True}
    )
    assert created.status_code == 201
    conflict = created.json()
    assert conflict["anonymous"] is True and conflict["raised_by_me"] is False
    assert Conflict.objects.get(pk=conflict["id"]).raised_by_id is None
    # Not even its raiser can find it again: nothing links it to them.
    assert member.get(f"{C}/conflicts").json() == []
    assert_error(member.get(f"{C}/conflicts/{conflict['id']}"), 404)

    steering = api_as(world, "steering")
    answers = [
        created.content.decode(),
        steering.get(f"{C}/conflicts").content.decode(),
        steering.get(f"{C}/conflicts/{conflict['id']}").content.decode(),
        steering.patch(
            f"{C}/conflicts/{conflict['id']}",
            {
                "status": "in_mediation",
                "mediator": "Ms Outside",
                "owner_email": "chair@example.org",
            },
        ).content.decode(),
    ]
    member_user = world.users["member"]
    for text in answers:
        for secret in [member_user.email, member_user.display_name, "Open Hands Network"]:
            assert secret.lower() not in text.lower()
        assert 'raised_by"' not in text
    # The owner now sees and updates it.
    chair = api_as(world, "chair")
    owned = chair.get(f"{C}/conflicts/{conflict['id']}").json()
    assert owned["owner_is_me"] and owned["status"] == "in_mediation"
    updated = chair.patch(f"{C}/conflicts/{conflict['id']}", {"outcome": "Settled."}).json()
    assert updated["outcome"] == "Settled."
    assert_error(chair.patch(f"{C}/conflicts/{conflict['id']}", {"mediator": "Me"}), 404)
    assert_error(chair.patch(f"{C}/conflicts/{conflict['id']}", {"status": "odd"}), 400, "status")


def test_an_open_conflict_is_seen_by_its_raiser_and_the_steering_committee_only(world):
    raised = api_as(world, "member").post(
        f"{C}/conflicts", {"title": "Credit", "description": "Not named."}
    )
    conflict = raised.json()
    assert conflict["raised_by_me"] is True and conflict["anonymous"] is False
    assert api_as(world, "member").get(f"{C}/conflicts/{conflict['id']}").status_code == 200
    assert api_as(world, "steering").get(f"{C}/conflicts/{conflict['id']}").status_code == 200
    for role in ["chair", "admin", "custodian"]:
        assert_error(api_as(world, role).get(f"{C}/conflicts/{conflict['id']}"), 404)
        assert api_as(world, role).get(f"{C}/conflicts").json() == []


# --- refused writes -----------------------------------------------------------------


def test_refused_writes_change_nothing(world, consensus):
    draft = (
        api_as(world, "member")
        .post(
            f"{C}/proposals",
            {"category_id": consensus["category_id"], "title": "Draft", "body": "B"},
        )
        .json()
    )
    attempts = [
        ("chair", "patch", f"{C}/proposals/{draft['id']}", {"title": "Hijacked"}, 403),
        ("chair", "post", f"{C}/proposals/{draft['id']}/open", None, 403),
        ("admin", "post", f"{C}/proposals", {"category_id": 1, "title": "T", "body": "B"}, 403),
        ("outsider", "post", f"{C}/proposals/{consensus['id']}/ballot", {"position": "agree"}, 403),
        ("custodian", "post", f"{C}/proposals/{consensus['id']}/comments", {"body": "x"}, 403),
        ("member", "post", f"{C}/categories", {"name": "Mine"}, 403),
        ("member", "put", f"{C}/categories/{consensus['category_id']}/rule", CONSENSUS, 403),
        ("member", "post", f"{C}/proposals/{consensus['id']}/close", None, 403),
        ("applicant", "post", f"{C}/conflicts", {"title": "T", "description": "D"}, 403),
        ("outsider", "post", f"{C}/notifications/read", {}, 403),
        ("member", "patch", f"{C}/proposals/{consensus['id']}", {"title": "Open now"}, 403),
    ]
    for role, method, path, body, status in attempts:
        api = api_as(world, role)  # issuing the token is a write: before the snapshot
        before = database_snapshot()
        response = getattr(api, method)(path, body)
        assert_error(response, status)
        assert database_snapshot() == before, (role, method, path)
    assert Proposal.objects.get(pk=draft["id"]).title == "Draft"
    assert not Notification.objects.filter(read_at__isnull=False).exists()


def test_the_proposal_list_costs_the_same_queries_however_long(world, consensus):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    member = api_as(world, "member")

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert member.get(f"{C}/proposals").status_code == 200
        return len(captured)

    vote(world, "member", consensus, "agree")
    queries()  # the token's first use is recorded once; later calls do not write
    few = queries()
    category = {"id": consensus["category_id"]}
    for n in range(4):
        vote(world, "chair", open_proposal(world, category, f"Statement {n}"), "agree")
    assert queries() == few
    items = member.get(f"{C}/proposals").json()["items"]
    assert len(items) == 5 and all(i["took_part"] == 1 for i in items)


def test_a_closed_secret_ballot_shows_its_objections_unattributed(world):
    category = make_category(
        world, "Statements", method="consent", electorate="all_members", secret=True
    )
    proposal = open_proposal(world, category, "Statement")
    assert vote(world, "member", proposal, "object", "It names a victim.").status_code == 200
    assert vote(world, "chair", proposal, "consent").status_code == 200
    assert vote(world, "steering", proposal, "consent").status_code == 200
    member = api_as(world, "member")
    assert member.get(f"{C}/proposals/{proposal['id']}").json()["objections"] == []
    services.close_proposal(proposal["id"], now=timezone.now() + timedelta(days=30))
    closed = member.get(f"{C}/proposals/{proposal['id']}").json()
    assert closed["outcome"] == "not_adopted"
    assert closed["objections"] == [{"position": "object", "reason": "It names a victim."}]
    assert "Open Hands" not in str(closed["objections"])
