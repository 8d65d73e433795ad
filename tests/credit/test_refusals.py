"""A refused credit write changes none of credit's tables. (The project matrices'
snapshot covers the older apps; this covers credit's rows, for every credit page and
operation of the matrices, as every role they refuse.)"""

import json

import pytest
from django.apps import apps

from coalesce.accounts.models import ApiToken
from tests.support.authz import ALL
from tests.support.operations import ALL_OPERATIONS, OPERATIONS, call
from tests.support.pages import PAGES, resolve, url_for
from tests.support.targets import build_targets

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_hashing")]

CREDIT_OPERATIONS = [
    op for op, (method, path) in ALL_OPERATIONS.items() if "/credit" in path and method != "GET"
]


def credit_rows() -> str:
    return json.dumps(
        [
            list(model.objects.order_by("pk").values())
            for model in apps.get_app_config("credit").get_models()
        ],
        default=str,
    )


@pytest.mark.parametrize("name", sorted(n for n, p in PAGES.items() if n.startswith("credit:")))
def test_refused_credit_page_writes_change_nothing(name, world):
    page = PAGES[name]
    if page.post is None:
        return
    targets = build_targets(world)
    url = url_for(name, page, targets)
    data = {k: resolve(v, targets) for k, v in page.data.items()}
    for role in sorted(ALL - page.post):
        before = credit_rows()
        response = world.client(role).post(url, data)
        assert response.status_code in (302, 403, 404), (role, response.status_code)
        assert credit_rows() == before, role


@pytest.mark.parametrize("op_id", sorted(CREDIT_OPERATIONS))
def test_refused_credit_operations_change_nothing(op_id, world):
    targets = build_targets(world)
    tokens = {role: ApiToken.issue(user, "t")[1] for role, user in world.users.items()}
    for role in sorted(ALL - OPERATIONS[op_id].allowed):
        before = credit_rows()
        response = call(world, tokens, role, op_id, targets)
        assert response.status_code in (401, 403, 404), (role, response.status_code)
        assert credit_rows() == before, role


def test_the_allowed_writes_do_write(world):
    """So the checks above can fail: the same data, sent by a role allowed, writes."""
    targets = build_targets(world)
    page = PAGES["credit:contribute"]
    before = credit_rows()
    data = {k: resolve(v, targets) for k, v in page.data.items()}
    world.client("steering").post(url_for("credit:contribute", page, targets), data)
    assert credit_rows() != before
