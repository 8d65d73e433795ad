"""Who may see and change a coalition's groundwork (prospective partners, challenges).

Built on the coalition's roles, same ``allows``/``require`` shape as the other
domains. Members read the register; the steering committee and admins keep it.
"""

from coalesce.coalitions.policy import Actor, Role
from coalesce.core.errors import Forbidden, NotFound


def _member_level(actor: Actor, obj=None) -> bool:
    return actor.is_member_level


def _steering_or_admin(actor: Actor, obj=None) -> bool:
    return actor.has(Role.STEERING, Role.ADMIN)


RULES = {
    "groundwork.view": _member_level,
    "groundwork.edit": _steering_or_admin,
    # Carrying a training session's work into this coalition (it changes its charter
    # guidance, partners and register): the people who keep the charter.
    "groundwork.import": _steering_or_admin,
    # Inviting a partner sends an invitation to join (the same people who may invite).
    "partner.invite": _steering_or_admin,
    # Making a partner a member at once, like approving its application: the steering
    # committee.
    "partner.convert": lambda actor, obj=None: actor.has(Role.STEERING),
}


def allows(actor: Actor, action: str, obj=None) -> bool:
    return RULES[action](actor, obj)


def require(actor: Actor, action: str, obj=None) -> None:
    if allows(actor, action, obj):
        return
    if not actor.can_see_coalition:
        raise NotFound()
    raise Forbidden()
