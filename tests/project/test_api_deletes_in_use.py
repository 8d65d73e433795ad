"""Deleting (or ending) something still in use answers 409 naming what uses it, through the
API and the pages alike, and changes nothing; never a 500.

Every DELETE operation of the OpenAPI document is listed here with what can keep its
target in use, so that a new one has to be thought about."""

import pytest
from django.test import Client

from coalesce.accounts.models import ApiToken
from coalesce.coalitions import policy
from coalesce.decisions import services as decide
from coalesce.training.live import services as live
from coalesce.training.models import LiveSession, Plan
from tests.support.authz import database_snapshot

pytestmark = pytest.mark.usefixtures("fast_hashing")

# operationId → what may still use the target (None: nothing refers to it).
DELETES = {
    "revoke_token": None,
    "revoke_invitation": None,  # only pending invitations; links to it are SET_NULL
    "retire_requirement": None,  # retired, not deleted: past answers keep it
    "delete_committee": "a decision rule's electorate (test_founding)",
    "unseat_member": "the steering committee's last active member (its own 409)",
    "delete_training_plan": "a live session still running",
    "remove_expertise_entry": None,  # nothing refers to an offer or a need
    "remove_venue": "a meeting that takes place there (tests/meetings/test_api.py)",
    "remove_agenda_item": None,  # nothing refers to an agenda item
    "remove_minute": "closed minutes (their own 409, tests/meetings/test_minutes.py)",
    # goals (issue 13)
    "remove_shared_value": None,  # nothing refers to a shared value
}


def test_every_delete_operation_is_considered():
    from coalesce.api import api

    paths = api.get_openapi_schema()["paths"].values()
    deletes = {op["operationId"] for ops in paths for m, op in ops.items() if m == "delete"}
    assert deletes == set(DELETES)
    for ops in paths:
        for method, op in ops.items():
            if method == "delete":
                assert "409" in {str(code) for code in op["responses"]}, op["operationId"]


def _running_session(world):
    owner = world.users["member"]
    plan = Plan.objects.create(owner=owner, module_id="module-12", title="P", available_minutes=90)
    return plan, live.open_session(owner, plan.pk)


def test_a_plan_with_a_running_session_is_not_deleted_by_the_api(world):
    plan, session = _running_session(world)
    _token, raw = ApiToken.issue(world.users["member"], "t")
    before = database_snapshot()
    answer = Client().delete(f"/api/training/plans/{plan.pk}", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert answer.status_code == 409, answer.content
    assert session.code in answer.json()["detail"]
    assert database_snapshot() == before
    live.close_session(world.users["member"], session.pk)
    gone = Client().delete(f"/api/training/plans/{plan.pk}", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert gone.status_code == 204
    assert not Plan.objects.filter(pk=plan.pk).exists()
    assert not LiveSession.objects.filter(plan_id=plan.pk).exists()


def test_a_plan_with_a_running_session_is_not_deleted_from_its_page(world):
    plan, session = _running_session(world)
    before = database_snapshot()
    page = world.client("member").post(f"/training/plans/{plan.pk}/delete/")
    assert page.status_code == 409
    assert session.code in page.content.decode()
    assert database_snapshot() == before


def test_the_last_member_of_the_steering_committee_is_not_unseated(world):
    steering = world.memberships["steering"]
    _token, raw = ApiToken.issue(world.users["steering"], "t")
    before = database_snapshot()
    answer = Client().delete(
        f"/api/coalitions/safer-streets/committees/{world.steering_committee.id}"
        f"/seats/{steering.id}",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )
    assert answer.status_code == 409, answer.content
    assert database_snapshot() == before


def test_a_committee_that_votes_under_a_rule_is_not_deleted(world):
    actor = policy.actor_for(world.users["steering"], world.coalition)
    category = decide.create_category(actor, name="Outreach budget")
    decide.define_rule(
        actor,
        category.id,
        method="simple_majority",
        electorate="committee",
        committee_id=world.committee.id,
        quorum_percent=50,
        window_hours=48,
    )
    _token, raw = ApiToken.issue(world.users["steering"], "t")
    before = database_snapshot()
    answer = Client().delete(
        f"/api/coalitions/safer-streets/committees/{world.committee.id}",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )
    assert answer.status_code == 409 and "Outreach budget" in answer.json()["detail"]
    assert database_snapshot() == before
