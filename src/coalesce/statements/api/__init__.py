"""JSON operations for statements, mounted under /coalitions (paths /{slug}/statements…).

The same services and selectors as the pages: a draft's versions and comments, locking
for approval, signing (409 when the SHA-256 sent is not the locked text's), publishing,
and the published statement for anybody who may see the coalition. Signatories are
named as their members consented and as far as the caller may see them; the count
includes everyone who consented."""

import base64
import binascii
from datetime import datetime

from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Schema, Status

from coalesce.accounts.api_auth import operations
from coalesce.coalitions.access import api_actor
from coalesce.core.api import Body, Id, PathId, Slug, Text
from coalesce.core.errors import DomainError
from coalesce.core.unchanged import UNCHANGED
from coalesce.statements import selectors, services
from coalesce.statements.limits import MAX_COMMENT, MAX_LOGO_BASE64, MAX_TEXT, MAX_TITLE

ops = operations("statements")
router = ops.router


class StatementLogoOut(Schema):
    name: str
    logo_url: str = Field(description="The PNG shown beside the name (a page address).")


class StatementSignatoriesOut(Schema):
    names: list[str] = Field(description="Named signatories the caller may see, sorted.")
    logos: list[StatementLogoOut] = Field(description="Those of them signed with their logo.")
    count: int = Field(description="Every member that consented to the locked text.")
    awaiting_reconsent: int = Field(description="Signatures of an earlier text.")


class StatementRow(Schema):
    id: int
    title: str
    status: str = Field(description="draft, approval, signing or published")
    locked_hash: str = Field(description="SHA-256 of the locked text ('' before locking).")
    created_at: datetime
    published_at: datetime | None = None


class StatementCommentOut(Schema):
    id: int
    author: str
    body: str
    created_at: datetime


class StatementVersionOut(Schema):
    number: int
    text: str
    author: str
    created_at: datetime
    comments: list[StatementCommentOut]


class StatementOut(StatementRow):
    comment_days: int
    comment_window_closes: datetime
    proposal_id: int | None = None
    output_id: int | None = Field(None, description="Published: its credit output.")
    locked_text: str | None = None
    versions: list[StatementVersionOut]
    signatories: StatementSignatoriesOut


class PublishedStatementOut(StatementRow):
    text: str
    signatories: StatementSignatoriesOut
    acknowledgement: str = Field(description="The acknowledgement line (credit), or empty.")


def _decoded_logo(text) -> bytes | None:
    if text is None:
        return None
    try:
        return base64.b64decode(text, validate=True)
    except binascii.Error:
        raise DomainError(_("The logo must be base64-encoded."), "logo_base64") from None


def _signatories(actor, statement) -> dict:
    found = selectors.signatories(actor, statement)
    slug = actor.coalition.slug
    return {
        "names": [s.name for s in found.names],
        "logos": [
            {
                "name": s.name,
                "logo_url": reverse("statements:logo", args=[slug, statement.id, s.signature_id]),
            }
            for s in found.names
            if s.logo
        ],
        "count": found.count,
        "awaiting_reconsent": found.awaiting,
    }


def _row(statement) -> dict:
    return {
        f: getattr(statement, f)
        for f in ("id", "title", "status", "locked_hash", "created_at", "published_at")
    }


def _comment(comment) -> dict:
    return {
        "id": comment.id,
        "author": comment.author_label,
        "body": comment.body,
        "created_at": comment.created_at,
    }


def _detail(actor, statement) -> dict:
    versions = selectors.versions(statement)
    return {
        **_row(statement),
        "comment_days": statement.comment_days,
        "comment_window_closes": selectors.comment_window_closes(statement, versions[0]),
        "proposal_id": statement.proposal_id,
        "output_id": statement.output_id,
        "locked_text": statement.locked_version.text if statement.locked_version_id else None,
        "versions": [
            {
                "number": v.number,
                "text": v.text,
                "author": v.author_label,
                "created_at": v.created_at,
                "comments": [_comment(c) for c in v.comments.all()],
            }
            for v in versions
        ],
        "signatories": _signatories(actor, statement),
    }


def _detail_of(request, slug, statement_id) -> dict:
    actor = request.actor
    return _detail(actor, selectors.statement(actor, statement_id))


class StatementIn(Body):
    title: Text(MAX_TITLE)
    text: Text(MAX_TEXT)
    comment_days: int = Field(3, description="Working days (Mon–Fri) to comment, 0–15.")


class StatementPatch(Body):
    title: Text(MAX_TITLE) | None = None
    text: Text(MAX_TEXT) | None = Field(None, description="A changed text is a new version.")


class StatementCommentIn(Body):
    body: Text(MAX_COMMENT)


class StatementLockIn(Body):
    category_id: Id = Field(description="The decision category whose rule approves the text.")


class StatementSignIn(Body):
    membership_id: Id = Field(description="Your own active membership.")
    mode: Text(10) = Field(description="named, logo, alias or unnamed")
    text_hash: Text(64) = Field(description="SHA-256 of the text you read (locked_hash).")
    logo_base64: Text(MAX_LOGO_BASE64) | None = Field(
        None, description="Your logo, a PNG or JPEG of at most 512 KB, base64-encoded."
    )


@ops.get(
    "/{slug}/statements",
    list[StatementRow],
    description="Policy action `statements.list` (members): the coalition's statements.",
)
def list_statements(request, slug: Slug):
    return [_row(s) for s in selectors.statements(api_actor(request, slug))]


@ops.post(
    "/{slug}/statements",
    StatementOut,
    status=201,
    description="Policy action `statements.create` (active members): a new draft.",
)
def create_statement(request, slug: Slug, payload: StatementIn):
    actor = api_actor(request, slug)
    statement = services.create_statement(actor, **payload.dict())
    return Status(201, _detail(actor, statement))


@ops.get(
    "/{slug}/statements/{statement_id}",
    StatementOut,
    description="Policy action `statement.view` (members): versions, comments, signatories.",
)
def get_statement(request, slug: Slug, statement_id: PathId):
    api_actor(request, slug)
    return _detail_of(request, slug, statement_id)


@ops.patch(
    "/{slug}/statements/{statement_id}",
    StatementOut,
    description="Policy action `statement.edit` (the author or the steering committee, "
    "while a draft). Omitted fields keep their value.",
)
def edit_statement(request, slug: Slug, statement_id: PathId, payload: StatementPatch):
    actor = api_actor(request, slug)
    changes = {k: (UNCHANGED if v is None else v) for k, v in payload.dict().items()}
    services.edit_statement(actor, statement_id, **changes)
    return _detail_of(request, slug, statement_id)


@ops.post(
    "/{slug}/statements/{statement_id}/comments",
    StatementOut,
    status=201,
    description="Policy action `statement.comment` (active members, during the comment "
    "window; 409 after it).",
)
def comment_on_statement(request, slug: Slug, statement_id: PathId, payload: StatementCommentIn):
    actor = api_actor(request, slug)
    services.add_comment(actor, statement_id, body=payload.body)
    return Status(201, _detail_of(request, slug, statement_id))


@ops.post(
    "/{slug}/statements/{statement_id}/lock",
    StatementOut,
    description="Policy action `statement.lock`: lock the text and open a decision on it "
    "in the category (409 while members may still comment, or without a rule).",
)
def lock_statement(request, slug: Slug, statement_id: PathId, payload: StatementLockIn):
    actor = api_actor(request, slug)
    services.lock_statement(actor, statement_id, category_id=payload.category_id)
    return _detail_of(request, slug, statement_id)


@ops.post(
    "/{slug}/statements/{statement_id}/signatures",
    StatementOut,
    description="Policy action `statement.sign` (active members, for their own membership). "
    "409 when `text_hash` is not the locked text's: nothing is signed.",
)
def sign_statement(request, slug: Slug, statement_id: PathId, payload: StatementSignIn):
    actor = api_actor(request, slug)
    fields = payload.dict()
    logo = _decoded_logo(fields.pop("logo_base64"))
    services.sign(actor, statement_id, **fields, logo=logo)
    return _detail_of(request, slug, statement_id)


@ops.post(
    "/{slug}/statements/{statement_id}/reopen",
    StatementOut,
    description="Policy action `statement.reopen` (steering committee): a draft again.",
)
def reopen_statement(request, slug: Slug, statement_id: PathId):
    actor = api_actor(request, slug)
    services.reopen_statement(actor, statement_id)
    return _detail_of(request, slug, statement_id)


@ops.post(
    "/{slug}/statements/{statement_id}/publish",
    StatementOut,
    description="Policy action `statement.publish` (steering committee or admins).",
)
def publish_statement(request, slug: Slug, statement_id: PathId):
    actor = api_actor(request, slug)
    services.publish_statement(actor, statement_id)
    return _detail_of(request, slug, statement_id)


@ops.get(
    "/{slug}/statements/{statement_id}/public",
    PublishedStatementOut,
    anonymous=True,
    description="Policy action `statement.public`: a published statement, for anybody who "
    "may see the coalition.",
)
def get_published_statement(request, slug: Slug, statement_id: PathId):
    actor = api_actor(request, slug)
    statement = selectors.published(actor, statement_id)
    return {
        **_row(statement),
        "text": statement.locked_version.text,
        "signatories": _signatories(actor, statement),
        "acknowledgement": selectors.acknowledgement(actor, statement),
    }
