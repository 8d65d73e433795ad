"""Writes for joint statements: drafting, comments, locking for approval, the decision's
outcome, signatures, reopening and publication.

Same contract as every domain: keyword-only, validated, ``policy.require``, one
transaction, an audit record, ``DomainError`` subclasses with a safe message.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coalesce.audit import log
from coalesce.coalitions.models import Membership, MembershipStatus, Visibility
from coalesce.coalitions.services.audit import record_by
from coalesce.core.errors import Conflict, DomainError, NotFound
from coalesce.core.unchanged import UNCHANGED
from coalesce.core.validation import clean_choice, clean_text
from coalesce.credit import services as credit
from coalesce.credit.models import OutputKind
from coalesce.decisions import services as decisions
from coalesce.decisions.models import Outcome
from coalesce.statements import policy, rules
from coalesce.statements.limits import (
    DEFAULT_COMMENT_DAYS,
    MAX_COMMENT,
    MAX_COMMENT_DAYS,
    MAX_TEXT,
    MAX_TITLE,
)
from coalesce.statements.logos import clean_logo
from coalesce.statements.models import (
    SignatoryLogo,
    Signature,
    SignatureMode,
    Statement,
    StatementComment,
    StatementStatus,
    StatementVersion,
)


def _clean_text(text):
    return rules.normalise(clean_text(text, "text", max_length=MAX_TEXT))


def _clean_days(value):
    try:
        days = int(value)
    except (TypeError, ValueError):
        days = -1
    if isinstance(value, bool) or not 0 <= days <= MAX_COMMENT_DAYS:
        raise DomainError(
            _("Give the comment window as 0 to %(max)d working days.") % {"max": MAX_COMMENT_DAYS},
            "comment_days",
        )
    return days


def statement_for_update(actor, statement_id) -> Statement:
    if isinstance(statement_id, bool) or not isinstance(statement_id, int):
        raise NotFound()
    statement = (
        Statement.objects.select_for_update()
        .filter(coalition=actor.coalition, pk=statement_id)
        .first()
    )
    if statement is None or not policy.allows(actor, "statement.view", statement):
        raise NotFound()
    return statement


def latest_version(statement) -> StatementVersion:
    return statement.versions.order_by("-number").first()


def _add_version(statement, actor, text, now) -> StatementVersion:
    latest = latest_version(statement)
    return StatementVersion.objects.create(
        statement=statement,
        number=(latest.number + 1) if latest else 1,
        text=text,
        author=actor.user,
        created_at=now,
    )


@transaction.atomic
def create_statement(actor, *, title, text, comment_days=DEFAULT_COMMENT_DAYS, now=None):
    """A new draft (version 1), open for comments for ``comment_days`` working days."""
    policy.require(actor, "statements.create")
    title = clean_text(title, "title", max_length=MAX_TITLE)
    text = _clean_text(text)
    days = _clean_days(comment_days)
    statement = Statement.objects.create(
        coalition=actor.coalition, title=title, comment_days=days, author=actor.user
    )
    _add_version(statement, actor, text, now or timezone.now())
    record_by(actor, "statement.create", statement)
    return statement


@transaction.atomic
def edit_statement(actor, statement_id, *, text=UNCHANGED, title=UNCHANGED, now=None):
    """Change a draft: a new text makes a new version (its comment window starts again);
    the same text makes none."""
    statement = statement_for_update(actor, statement_id)
    policy.require(actor, "statement.edit", statement)
    if title is not UNCHANGED:
        statement.title = clean_text(title, "title", max_length=MAX_TITLE)
        statement.save(update_fields=["title"])
    if text is not UNCHANGED:
        text = _clean_text(text)
        if text != latest_version(statement).text:
            _add_version(statement, actor, text, now or timezone.now())
    record_by(actor, "statement.edit", statement)
    return statement


def comment_window_open(statement, version, now=None) -> bool:
    moment = timezone.localtime(version.created_at)
    return rules.comment_window_open(
        moment, statement.comment_days, timezone.localtime(now or timezone.now())
    )


@transaction.atomic
def add_comment(actor, statement_id, *, body, now=None) -> StatementComment:
    """A comment on the current version, while its comment window is open."""
    statement = statement_for_update(actor, statement_id)
    policy.require(actor, "statement.comment", statement)
    body = clean_text(body, "body", max_length=MAX_COMMENT)
    version = latest_version(statement)
    if not comment_window_open(statement, version, now):
        raise Conflict(_("The comment window for this version has closed."), "body")
    comment = StatementComment.objects.create(version=version, author=actor.user, body=body)
    record_by(actor, "statement.comment", statement)
    return comment


@transaction.atomic
def lock_statement(actor, statement_id, *, category_id, now=None) -> Statement:
    """Lock the current text (its SHA-256 is what members will sign) and send it for
    approval: a proposal in ``category_id``, opened under that category's rule."""
    statement = statement_for_update(actor, statement_id)
    policy.require(actor, "statement.lock", statement)
    version = latest_version(statement)
    if comment_window_open(statement, version, now):
        raise Conflict(_("Members may still comment: lock the text when the window ends."))
    digest = rules.text_hash(version.text)
    body = f"{version.text}\n\n---\n\n{_('SHA-256 of the text:')} `{digest}`"
    try:
        category_id = int(category_id)
    except (TypeError, ValueError):
        raise DomainError(_("Choose a decision category."), "category_id") from None
    proposal = decisions.create_proposal(
        actor,
        category_id=category_id,
        title=(_("Joint statement: %(title)s") % {"title": statement.title})[:200],
        body=body[:MAX_TEXT],
    )
    decisions.open_proposal(actor, proposal.id)
    statement.status = StatementStatus.APPROVAL
    statement.locked_version = version
    statement.locked_hash = digest
    statement.proposal = proposal
    statement.save(update_fields=["status", "locked_version", "locked_hash", "proposal"])
    record_by(actor, "statement.lock", statement)
    return statement


def proposal_decided(proposal) -> None:
    """``decisions.outcomes`` hook: adopted, the statement opens for signature; otherwise
    it is a draft again."""
    statement = (
        Statement.objects.select_for_update()
        .filter(proposal=proposal, status=StatementStatus.APPROVAL)
        .first()
    )
    if statement is None:
        return
    adopted = proposal.outcome == Outcome.ADOPTED
    statement.status = StatementStatus.SIGNING if adopted else StatementStatus.DRAFT
    statement.save(update_fields=["status"])
    log.record(
        actor=None,
        action="statement.approved" if adopted else "statement.not_approved",
        obj=statement,
        coalition=statement.coalition,
    )


def _signing_membership(actor, membership_id) -> Membership:
    if isinstance(membership_id, bool) or not isinstance(membership_id, int):
        raise DomainError(_("Choose the member you sign for."), "membership_id")
    membership = Membership.objects.filter(
        coalition=actor.coalition, pk=membership_id, status=MembershipStatus.ACTIVE
    ).first()
    if membership is None or membership.id not in actor.own_membership_ids:
        raise DomainError(_("You can sign only for your own membership."), "membership_id")
    return membership


def _clean_mode(mode, membership) -> str:
    mode = clean_choice(mode, SignatureMode, "mode")
    if mode == SignatureMode.ALIAS and not membership.alias:
        raise DomainError(_("Your membership has no alias: choose another way."), "mode")
    if membership.visibility == Visibility.PSEUDONYMOUS and mode in (
        SignatureMode.NAMED,
        SignatureMode.LOGO,
    ):
        raise DomainError(
            _("Your membership is pseudonymous: sign under your alias or counted but unnamed."),
            "mode",
        )
    return mode


@transaction.atomic
def sign(actor, statement_id, *, membership_id, mode, text_hash, logo=None, now=None) -> Signature:
    """Sign the locked text for ``membership_id`` (one of the actor's own), shown as
    ``mode``. ``text_hash`` is the SHA-256 the signer read: if the text has changed since,
    409 and nothing is signed. Signing again replaces the signature (a re-consent).
    ``logo`` (the bytes of a PNG or JPEG) replaces the member's logo; signing "with our
    logo" needs one."""
    statement = statement_for_update(actor, statement_id)
    if statement.status in (StatementStatus.DRAFT, StatementStatus.APPROVAL):
        raise Conflict(
            _("The text is being changed or approved: you can sign it once it is approved."),
            "text_hash",
        )
    policy.require(actor, "statement.sign", statement)
    membership = _signing_membership(actor, membership_id)
    mode = _clean_mode(mode, membership)
    if str(text_hash or "").strip().lower() != statement.locked_hash:
        raise Conflict(
            _("The text has changed since you read it: read the text as it is now and sign it."),
            "text_hash",
        )
    cleaned = clean_logo(logo) if logo is not None else None
    has_logo = cleaned is not None or SignatoryLogo.objects.filter(membership=membership).exists()
    if mode == SignatureMode.LOGO and not has_logo:
        raise DomainError(
            _("Add your logo to sign with it, or choose to be named without it."), "logo"
        )
    if cleaned is not None:
        png, width, height = cleaned
        SignatoryLogo.objects.update_or_create(
            membership=membership, defaults={"png": png, "width": width, "height": height}
        )
        record_by(actor, "statement.logo", membership)
    signature, _created = Signature.objects.update_or_create(
        statement=statement,
        membership=membership,
        defaults={
            "mode": mode,
            "text_hash": statement.locked_hash,
            "signed_by": actor.user,
            "signed_at": now or timezone.now(),
        },
    )
    record_by(actor, "statement.sign", statement)
    return signature


@transaction.atomic
def reopen_statement(actor, statement_id) -> Statement:
    """Open an approved text for editing again: a draft once more; when a changed text is
    locked, every signature waits for its member's re-consent."""
    statement = statement_for_update(actor, statement_id)
    policy.require(actor, "statement.reopen", statement)
    statement.status = StatementStatus.DRAFT
    statement.save(update_fields=["status"])
    record_by(actor, "statement.reopen", statement)
    return statement


@transaction.atomic
def publish_statement(actor, statement_id, *, now=None) -> Statement:
    """Publish: the public page and PDF show the text, its SHA-256, the consenting
    signatories and the count. Members may still sign afterwards. The statement becomes
    a public output of the coalition (``credit``), for the contributions to it."""
    statement = statement_for_update(actor, statement_id)
    policy.require(actor, "statement.publish", statement)
    if not statement.signatures.filter(
        text_hash=statement.locked_hash, membership__status=MembershipStatus.ACTIVE
    ).exists():
        raise Conflict(_("No member has signed this text yet."))
    statement.status = StatementStatus.PUBLISHED
    statement.published_at = now or timezone.now()
    if statement.output_id is None:
        statement.output = credit.record_output(
            actor,
            title=statement.title,
            kind=OutputKind.STATEMENT,
            date=timezone.localdate(statement.published_at),
            is_public=True,
        )
    statement.save(update_fields=["status", "published_at", "output"])
    record_by(actor, "statement.publish", statement)
    return statement
