"""The statement pipeline through its services: draft → comments → lock → approval under
the category's rule → signatures → publication; re-consent after a change."""

from datetime import timedelta

import pytest
from django.utils import timezone

from coalesce.audit.models import AuditEvent
from coalesce.core.errors import Conflict, DomainError, Forbidden, NotFound
from coalesce.decisions.models import ProposalStatus
from coalesce.statements import rules, selectors, services
from coalesce.statements.models import Signature, StatementStatus
from tests.support.authz import database_snapshot
from tests.support.statements import (
    SIGNING_TEXT,
    actor,
    approval_category,
    approve,
    approved_statement,
    sign_as,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def category(world):
    return approval_category(world)


def test_each_edit_makes_a_version_and_the_same_text_none(world):
    member = actor(world, "member")
    statement = services.create_statement(member, title="T", text="One")
    services.edit_statement(member, statement.id, text="Two\r\nlines")
    services.edit_statement(member, statement.id, text="Two\nlines", title="T2")
    versions = selectors.versions(statement)
    assert [(v.number, v.text) for v in versions] == [(2, "Two\nlines"), (1, "One")]
    statement.refresh_from_db()
    assert statement.title == "T2"
    assert AuditEvent.objects.filter(action="statement.edit").count() == 2


def test_only_the_author_or_the_steering_committee_edit(world):
    statement = services.create_statement(actor(world, "member"), title="T", text="One")
    with pytest.raises(Forbidden):
        services.edit_statement(actor(world, "chair"), statement.id, text="Mine now")
    services.edit_statement(actor(world, "steering"), statement.id, text="Steered")
    assert statement.versions.count() == 2


def test_comments_only_within_the_window_of_working_days(world):
    statement = services.create_statement(actor(world, "member"), title="T", text="One")
    version = statement.versions.get()
    chair = actor(world, "chair")
    services.add_comment(chair, statement.id, body="Fine.")
    after = rules.add_working_days(timezone.localtime(version.created_at), 3)
    with pytest.raises(Conflict):
        services.add_comment(chair, statement.id, body="Late.", now=after)
    services.add_comment(chair, statement.id, body="Just in time.", now=after - timedelta(1))
    assert version.comments.count() == 2


def test_no_lock_while_members_may_comment(world, category):
    member = actor(world, "member")
    statement = services.create_statement(member, title="T", text="One")
    with pytest.raises(Conflict):
        services.lock_statement(member, statement.id, category_id=category.id)
    later = timezone.now() + timedelta(days=10)
    services.lock_statement(member, statement.id, category_id=category.id, now=later)
    statement.refresh_from_db()
    assert statement.status == StatementStatus.APPROVAL


def test_locking_opens_a_decision_under_the_category_rule(world, category):
    member = actor(world, "member")
    statement = services.create_statement(member, title="T", text=SIGNING_TEXT, comment_days=0)
    services.lock_statement(member, statement.id, category_id=category.id)
    statement.refresh_from_db()
    assert statement.locked_hash == rules.text_hash(SIGNING_TEXT)
    proposal = statement.proposal
    assert proposal.status == ProposalStatus.OPEN
    assert proposal.category == category and proposal.rule.method == "consent"
    assert statement.locked_hash in proposal.body
    with pytest.raises(Forbidden):  # locked: no more edits
        services.edit_statement(member, statement.id, text="Sneaky")


def test_a_category_without_a_rule_locks_nothing(world):
    from coalesce.decisions import services as decide

    member = actor(world, "member")
    bare = decide.create_category(actor(world, "steering"), name="No rule yet")
    statement = services.create_statement(member, title="T", text="x", comment_days=0)
    with pytest.raises(Conflict):
        services.lock_statement(member, statement.id, category_id=bare.id)
    statement.refresh_from_db()
    assert statement.status == StatementStatus.DRAFT and statement.proposal is None


def test_adopted_opens_for_signature_and_rejected_is_a_draft_again(world, category):
    adopted = approved_statement(world, category)
    assert adopted.status == StatementStatus.SIGNING
    member = actor(world, "member")
    other = services.create_statement(member, title="U", text="No", comment_days=0)
    services.lock_statement(member, other.id, category_id=category.id)
    other.refresh_from_db()
    approve(world, other, position="object", reason="Too strong.")
    assert other.status == StatementStatus.DRAFT


def test_signing_records_the_hash_consented_to(world, category):
    statement = approved_statement(world, category)
    signature = sign_as(world, "member", statement, mode="logo")
    assert signature.text_hash == statement.locked_hash
    found = selectors.signatories(actor(world, "member"), statement)
    ((signatory),) = found.names
    assert found.count == 1 and signatory.name == "Open Hands Network" and signatory.logo


def test_a_stale_hash_is_a_409_and_changes_nothing(world, category):
    statement = approved_statement(world, category)
    before = database_snapshot()
    with pytest.raises(Conflict) as raised:
        services.sign(
            actor(world, "member"),
            statement.id,
            membership_id=world.memberships["member"].id,
            mode="named",
            text_hash=rules.text_hash("an older text"),
        )
    assert raised.value.field == "text_hash"
    assert database_snapshot() == before


def test_one_signs_only_for_ones_own_membership(world, category):
    statement = approved_statement(world, category)
    with pytest.raises(DomainError):
        services.sign(
            actor(world, "member"),
            statement.id,
            membership_id=world.memberships["chair"].id,
            mode="named",
            text_hash=statement.locked_hash,
        )
    with pytest.raises(NotFound):  # an outsider does not see drafts or signatures
        services.sign(
            actor(world, "outsider"),
            statement.id,
            membership_id=world.memberships["member"].id,
            mode="named",
            text_hash=statement.locked_hash,
        )
    assert not Signature.objects.exists()


def test_a_changed_text_sends_every_signature_back_to_re_consent(world, category):
    statement = approved_statement(world, category)
    sign_as(world, "member", statement)
    sign_as(world, "chair", statement, mode="unnamed")
    steering = actor(world, "steering")
    services.reopen_statement(steering, statement.id)
    services.edit_statement(steering, statement.id, text=SIGNING_TEXT + " Now.")
    services.lock_statement(steering, statement.id, category_id=category.id)
    statement.refresh_from_db()
    approve(world, statement)
    found = selectors.signatories(actor(world, "steering"), statement)
    assert (found.count, found.names, found.awaiting) == (0, [], 2)
    with pytest.raises(Conflict):
        services.publish_statement(steering, statement.id)
    sign_as(world, "member", statement)
    found = selectors.signatories(actor(world, "steering"), statement)
    assert (found.count, found.awaiting) == (1, 1)


def test_the_same_text_locked_again_keeps_its_signatures(world, category):
    statement = approved_statement(world, category)
    sign_as(world, "member", statement)
    steering = actor(world, "steering")
    services.reopen_statement(steering, statement.id)
    services.lock_statement(steering, statement.id, category_id=category.id)
    statement.refresh_from_db()
    approve(world, statement)
    assert selectors.signatories(steering, statement).count == 1


def test_no_signing_while_the_text_is_being_changed(world, category):
    statement = approved_statement(world, category)
    services.reopen_statement(actor(world, "steering"), statement.id)
    with pytest.raises(Conflict):
        sign_as(world, "member", statement)


def test_modes_must_fit_the_membership(world, category):
    from coalesce.coalitions.models import Visibility

    statement = approved_statement(world, category)
    with pytest.raises(DomainError):  # no alias
        sign_as(world, "member", statement, mode="alias")
    with pytest.raises(DomainError):
        sign_as(world, "member", statement, mode="anonymous")
    membership = world.memberships["member"]
    membership.visibility, membership.alias = Visibility.PSEUDONYMOUS, "Quiet Hands"
    membership.save()
    with pytest.raises(DomainError):  # a pseudonymous member is never named
        sign_as(world, "member", statement, mode="named")
    sign_as(world, "member", statement, mode="alias")
    (shown,) = selectors.signatories(actor(world, "member"), statement).names
    assert (shown.name, shown.logo) == ("Quiet Hands", None)


def test_names_follow_consent_and_visibility(world, category):
    statement = approved_statement(world, category)
    sign_as(world, "member", statement)  # visibility: members
    sign_as(world, "steering", statement)  # public
    sign_as(world, "chair", statement, mode="unnamed")
    services.publish_statement(actor(world, "admin"), statement.id)
    as_member = selectors.signatories(actor(world, "member"), statement)
    assert [s.name for s in as_member.names] == ["Justice Watch", "Open Hands Network"]
    anonymous = selectors.signatories(actor(world, "anonymous"), statement)
    assert ([s.name for s in anonymous.names], anonymous.count) == (["Justice Watch"], 3)
    assert anonymous.names[0].logo is None


def test_publishing_needs_a_signature_and_the_steering_committee(world, category):
    statement = approved_statement(world, category)
    with pytest.raises(Conflict):
        services.publish_statement(actor(world, "steering"), statement.id)
    sign_as(world, "member", statement)
    with pytest.raises(Forbidden):
        services.publish_statement(actor(world, "member"), statement.id)
    services.publish_statement(actor(world, "steering"), statement.id)
    statement.refresh_from_db()
    assert statement.status == StatementStatus.PUBLISHED and statement.published_at


def test_bad_input_is_refused_with_its_field(world):
    member = actor(world, "member")
    for kwargs, field in [
        ({"title": "", "text": "x"}, "title"),
        ({"title": "T", "text": ""}, "text"),
        ({"title": "T", "text": "x", "comment_days": 99}, "comment_days"),
        ({"title": "T", "text": "x", "comment_days": True}, "comment_days"),
    ]:
        with pytest.raises(DomainError) as raised:
            services.create_statement(member, **kwargs)
        assert raised.value.field == field
