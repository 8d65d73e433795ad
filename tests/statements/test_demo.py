"""The demo coalition's statements: one published (approved by a decision in its
category, one signatory counted but unnamed) and one draft under comment."""

import pytest

from coalesce.decisions.models import Outcome
from coalesce.demo import load
from coalesce.demo.coalition import DEMO_SLUG
from coalesce.statements.models import SignatureMode, Statement, StatementStatus
from coalesce.statements.selectors import signatories


@pytest.mark.django_db
def test_the_demo_has_a_published_statement_and_a_draft(client):
    from coalesce.coalitions.models import Coalition
    from coalesce.coalitions.policy import actor_for

    load.load()
    coalition = Coalition.objects.get(slug=DEMO_SLUG)
    published = Statement.objects.get(coalition=coalition, status=StatementStatus.PUBLISHED)
    assert published.proposal.outcome == Outcome.ADOPTED
    assert published.proposal.category.name == "Joint statements"
    assert published.versions.count() == 2
    assert published.signatures.filter(mode=SignatureMode.UNNAMED).count() == 1
    public = signatories(actor_for(None, coalition), published)
    assert public.count == 4 and len(public.names) < 4
    draft = Statement.objects.get(coalition=coalition, status=StatementStatus.DRAFT)
    assert draft.versions.get().comments.count() == 1
    page = client.get(f"/c/{DEMO_SLUG}/statements/{published.id}/public/")
    assert page.status_code == 200 and published.locked_hash in page.content.decode()
