"""Who may read, answer and run a coalition's health checks.

Members (and staff) read the results, which are only ever aggregates of at least
``MIN_ANSWERS`` anonymous answers. Each active member's person answers a wave once. The
steering committee and admins open and close waves and turn a theme of concern into a
conflict-register item or a task.
"""

from coalesce.coalitions.policy import Role, coalition_policy, member_level, steering_or_admin


def _answers(actor, obj=None) -> bool:
    """A person of an active member (whether the wave is open is the service's to say)."""
    return actor.has(Role.MEMBER) and bool(actor.person_ids)


RULES = {
    "health.view": member_level,
    "health.answer": _answers,
    "health.manage": steering_or_admin,
}

POLICY = coalition_policy("health", RULES)
allows = POLICY.allows
require = POLICY.require
