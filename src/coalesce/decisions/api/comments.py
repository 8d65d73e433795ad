"""The discussion of a proposal. Comments are signed from their author's membership as
it is when read (``selectors.comments``, ``label_comments``)."""

from datetime import datetime

from ninja import Schema, Status

from coalesce.coalitions.access import api_actor
from coalesce.core.api import Body, PathId, Slug, Text
from coalesce.decisions import selectors, services
from coalesce.decisions.api.common import ops, reader


class CommentOut(Schema):
    id: int
    author_label: str
    body: str
    created_at: datetime
    is_mine: bool

    @staticmethod
    def resolve_is_mine(comment, context) -> bool:
        return selectors.is_me(reader(context), comment.author_id)


class CommentIn(Body):
    body: Text(10000)


@ops.get(
    "/{slug}/proposals/{proposal_id}/comments",
    list[CommentOut],
    description="Policy action `proposal.view`.",
)
def list_comments(request, slug: Slug, proposal_id: PathId):
    actor = api_actor(request, slug)
    return selectors.comments(selectors.proposal(actor, proposal_id))


@ops.post(
    "/{slug}/proposals/{proposal_id}/comments",
    CommentOut,
    status=201,
    description="Policy action `proposal.comment`. Signed with your shown name, or your "
    "alias if your membership is pseudonymous.",
)
def add_comment(request, slug: Slug, proposal_id: PathId, payload: CommentIn):
    actor = api_actor(request, slug)
    comment = services.add_comment(actor, proposal_id, body=payload.body)
    (comment,) = selectors.label_comments(actor.coalition.id, [comment])
    return Status(201, comment)
