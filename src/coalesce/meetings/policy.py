"""Who may see and change a coalition's meetings, venues and their own marks on venues.

Members see the coalition's meetings (a committee's too: when and what, so that nobody
is surprised by a decision); the venue of a meeting marked "show the venue only to those
invited" is seen only by its invitees and its organisers. The steering committee and
administrators organise meetings and keep the list of venues. Each invited person
answers the availability poll for themselves. Every member's person keeps a private list
of the venues where they cannot safely meet: nobody else reads it, organisers included.
"""

from coalesce.coalitions.policy import Role, coalition_policy, member_level, steering_or_admin


def invited(actor, meeting) -> bool:
    """A person of an active member, for a coalition meeting; a person seated on the
    committee (themselves or through their member), for a committee meeting."""
    if not actor.person_ids:
        return False
    if meeting.committee_id is None:
        return actor.has(Role.MEMBER)
    return meeting.committee_id in actor.committee_ids


def _answers(actor, meeting=None) -> bool:
    """An invitee (whether the poll is still open is the service's to say, with why)."""
    if meeting is None:
        return actor.has(Role.MEMBER) and bool(actor.person_ids)
    return invited(actor, meeting)


def _sees_venue(actor, meeting) -> bool:
    return not meeting.venue_private or invited(actor, meeting) or steering_or_admin(actor)


def _own_person(actor, obj=None) -> bool:
    return actor.has(Role.MEMBER) and bool(actor.person_ids)


RULES = {
    "meetings.list": member_level,
    "meetings.organise": steering_or_admin,
    "meetings.answer": _answers,
    "meetings.see_venue": _sees_venue,
    "meetings.feed": _own_person,
    "venues.list": member_level,
    "venues.manage": steering_or_admin,
    "venues.mark": _own_person,
}

POLICY = coalition_policy("meetings", RULES)
allows = POLICY.allows
require = POLICY.require
