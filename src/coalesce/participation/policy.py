"""Who may see and record a member's part in the coalition.

The steering committee and admins see every member's part they may see listed (a member
they may not see listed is not found); a member sees its own record, conduct reviews
included (a transparent process is a fairer one); nobody else sees anyone's. The
steering committee sets the expectations and records conduct reviews. Every member reads
the expectations (they are on the charter).
"""

from coalesce.coalitions.policy import (
    coalition_policy,
    is_listed,
    member_level,
    steering,
    steering_or_admin,
)


def _listed(actor, membership) -> bool:
    return membership is None or is_listed(actor, membership)


def _member_record(actor, membership=None) -> bool:
    if not _listed(actor, membership):
        return False  # and not found: see ``coalition_policy``
    if steering_or_admin(actor):
        return True
    return membership is not None and membership.id in actor.own_membership_ids


def _reviews(actor, membership=None) -> bool:
    return steering(actor) and _listed(actor, membership)


RULES = {
    "participation.list": steering_or_admin,
    "participation.member": _member_record,
    "participation.expectations": member_level,
    "participation.set_expectations": steering,
    "participation.review": _reviews,
}

POLICY = coalition_policy("participation", RULES)
allows = POLICY.allows
require = POLICY.require
