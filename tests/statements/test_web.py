"""The statements pages: draft, comment, lock, sign (and a stale text refused), publish,
the public page and the PDF."""

import shutil
import subprocess

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from coalesce.statements import rules
from coalesce.statements.models import SignatoryLogo, Signature, Statement, StatementStatus
from tests.support.authz import database_snapshot
from tests.support.statements import (
    SIGNING_TEXT,
    actor,
    approval_category,
    approved_statement,
    logo_png,
    sign_as,
)

pytestmark = pytest.mark.django_db


def url(world, name, **kwargs):
    return reverse(f"statements:{name}", kwargs={"slug": world.coalition.slug, **kwargs})


def pdf_text(content: bytes) -> str:
    done = subprocess.run(
        ["pdftotext", "-", "-"], input=content, capture_output=True, check=True, timeout=60
    )
    return done.stdout.decode()


def test_draft_comment_and_lock_through_the_pages(world):
    category = approval_category(world)
    member = world.client("member")
    response = member.post(
        url(world, "new"), {"title": "On remand", "text": "Remand is too long.", "comment_days": 0}
    )
    statement = Statement.objects.get(title="On remand")
    assert response.status_code == 302
    page = member.get(url(world, "statement", statement_id=statement.id)).content.decode()
    assert "Remand is too long." in page and "Lock and send for approval" in page
    member.post(
        url(world, "edit", statement_id=statement.id),
        {"title": "On remand", "text": "Remand is far too long."},
    )
    assert statement.versions.count() == 2
    response = member.post(
        url(world, "lock", statement_id=statement.id), {"category_id": category.id}
    )
    assert response.status_code == 302
    statement.refresh_from_db()
    assert statement.status == StatementStatus.APPROVAL
    page = member.get(url(world, "statement", statement_id=statement.id)).content.decode()
    assert rules.text_hash("Remand is far too long.") in page


def test_comments_on_the_current_version(world):
    statement = _draft(world)
    chair = world.client("chair")
    response = chair.post(url(world, "comment", statement_id=statement.id), {"body": "Add data."})
    assert response.status_code == 302
    page = chair.get(url(world, "statement", statement_id=statement.id)).content.decode()
    assert "Add data." in page and "Women Police Association" in page  # the chair's label


def test_bad_input_shows_the_message_and_saves_nothing(world):
    member = world.client("member")
    before = database_snapshot()
    response = member.post(url(world, "new"), {"title": "T", "text": "x", "comment_days": 99})
    assert response.status_code == 400 and database_snapshot() == before
    statement = _draft(world)
    category = approval_category(world)
    response = member.post(
        url(world, "lock", statement_id=statement.id), {"category_id": category.id}
    )
    assert response.status_code == 409
    assert "Members may still comment" in response.content.decode()


def _draft(world):
    from coalesce.statements import services

    return services.create_statement(actor(world, "member"), title="Draft", text="Draft text.")


def test_a_stale_text_is_refused_on_the_sign_page(world):
    statement = approved_statement(world, approval_category(world))
    member = world.client("member")
    page = member.get(url(world, "sign", statement_id=statement.id)).content.decode()
    assert statement.locked_hash in page
    before = database_snapshot()
    response = member.post(
        url(world, "sign", statement_id=statement.id),
        {
            "membership_id": world.memberships["member"].id,
            "mode": "named",
            "text_hash": rules.text_hash("the text as it was"),
        },
    )
    assert response.status_code == 409
    assert "The text has changed since you read it" in response.content.decode()
    assert database_snapshot() == before and not Signature.objects.exists()


def test_sign_publish_and_read_in_public(world):
    statement = approved_statement(world, approval_category(world))
    response = world.client("member").post(
        url(world, "sign", statement_id=statement.id),
        {
            "membership_id": world.memberships["member"].id,
            "mode": "logo",
            "text_hash": statement.locked_hash,
            "logo": SimpleUploadedFile("logo.png", logo_png(), content_type="image/png"),
        },
    )
    assert response.status_code == 302
    assert SignatoryLogo.objects.get().membership == world.memberships["member"]
    sign_as(world, "steering", statement)
    sign_as(world, "chair", statement, mode="unnamed")
    response = world.client("steering").post(url(world, "publish", statement_id=statement.id))
    assert response.status_code == 302
    public = world.client("anonymous").get(url(world, "public", statement_id=statement.id))
    body = public.content.decode()
    assert public.status_code == 200 and statement.locked_hash in body
    assert "Signed by 3 member organisations." in body and "Justice Watch" in body
    # members-only and counted-but-unnamed organisations are not named in public
    assert "Open Hands Network" not in body and "Women Police Association" not in body
    members = world.client("member").get(url(world, "public", statement_id=statement.id))
    assert "Open Hands Network" in members.content.decode()


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is not installed")
def test_the_pdf_has_the_text_hash_and_signatories(world):
    statement = approved_statement(world, approval_category(world))
    sign_as(world, "steering", statement)
    sign_as(world, "chair", statement, mode="unnamed")
    from coalesce.statements import services

    services.publish_statement(actor(world, "steering"), statement.id)
    response = world.client("anonymous").get(url(world, "pdf", statement_id=statement.id))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "independent" in text and "Justice Watch" in text
    assert statement.locked_hash[:32] in text.replace("\n", "")
    assert "2 member organisations" in text and "Women Police Association" not in text


def test_drafts_are_for_members_only(world):
    statement = _draft(world)
    assert world.client("outsider").get(
        url(world, "statement", statement_id=statement.id)
    ).status_code in (403, 404)
    assert (
        world.client("anonymous").get(url(world, "public", statement_id=statement.id)).status_code
        == 404
    )


def test_the_steering_committee_opens_the_text_for_editing_again(world):
    statement = approved_statement(world, approval_category(world))
    world.client("steering").post(url(world, "reopen", statement_id=statement.id))
    statement.refresh_from_db()
    assert statement.status == StatementStatus.DRAFT
    page = world.client("member").get(url(world, "statement", statement_id=statement.id))
    assert SIGNING_TEXT.split("**")[0] in page.content.decode()


def test_publishing_with_no_signature_says_why(world):
    statement = approved_statement(world, approval_category(world))
    response = world.client("steering").post(url(world, "publish", statement_id=statement.id))
    assert response.status_code == 409
    assert "No member has signed this text yet." in response.content.decode()
    statement.refresh_from_db()
    assert statement.status == StatementStatus.SIGNING


def test_a_statement_asks_for_a_spokesperson_with_its_title_filled_in(world):
    statement = approved_statement(world, approval_category(world))
    steering = world.client("steering")
    page = steering.get(url(world, "statement", statement_id=statement.id)).content.decode()
    link = reverse("spokespeople:request_create", args=[world.coalition.slug])
    assert f"{link}?kind=statement&amp;title=" in page
    form = steering.get(f"{link}?kind=statement&title={statement.title}").content.decode()
    assert f'value="{statement.title}"' in form
    assert '<option value="statement" selected>' in form
    assert (
        "Ask for a spokesperson"
        not in (
            world.client("member").get(url(world, "statement", statement_id=statement.id))
        ).content.decode()
    )
