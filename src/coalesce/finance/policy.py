"""Who may see and keep a coalition's books.

Active members (and admins and custodians) read the ledger, the budget and the CSV:
category, budget line and amount, and the payee as the visibility rules allow. The
steering committee and admins record entries, accounts and budget lines. An expense
above the coalition's threshold is approved by steering committee members, never by the
person who recorded it. The steering committee keeps the rule (threshold, approvals
needed). An at-risk payee's name is shown to the steering committee and custodians
only; everyone else sees its alias. Outsiders see nothing (404).
"""

from coalesce.coalitions.policy import (
    Role,
    coalition_policy,
    member_level,
    steering,
    steering_or_admin,
)


def _approver(actor, entry=None) -> bool:
    """A steering committee member who did not record the entry."""
    if not steering(actor):
        return False
    if entry is None or entry.created_by_id is None or actor.user is None:
        return True
    return entry.created_by_id != actor.user.id


RULES = {
    "finance.view": member_level,
    "finance.export": member_level,
    "finance.record": steering_or_admin,
    "finance.approve": _approver,
    "finance.settings": steering,
    "finance.payee_identity": lambda a, o=None: a.has(Role.STEERING, Role.CUSTODIAN),
}


POLICY = coalition_policy("finance", RULES)
allows = POLICY.allows
require = POLICY.require
