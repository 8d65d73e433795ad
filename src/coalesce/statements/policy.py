"""Who may see and do what with joint statements.

Members read drafts and comment while the comment window is open; the author (an active
member) or the steering committee edit a draft and lock it for approval; the steering
committee opens an approved text for editing again (every signature then waits for
re-consent); each active member signs for its own membership (the people of a member
organisation act for it); the steering committee or an admin publishes. A published
statement is public to whoever may see the coalition.
"""

from coalesce.coalitions.policy import (
    Role,
    active_member,
    coalition_policy,
    member_level,
    steering,
    steering_or_admin,
)
from coalesce.statements.models import StatementStatus


def _in(*statuses):
    def check(statement) -> bool:
        return statement is not None and statement.status in statuses

    return check


_draft = _in(StatementStatus.DRAFT)
_signing = _in(StatementStatus.SIGNING)
_open_for_signature = _in(StatementStatus.SIGNING, StatementStatus.PUBLISHED)
_published = _in(StatementStatus.PUBLISHED)


def _author_or_steering(actor, statement) -> bool:
    if not _draft(statement):
        return False
    return actor.has(Role.STEERING) or (
        actor.has(Role.MEMBER) and actor.user is not None and statement.author_id == actor.user.id
    )


RULES = {
    "statements.list": member_level,
    "statement.view": member_level,
    "statements.create": active_member,
    "statement.edit": _author_or_steering,
    "statement.comment": lambda a, s: active_member(a) and _draft(s),
    "statement.lock": _author_or_steering,
    "statement.reopen": lambda a, s: steering(a) and _signing(s),
    "statement.sign": lambda a, s: active_member(a) and _open_for_signature(s),
    "statement.publish": lambda a, s: steering_or_admin(a) and _signing(s),
    "statement.public": lambda a, s: _published(s),
}

POLICY = coalition_policy("statements", RULES, hidden_when_refused={"statement.public"})
allows = POLICY.allows
require = POLICY.require
