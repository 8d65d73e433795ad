"""The permission policy for training: the catalogue and a facilitator's own plans.

Same shape as ``coalitions.policy`` (``allows``/``require`` over named actions), but
the actor is a user rather than a coalition actor: training is not tied to a
coalition. Any signed-in person is a facilitator: they may read the catalogue and
make plans. A plan is seen and changed only by its owner; to anybody else it does not
exist (NotFound), so ids cannot be probed.
"""

from coalesce.core.policy import Policy, Rule


def _signed_in(user, obj=None) -> bool:
    return user is not None and getattr(user, "is_authenticated", False)


def _owner(user, plan) -> bool:
    return _signed_in(user) and plan is not None and plan.owner_id == user.id


def _facilitator(user, session) -> bool:
    return _signed_in(user) and session is not None and session.facilitator_id == user.id


RULES: dict[str, Rule] = {
    "catalogue.view": _signed_in,
    "plans.list": _signed_in,
    "plans.create": _signed_in,
    "fit": _signed_in,
    "plan.view": _owner,
    "plan.edit": _owner,
    "plan.delete": _owner,
    # Live sessions: opened from one's own plan, run and read by the facilitator only.
    # Participants are not users: they are let in by the join code and their token
    # (training.live.services.participant).
    "sessions.list": _signed_in,
    "sessions.open": _owner,
    "session.run": _facilitator,
    "session.results": _facilitator,
}


# Every refusal is NotFound: another person's plan or session must not be confirmed.
POLICY = Policy("training", RULES, hidden_when_refused=RULES)
allows = POLICY.allows
require = POLICY.require
