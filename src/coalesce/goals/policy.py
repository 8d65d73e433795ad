"""Who may see and change a coalition's values, goals, indicators and tasks.

Active members (and staff) read everything. The steering committee and admins keep the
values, goals, indicators, periods and tasks. An indicator's actuals are reported by a
seat holder of the goal's committee (or the steering committee, admins) and approved or
returned by the steering committee or an admin — never by the update's own author
(``services.decide_update`` refuses that with 403). A seat holder of a task's committee
may move its status on.
"""

from coalesce.coalitions.policy import Role, coalition_policy, member_level, steering_or_admin


def _seat_holder(actor, obj=None) -> bool:
    """The steering committee and admins; an active member seated on the committee of
    ``obj`` (a goal or a task), or on any committee when there is no object yet."""
    if actor.has(Role.STEERING, Role.ADMIN):
        return True
    if not actor.has(Role.MEMBER):
        return False
    if obj is None:
        return bool(actor.committee_ids)
    return obj.committee_id is not None and obj.committee_id in actor.committee_ids


RULES = {
    "goals.view": member_level,
    "goals.manage": steering_or_admin,
    "goals.report": _seat_holder,
    "goals.approve": steering_or_admin,
    "goals.task_status": _seat_holder,
}

POLICY = coalition_policy("goals", RULES)
allows = POLICY.allows
require = POLICY.require
