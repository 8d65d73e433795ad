"""Every page, for every role: allowed where the policy says, refused (403/404, or sent to
sign in) where not, and a refused write changes nothing.

The table (``PAGES``, tests/support/pages.py) is written by hand, independently of the
policy code, and the first test fails when the URL router has a page that is not in it.
"""

import pytest

from tests.support.authz import ALL, database_snapshot, is_login_redirect, web_url_names
from tests.support.pages import PAGES, resolve, url_for

SHARED_WORLD = True  # world and targets built once for the module: tests/project/conftest.py


def test_every_page_in_the_router_has_a_rule():
    missing = sorted(set(web_url_names()) - set(PAGES))
    assert not missing, f"Pages without a rule in the authorisation matrix: {missing}"
    stale = sorted(set(PAGES) - set(web_url_names()))
    assert not stale, f"Rules for pages that no longer exist: {stale}"


def refused(response, role) -> bool:
    # 409: refused because of the state of things (e.g. an application already pending)
    return response.status_code in (403, 404, 409) or (
        role == "anonymous" and is_login_redirect(response)
    )


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_answers_each_role_as_the_policy_says(name, world, targets):
    page = PAGES[name]
    url = url_for(name, page, targets)
    problems = []
    for role in sorted(ALL):
        response = world.client(role).get(url)
        if page.get_status is not None:
            ok = response.status_code == page.get_status
        elif page.get is None:
            ok = response.status_code in (405,) or refused(response, role)
        elif role in page.get:
            ok = response.status_code == 200 or (
                response.status_code == 302 and not is_login_redirect(response)
            )
        else:
            ok = refused(response, role)
        if not ok:
            problems.append(f"{role}: GET {url} -> {response.status_code}")
    assert not problems, problems


@pytest.mark.parametrize("name", sorted(n for n, p in PAGES.items() if p.post is not None))
def test_refused_writes_change_nothing(name, world, targets):
    page = PAGES[name]
    url = url_for(name, page, targets)
    data = {k: resolve(v, targets) for k, v in page.data.items()}
    problems = []
    for role in sorted(ALL - page.post):
        before = database_snapshot()
        response = world.client(role).post(url, data)
        if not refused(response, role):
            problems.append(f"{role}: POST {url} -> {response.status_code}")
        if database_snapshot() != before:
            problems.append(f"{role}: POST {url} changed the database")
    assert not problems, problems
