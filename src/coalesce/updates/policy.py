"""Who may see, post and answer updates.

Built on the coalition's roles (``coalitions.policy``); the posting rule itself is the
pure ``rules.may_post``. An update to the whole coalition is read by every member-level
role; one to a committee by its seat holders and the steering committee only.
"""

from coalesce.coalitions.policy import Actor, Role, coalition_policy, member_level, steering
from coalesce.updates import rules
from coalesce.updates.models import UpdateSettings


def members_may_post(coalition) -> bool:
    return UpdateSettings.objects.filter(coalition=coalition, members_may_post=True).exists()


def poster(actor: Actor) -> rules.Poster:
    return rules.Poster(
        steering=actor.has(Role.STEERING),
        admin=actor.has(Role.ADMIN),
        active_member=actor.has(Role.MEMBER),
        committee_ids=frozenset(actor.committee_ids),
    )


def sees_update(actor: Actor, update) -> bool:
    if update is None or update.coalition_id != actor.coalition.id or not actor.is_member_level:
        return False
    if update.committee_id is None:
        return True
    return actor.has(Role.STEERING) or update.committee_id in actor.committee_ids


def _post_to(actor: Actor, committee=None) -> bool:
    """``committee`` None: the whole coalition."""
    committee_id = committee.id if committee is not None else None
    allowed = rules.may_post(poster(actor), committee_id, members_may_post=False)
    if allowed or committee_id is not None or not actor.has(Role.MEMBER):
        return allowed
    return members_may_post(actor.coalition)


def _post_somewhere(actor: Actor, obj=None) -> bool:
    if rules.may_post_somewhere(poster(actor), members_may_post=False):
        return True
    return actor.has(Role.MEMBER) and members_may_post(actor.coalition)


def _reads(actor: Actor, update) -> bool:
    """A recipient: an active member's person in the update's audience, not its author."""
    return (
        actor.has(Role.MEMBER)
        and bool(actor.person_ids)
        and sees_update(actor, update)
        and not _is_author(actor, update)
    )


def _is_author(actor: Actor, update) -> bool:
    return actor.user is not None and update.author_id == actor.user.id


def _author_or_steering(actor: Actor, update) -> bool:
    if not sees_update(actor, update):
        return False
    return actor.has(Role.STEERING) or _is_author(actor, update)


RULES = {
    "updates.list": member_level,
    "update.view": sees_update,
    "updates.post": _post_somewhere,
    "update.post_to": _post_to,
    "update.read": _reads,
    "update.acknowledge": lambda a, u: _reads(a, u) and u.asks_acknowledgement,
    "update.reply": lambda a, u: sees_update(a, u) and a.has(Role.MEMBER, Role.ADMIN),
    "update.counts": _author_or_steering,
    "updates.settings": steering,
    "updates.preference": lambda a, o=None: a.has(Role.MEMBER) and bool(a.person_ids),
    # The e-mail's link: the token is the authority, checked by the service.
    "update.acknowledge_link": lambda a, o=None: True,
}

# An update outside the actor's audience is not confirmed to exist.
POLICY = coalition_policy("updates", RULES, hidden_when_refused={"update.view"})
allows = POLICY.allows
require = POLICY.require
