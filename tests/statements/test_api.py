"""The statements API: the same pipeline as the pages, a stale hash answered 409 with
nothing changed, and bad input a 4xx with its field."""

import pytest

from coalesce.statements import rules
from coalesce.statements.models import Signature
from tests.support.api import api_as, assert_error
from tests.support.authz import database_snapshot
from tests.support.statements import approval_category, approve, sign_as

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_hashing")]


@pytest.fixture
def base(world):
    return f"/coalitions/{world.coalition.slug}/statements"


def test_draft_lock_sign_publish(world, base):
    from coalesce.statements.models import Statement

    category = approval_category(world)
    member = api_as(world, "member")
    created = member.post(base, {"title": "On bail", "text": "Bail\r\nreform.", "comment_days": 0})
    assert created.status_code == 201, created.content
    statement_id = created.json()["id"]
    edited = member.patch(f"{base}/{statement_id}", {"text": "Bail reform now."})
    assert [v["number"] for v in edited.json()["versions"]] == [2, 1]
    locked = member.post(f"{base}/{statement_id}/lock", {"category_id": category.id})
    assert locked.status_code == 200, locked.content
    digest = locked.json()["locked_hash"]
    assert digest == rules.text_hash("Bail reform now.") and locked.json()["proposal_id"]
    approve(world, Statement.objects.get(pk=statement_id))
    signed = member.post(
        f"{base}/{statement_id}/signatures",
        {"membership_id": world.memberships["member"].id, "mode": "named", "text_hash": digest},
    )
    assert signed.status_code == 200, signed.content
    assert signed.json()["signatories"] == {
        "names": ["Open Hands Network"],
        "logos": [],
        "count": 1,
        "awaiting_reconsent": 0,
    }
    published = api_as(world, "steering").post(f"{base}/{statement_id}/publish")
    assert published.json()["status"] == "published"
    public = api_as(world, "anonymous").get(f"{base}/{statement_id}/public")
    assert public.status_code == 200
    assert public.json()["signatories"] == {
        "names": [],
        "logos": [],
        "count": 1,
        "awaiting_reconsent": 0,
    }
    assert public.json()["text"] == "Bail reform now."


def test_a_stale_hash_is_409_and_nothing_changes(world, base):
    from tests.support.statements import approved_statement

    statement = approved_statement(world, approval_category(world))
    member = api_as(world, "member")
    before = database_snapshot()
    response = member.post(
        f"{base}/{statement.id}/signatures",
        {
            "membership_id": world.memberships["member"].id,
            "mode": "named",
            "text_hash": rules.text_hash("yesterday's text"),
        },
    )
    assert_error(response, 409)
    assert response.json()["field"] == "text_hash"
    assert database_snapshot() == before and not Signature.objects.exists()


def test_bad_input_is_a_4xx_with_the_field(world, base):
    member = api_as(world, "member")
    before = database_snapshot()
    assert_error(member.post(base, {"title": "T", "text": "x", "comment_days": 40}), 400)
    assert_error(member.post(base, {"title": "", "text": "x"}), 400)
    assert_error(member.post(base, {"title": "T"}), 422)
    assert database_snapshot() == before
    created = member.post(base, {"title": "T", "text": "x"}).json()
    category = approval_category(world)
    response = member.post(f"{base}/{created['id']}/lock", {"category_id": category.id})
    assert_error(response, 409)  # members may still comment


def test_signatures_after_a_change_wait_for_re_consent(world, base):
    from coalesce.statements import services
    from tests.support.statements import actor, approved_statement

    category = approval_category(world)
    statement = approved_statement(world, category)
    sign_as(world, "member", statement)
    steering = api_as(world, "steering")
    steering.post(f"{base}/{statement.id}/reopen")
    steering.patch(f"{base}/{statement.id}", {"text": "A new text."})
    services.lock_statement(actor(world, "steering"), statement.id, category_id=category.id)
    statement.refresh_from_db()
    approve(world, statement)
    found = steering.get(f"{base}/{statement.id}").json()["signatories"]
    assert found == {"names": [], "logos": [], "count": 0, "awaiting_reconsent": 1}
