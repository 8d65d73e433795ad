"""Who may see and do what with decisions and conflicts.

Builds on the coalition's roles (``coalitions.policy``) and the one engine
(``core.policy``); used by pages and the API alike.
"""

from coalesce.coalitions.policy import (
    Actor,
    Role,
    active_member,
    coalition_policy,
    member_level,
    steering,
    steering_or_admin,
)
from coalesce.decisions.models import ProposalStatus


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
    "decisions.list": member_level,
    "proposal.view": member_level,
    "proposal.create": active_member,
    "proposal.edit": _author_or_steering,
    "proposal.open": _author_or_steering,
    "proposal.comment": lambda a, p: (
        a.has(Role.MEMBER) and p is not None and p.status != ProposalStatus.CLOSED
    ),
    "proposal.close": steering,
    "proposal.vote": active_member,  # and being in the electorate: checked by the service
    "categories.manage": steering_or_admin,
    "rules.define": steering_or_admin,
    "conflicts.list": member_level,
    "conflicts.create": active_member,
    "conflict.view": _may_see_conflict,
    "conflict.update": _may_update_conflict,
    "conflict.assign": steering,
}

# Refusals that must not confirm the target exists.
POLICY = coalition_policy(
    "decisions", RULES, hidden_when_refused={"conflict.view", "conflict.update", "conflict.assign"}
)
allows = POLICY.allows
require = POLICY.require
