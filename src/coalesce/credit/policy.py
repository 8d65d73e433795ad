"""Who may see and change a coalition's credit ledger.

Members read the outputs, their contributions and acknowledgement lines (each name as
the visibility rules let them see it). The steering committee and admins record outputs
and anyone's contributions; an active member records its own. The credit policy is the
steering committee's; how a contribution is credited (named, counted, none) is the
member's own choice (or a custodian's, who may act for a protected member). The equity
view is for members: the steering committee, admins and custodians see every row they
may list, a member only its own.
"""

from coalesce.coalitions.policy import Role, coalition_policy, member_level, steering


def _records(actor, membership=None) -> bool:
    if actor.has(Role.STEERING, Role.ADMIN):
        return True
    if not actor.has(Role.MEMBER):
        return False
    return membership is None or membership.id in actor.own_membership_ids


def _own_or_custodian(actor, membership=None) -> bool:
    if actor.has(Role.CUSTODIAN):
        return True
    if membership is None:
        return bool(actor.own_membership_ids)
    return membership.id in actor.own_membership_ids


def sees_every_row(actor) -> bool:
    """The equity view's rows of every member (as listed), not only one's own."""
    return actor.has(Role.STEERING, Role.ADMIN, Role.CUSTODIAN)


RULES = {
    "credit.view": member_level,
    "credit.record_output": lambda a, o=None: a.has(Role.STEERING, Role.ADMIN),
    "credit.contribute": _records,
    "credit.consent": _own_or_custodian,
    "credit.policy": steering,
    "credit.equity": member_level,
}

POLICY = coalition_policy("credit", RULES)
allows = POLICY.allows
require = POLICY.require
