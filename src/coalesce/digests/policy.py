"""Who may have a digest: an active member's person (the choice is their own, like the
"count me, but do not name me" preference of updates)."""

from coalesce.coalitions.policy import Role, coalition_policy

RULES = {
    "digest.choose": lambda a, o=None: a.has(Role.MEMBER) and bool(a.person_ids),
}

POLICY = coalition_policy("digests", RULES)
allows = POLICY.allows
require = POLICY.require
