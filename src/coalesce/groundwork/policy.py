"""Who may see and change a coalition's groundwork (prospective partners, challenges).

Built on the coalition's roles, same ``allows``/``require`` shape as the other
domains. Members read the register; the steering committee and admins keep it.
"""

from coalesce.coalitions.policy import coalition_policy, member_level, steering, steering_or_admin

RULES = {
    "groundwork.view": member_level,
    "groundwork.edit": steering_or_admin,
    # Carrying a training session's work into this coalition (it changes its charter
    # guidance, partners and register): the people who keep the charter.
    "groundwork.import": steering_or_admin,
    # Inviting a partner sends an invitation to join (the same people who may invite).
    "partner.invite": steering_or_admin,
    # Making a partner a member at once, like approving its application: the steering
    # committee.
    "partner.convert": steering,
}


POLICY = coalition_policy("groundwork", RULES)
allows = POLICY.allows
require = POLICY.require
