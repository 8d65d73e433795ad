"""An organisation that signs "counted but unnamed" is in the published count and in no
statements page, PDF, API answer or e-mail — for any role, even though its membership
is public. A marker is planted in its name and its person's, and everything is searched."""

import shutil

import pytest
from django.core import mail
from django.urls import reverse

from coalesce.coalitions.models import Visibility
from tests.support import factories as f
from tests.support.api import api_as
from tests.support.authz import ALL
from tests.support.statements import actor, approved_statement, sign_as
from tests.support.statements import statement_targets as build_statements

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_hashing")]

ORG = "MARKER-UNNAMED-SIGNER-5b9e"
PERSON = "MARKER-UNNAMED-PERSON-a71c"


@pytest.fixture
def planted(world, django_capture_on_commit_callbacks):
    from coalesce.decisions.models import Category
    from coalesce.statements import services

    with django_capture_on_commit_callbacks(execute=True):
        ids = build_statements(world)
        user = f.make_user("unnamed@example.org", PERSON)
        world.users["unnamed"] = user
        world.memberships["unnamed"] = f.make_member(
            world.coalition, user=user, name=ORG, person_name=PERSON, visibility=Visibility.PUBLIC
        )
        category = Category.objects.get(pk=ids["statement_category"])
        statement = approved_statement(world, category, title="Unnamed", text="Count us.")
        sign_as(world, "member", statement)
        sign_as(world, "unnamed", statement, mode="unnamed")
        services.publish_statement(actor(world, "steering"), statement.id)
        # and one that stays open for signature, signed by it too
        open_one = approved_statement(world, category, title="Still open", text="Sign us.")
        sign_as(world, "unnamed", open_one, mode="unnamed")
    return {**ids, "marked": statement.id, "marked_open": open_one.id}


def statement_urls(world, planted) -> list[str]:
    slug = world.coalition.slug
    urls = [reverse("statements:list", args=[slug]), reverse("statements:new", args=[slug])]
    for key in ("statement_draft", "statement_signing", "statement_published", "marked"):
        for name in ("statement", "sign", "public"):
            urls.append(reverse(f"statements:{name}", args=[slug, planted[key]]))
    urls.append(reverse("statements:statement", args=[slug, planted["marked_open"]]))
    urls.append(reverse("statements:sign", args=[slug, planted["marked_open"]]))
    return urls


def assert_clean(where, text):
    for marker in (ORG, PERSON):
        assert marker.lower() not in text.lower(), f"{marker} at {where}"


def test_the_unnamed_signer_is_counted(world, planted):
    from coalesce.statements import selectors
    from coalesce.statements.models import Statement

    statement = Statement.objects.get(pk=planted["marked"])
    for role in sorted(ALL):
        found = selectors.signatories(actor(world, role), statement)
        assert found.count == 2 and len(found.names) <= 1


@pytest.mark.parametrize("role", sorted(ALL))
def test_no_page_or_answer_names_it(role, world, planted):
    client = world.client(role)
    pages = 0
    for url in statement_urls(world, planted):
        response = client.get(url, follow=True)
        pages += response.status_code == 200
        assert_clean(f"{role} {url}", response.content.decode())
    assert pages
    api = api_as(world, role)
    base = f"/coalitions/{world.coalition.slug}/statements"
    answers = [api.get(base)]
    for key in ("statement_draft", "statement_signing", "marked", "marked_open"):
        answers += [api.get(f"{base}/{planted[key]}"), api.get(f"{base}/{planted[key]}/public")]
    for answer in answers:
        assert_clean(f"{role} API", answer.content.decode())
    assert any(a.status_code == 200 for a in answers)


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is not installed")
@pytest.mark.parametrize("role", ["anonymous", "member", "steering", "custodian"])
def test_the_pdf_does_not_name_it(role, world, planted):
    from tests.statements.test_web import pdf_text

    url = reverse("statements:pdf", args=[world.coalition.slug, planted["marked"]])
    text = pdf_text(world.client(role).get(url).content)
    assert "2 member organisations" in text
    assert_clean(f"{role} PDF", text)


def test_no_e_mail_names_it(world, planted):
    for message in mail.outbox:
        assert_clean("e-mail", message.subject + message.body)
