"""Every API operation in the OpenAPI document, for every role: allowed where it should
be, refused (401 without credentials, 403/404/409 otherwise) where not, and a refused
write changes nothing. An operation missing from the table (``OPERATIONS``,
tests/support/operations.py) fails the build."""

import pytest

from coalesce.accounts.models import ApiToken
from tests.support.authz import ALL, database_snapshot
from tests.support.operations import ALL_OPERATIONS, OPERATIONS, call

SHARED_WORLD = True  # world and targets built once for the module: tests/project/conftest.py


@pytest.fixture(autouse=True)
def _every_role_may_ask_to_join(settings):
    """Every role asks to join with the same address: not the throttle's business here."""
    settings.MAILS_PER_EMAIL = settings.MAILS_PER_ADDRESS = 1000


def test_every_api_operation_has_a_rule():
    assert not sorted(set(ALL_OPERATIONS) - set(OPERATIONS)), "operations without a rule"
    assert not sorted(set(OPERATIONS) - set(ALL_OPERATIONS)), "rules for missing operations"


@pytest.fixture
def groundwork_targets(world, targets):
    """A prospective partner and a challenge in the coalition's register."""
    from coalesce.groundwork.models import Challenge, ProspectivePartner

    partner = ProspectivePartner.objects.create(coalition=world.coalition, description="Media")
    challenge = Challenge.objects.create(coalition=world.coalition, challenge="Trust")
    return {"partner": partner.pk, "challenge": challenge.pk, **targets}


@pytest.fixture
def tokens(world):
    return {role: ApiToken.issue(user, "matrix")[1] for role, user in world.users.items()}


def refused(response, role):
    if role == "anonymous":
        return response.status_code == 401
    return response.status_code in (403, 404, 409)


def everyone_the_same(world, tokens, op_id, targets):
    """A participant operation: accounts do not matter, the token does. With it every
    role gets ``op.everyone`` (a refusal changes nothing); without it, 404 for all."""
    op = OPERATIONS[op_id]
    problems = []
    for role in sorted(ALL):
        for with_token in (True, False) if op.participant else (True,):
            expected = op.everyone if with_token else 404
            before = database_snapshot()
            response = call(world, tokens, role, op_id, targets, participant=with_token)
            if response.status_code != expected:
                problems.append(f"{role} (token: {with_token}): {response.status_code}")
            if response.status_code >= 400:
                if "detail" not in response.json():
                    problems.append(f"{role}: error without a JSON detail")
                if database_snapshot() != before:
                    problems.append(f"{role}: a refused write changed the database")
    return problems


@pytest.mark.parametrize("op_id", sorted(OPERATIONS))
def test_operation_answers_each_role_as_the_policy_says(op_id, world, tokens, groundwork_targets):
    method = ALL_OPERATIONS[op_id][0]
    if OPERATIONS[op_id].everyone is not None:
        problems = everyone_the_same(world, tokens, op_id, groundwork_targets)
        assert not problems, problems
        return
    problems = []
    for role in sorted(ALL):
        before = database_snapshot() if method != "GET" else None
        response = call(world, tokens, role, op_id, groundwork_targets)
        if role in OPERATIONS[op_id].allowed:
            if method == "GET" and response.status_code != 200:
                problems.append(f"{role}: {response.status_code} {response.content[:200]}")
            continue
        if not refused(response, role):
            problems.append(f"{role}: expected refusal, got {response.status_code}")
        if response.status_code >= 400 and "detail" not in response.json():
            problems.append(f"{role}: error without a JSON detail")
        if before is not None and database_snapshot() != before:
            problems.append(f"{role}: a refused write changed the database")
    assert not problems, problems
