"""Who may see and do what with decisions and conflicts.

Builds on the coalition's roles (``coalitions.policy.Actor``); the same ``allows`` /
``require`` shape, used by pages and the API alike.
"""

from coalesce.coalitions.policy import Actor, Role
from coalesce.core.errors import Forbidden, NotFound
from coalesce.decisions.models import ProposalStatus


def _member_level(actor: Actor, obj=None) -> bool:
    return actor.is_member_level


def _active_member(actor: Actor, obj=None) -> bool:
    return actor.has(Role.MEMBER)


def _steering_or_admin(actor: Actor, obj=None) -> bool:
    return actor.has(Role.STEERING, Role.ADMIN)


def _author_or_steering(actor: Actor, proposal) -> bool:
    if proposal is None or proposal.status != ProposalStatus.DRAFT:
        return False
    return actor.has(Role.STEERING) or (
        actor.user is not None and proposal.author_id == actor.user.id and actor.has(Role.MEMBER)
    )


def _may_see_conflict(actor: Actor, conflict) -> bool:
    if actor.has(Role.STEERING):
        return True
    user_id = actor.user.id if actor.user is not None else None
    return (
        conflict is not None
        and user_id is not None
        and (conflict.raised_by_id == user_id or conflict.owner_id == user_id)
    )


def _may_update_conflict(actor: Actor, conflict) -> bool:
    if actor.has(Role.STEERING):
        return True
    return conflict is not None and actor.user is not None and conflict.owner_id == actor.user.id


RULES = {
    "decisions.list": _member_level,
    "proposal.view": _member_level,
    "proposal.create": _active_member,
    "proposal.edit": _author_or_steering,
    "proposal.open": _author_or_steering,
    "proposal.comment": lambda a, p: (
        a.has(Role.MEMBER) and p is not None and p.status != ProposalStatus.CLOSED
    ),
    "proposal.close": lambda a, p: a.has(Role.STEERING),
    "proposal.vote": _active_member,  # and being in the electorate: checked by the service
    "categories.manage": _steering_or_admin,
    "rules.define": _steering_or_admin,
    "conflicts.list": _member_level,
    "conflicts.create": _active_member,
    "conflict.view": _may_see_conflict,
    "conflict.update": _may_update_conflict,
    "conflict.assign": lambda a, c: a.has(Role.STEERING),
}

# Refusals that must not confirm the target exists.
HIDDEN_WHEN_REFUSED = {"conflict.view", "conflict.update", "conflict.assign"}


def allows(actor: Actor, action: str, obj=None) -> bool:
    return RULES[action](actor, obj)


def require(actor: Actor, action: str, obj=None) -> None:
    if allows(actor, action, obj):
        return
    if not actor.can_see_coalition or action in HIDDEN_WHEN_REFUSED:
        raise NotFound()
    raise Forbidden()
