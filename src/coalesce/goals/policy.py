"""Who may see and change a coalition's values, goals, indicators and tasks.

Active members (and staff) read everything. The steering committee and admins keep the
values, goals, indicators, periods and tasks. An indicator's actuals are reported by a
seat holder of the goal's committee (or the steering committee, admins) and approved or
returned by the steering committee or an admin — never by the update's own author
(``services.decide_update`` refuses that with 403). A seat holder of a task's committee
may move its status on.
"""

from coalesce.coalitions.policy import Role, coalition_policy, member_level, steering_or_admin


def _seated(actor, committee_id) -> bool:
    return committee_id is not None and committee_id in actor.committee_ids


def _reports(actor, goal=None) -> bool:
    if actor.has(Role.STEERING, Role.ADMIN):
        return True
    if goal is None:
        return bool(actor.committee_ids) and actor.has(Role.MEMBER)
    return actor.has(Role.MEMBER) and _seated(actor, goal.committee_id)


def _moves_task(actor, task=None) -> bool:
    if actor.has(Role.STEERING, Role.ADMIN):
        return True
    if task is None:
        return bool(actor.committee_ids) and actor.has(Role.MEMBER)
    return actor.has(Role.MEMBER) and _seated(actor, task.committee_id)


RULES = {
    "goals.view": member_level,
    "goals.manage": steering_or_admin,
    "goals.report": _reports,
    "goals.approve": steering_or_admin,
    "goals.task_status": _moves_task,
}

POLICY = coalition_policy("goals", RULES)
allows = POLICY.allows
require = POLICY.require
