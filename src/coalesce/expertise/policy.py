"""Who may see and change a coalition's expertise: offers, needs, requests, responses.

Members read the directory and the requests (within membership visibility, applied by
the selectors); an active member lists what its own organisation offers and needs,
posts requests and answers others'; the steering committee may change any member's
list and close any request. Outsiders see nothing (404, like the rest of a coalition
they are not in).
"""

from coalesce.coalitions.models import MembershipStatus
from coalesce.coalitions.policy import (
    active_member,
    coalition_policy,
    member_level,
    steering,
)


def _keeps_list_of(actor, membership=None) -> bool:
    """The member's own people (while it is active), or the steering committee."""
    if membership is None:
        return active_member(actor) or steering(actor)
    own = membership.id in actor.own_membership_ids
    return steering(actor) or (own and membership.status == MembershipStatus.ACTIVE)


def _answers(actor, request=None) -> bool:
    """An active member answers a request of another member."""
    return active_member(actor) and (
        request is None or request.membership_id not in actor.own_membership_ids
    )


def _closes(actor, request=None) -> bool:
    """The member that asked, or the steering committee."""
    return request is not None and (
        steering(actor)
        or (active_member(actor) and request.membership_id in actor.own_membership_ids)
    )


RULES = {
    "expertise.view": member_level,
    "expertise.edit": _keeps_list_of,
    "expertise.request": active_member,
    "expertise.respond": _answers,
    "expertise.close": _closes,
}


POLICY = coalition_policy("expertise", RULES)
allows = POLICY.allows
require = POLICY.require
