"""The sentences of the meeting scheduler (``scheduling``, which imports them from here):
why a (time, venue) pair is proposed, and why nothing fits. Public numbers only: never
who marked a venue, nor how many hold a remote seat. Every sentence is translatable."""

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

if TYPE_CHECKING:
    from coalesce.meetings.scheduling import Blocker, Proposal, QuorumCheck, Schedule


def explain(proposal: "Proposal", schedule: "Schedule") -> list[str]:
    """Why this pair, in sentences for the organiser: public numbers only (never who
    marked a venue, nor how many hold a remote seat)."""
    say_yes = ngettext("%(count)s says yes", "%(count)s say yes", proposal.members_yes) % {
        "count": proposal.members_yes
    }
    lines = [
        ngettext(
            "%(attending)s of %(count)s member organisation can attend (%(say_yes)s)",
            "%(attending)s of %(count)s member organisations can attend (%(say_yes)s)",
            proposal.members_invited,
        )
        % {
            "attending": proposal.members_attending,
            "count": proposal.members_invited,
            "say_yes": say_yes,
        },
        ngettext(
            "%(count)s person could attend",
            "%(count)s people could attend",
            proposal.people_attending,
        )
        % {"count": proposal.people_attending},
    ]
    lines += [_quorum_sentence(check) for check in proposal.quorums]
    if schedule.excluded_venues:
        lines.append(
            ngettext(
                "%(count)s venue not suitable for this meeting was left out",
                "%(count)s venues not suitable for this meeting were left out",
                schedule.excluded_venues,
            )
            % {"count": schedule.excluded_venues}
        )
    return lines + _hours_sentences(proposal)


def _quorum_sentence(check: "QuorumCheck") -> str:
    numbers = {
        "label": check.label,
        "present": check.present,
        "needed": check.needed,
        "size": check.size,
    }
    if check.met:
        return _("%(label)s quorum met: %(present)s present, %(needed)s needed of %(size)s") % (
            numbers
        )
    return _("%(label)s quorum not met: %(present)s present, %(needed)s needed of %(size)s") % (
        numbers
    )


def _hours_sentences(proposal: "Proposal") -> list[str]:
    if not proposal.outside_hours:
        return [_("Everyone would meet within 08:00–20:00 in their own time zone")]
    lines = [
        ngettext(
            "%(count)s person would meet outside 08:00–20:00 in their own time zone",
            "%(count)s people would meet outside 08:00–20:00 in their own time zone",
            proposal.outside_hours,
        )
        % {"count": proposal.outside_hours}
    ]
    if proposal.repeatedly_outside_hours:
        lines.append(
            ngettext(
                "%(count)s of them already met outside these hours earlier in the series",
                "%(count)s of them already met outside these hours earlier in the series",
                proposal.repeatedly_outside_hours,
            )
            % {"count": proposal.repeatedly_outside_hours}
        )
    return lines


def explain_blockers(schedule: "Schedule") -> list[str]:
    """Why nothing (or not more) fits, and what would, one sentence per blocker."""
    return [_blocker_sentence(blocker) for blocker in schedule.blockers]


def _blocker_sentence(blocker: "Blocker") -> str:
    if blocker.kind == "no_slot":
        return _("No time has been proposed: add times to the poll.")
    if blocker.kind == "nobody":
        return _(
            "Nobody can attend any of the proposed times: ask the invitees to answer, or add times."
        )
    if blocker.kind == "no_venue" and blocker.count:
        return _(
            "Every venue is unsuitable for this meeting: add an online venue or allow remote seats."
        )
    if blocker.kind == "no_venue":
        return _("There is no venue to meet at: add one (an online venue suits everyone).")
    if blocker.kind == "no_quorum":
        return _(
            "No time reaches the %(label)s quorum: at best %(present)s of the %(needed)s "
            "needed. Ask the missing members to answer, or add times."
        ) % {"label": blocker.label, "present": blocker.present, "needed": blocker.needed}
    if blocker.kind == "quorums_apart":
        return _(
            "Each quorum is reached at some time, but never all at the same time: ask the "
            "missing members to answer, or add times."
        )
    return ngettext(
        "The largest venue holds %(capacity)s; %(people)s person could attend: add a "
        "larger or online venue.",
        "The largest venue holds %(capacity)s; %(people)s people could attend: add a "
        "larger or online venue.",
        blocker.people,
    ) % {"capacity": blocker.capacity, "people": blocker.people}
