"""Who may see and keep the coalition's spokespeople.

Members read the roster and the requests (masked by membership visibility, and without
the organisations that opted out for safety); the steering committee grants, renews and
ends mandates, asks for a voice and assigns one. An organisation answers its own
assignments and sets its own safety opt-out (the steering committee may do both for it).
"""

from coalesce.coalitions.policy import Role, coalition_policy, member_level, steering


def _own_or_steering(actor, membership_id) -> bool:
    return actor.has(Role.STEERING) or (
        membership_id is not None
        and membership_id in actor.own_membership_ids
        and actor.has(Role.MEMBER)
    )


RULES = {
    "spokespeople.view": member_level,
    "spokespeople.grant": steering,
    "spokespeople.request": steering,
    "spokespeople.answer": lambda a, assignment: _own_or_steering(
        a, getattr(assignment, "membership_id", None)
    ),
    "spokespeople.opt_out": lambda a, membership: _own_or_steering(
        a, getattr(membership, "id", None)
    ),
}


# Answering someone else's assignment: 404, not a confirmation that it exists.
POLICY = coalition_policy("spokespeople", RULES, hidden_when_refused={"spokespeople.answer"})
allows = POLICY.allows
require = POLICY.require


def knows_of(actor, membership_id) -> bool:
    """Whether the actor may know an organisation's private spokespeople facts — that it
    opted out (and its mandates then), that it was proposed and has not answered yet, that
    it declined: the organisation itself, the steering committee and custodians."""
    return actor.has(Role.STEERING, Role.CUSTODIAN) or membership_id in actor.own_membership_ids
