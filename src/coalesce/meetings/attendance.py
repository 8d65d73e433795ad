"""Who attended a meeting: the members (organisations or individuals) its organisers
record once the meeting has started.

Invited are the coalition's active members (a coalition meeting) or the active members
seated on the committee (a committee meeting), worked out when read, as for the poll.
An organiser records only members it may see listed; recording again replaces the set
of those (a member hidden from this organiser keeps what another organiser recorded).
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from coalesce.coalitions.models import CommitteeSeat, Membership, MembershipStatus
from coalesce.coalitions.policy import listed_memberships_filter
from coalesce.coalitions.selectors import member_row
from coalesce.coalitions.services.audit import record_by
from coalesce.core.errors import Conflict, DomainError
from coalesce.core.validation import clean_id
from coalesce.meetings import policy
from coalesce.meetings.limits import MAX_ATTENDEES
from coalesce.meetings.models import Attendance, Meeting, MeetingStatus
from coalesce.meetings.services import meeting_for_update


def invited_memberships(meeting):
    """The active memberships a meeting is for (a queryset, or a subquery's source)."""
    active = Membership.objects.filter(
        coalition_id=meeting.coalition_id, status=MembershipStatus.ACTIVE
    )
    if meeting.committee_id is not None:
        seated = CommitteeSeat.objects.filter(committee_id=meeting.committee_id)
        active = active.filter(pk__in=seated.values("membership_id"))
    return active


def _invitees(actor, meeting):
    return (
        invited_memberships(meeting)
        .filter(listed_memberships_filter(actor))
        .select_related("organisation", "person")
    )


@dataclass(frozen=True)
class Invitee:
    member: object  # coalitions.selectors.MemberRow
    attended: bool


def attendance(actor, meeting) -> list[Invitee]:
    """The invitees the actor may see listed, each named as the actor may see it, and
    whether it attended (for the meeting's organisers), in one query."""
    policy.require(actor, "meetings.organise", meeting)
    attended = Attendance.objects.filter(meeting=meeting, membership=OuterRef("pk"))
    rows = [
        Invitee(member_row(actor, m), m.did_attend)
        for m in _invitees(actor, meeting).annotate(did_attend=Exists(attended))
    ]
    return sorted(rows, key=lambda r: r.member.name.casefold())


def may_record(meeting) -> bool:
    return (
        meeting.status == MeetingStatus.SCHEDULED
        and meeting.starts_at is not None
        and meeting.starts_at <= timezone.now()
    )


def _chosen(actor, meeting, memberships) -> set[int]:
    if not isinstance(memberships, list | tuple | set) or len(memberships) > MAX_ATTENDEES:
        raise DomainError(_("Name at most %(n)d members.") % {"n": MAX_ATTENDEES}, "membership_ids")
    chosen = {clean_id(m, "membership_ids") for m in memberships}
    known = set(_invitees(actor, meeting).filter(pk__in=chosen).values_list("pk", flat=True))
    if chosen - known:
        raise DomainError(
            _("Choose only active members invited to this meeting."), "membership_ids"
        )
    return chosen


@transaction.atomic
def record_attendance(actor, *, meeting, memberships) -> list[Invitee]:
    """Replace the members recorded as having attended ``meeting`` (a Meeting or its id)
    with ``memberships`` (ids), among those the actor may see listed."""
    meeting = meeting_for_update(actor, meeting.pk if isinstance(meeting, Meeting) else meeting)
    policy.require(actor, "meetings.organise", meeting)
    if not may_record(meeting):
        raise Conflict(_("Attendance is recorded for a scheduled meeting once it has started."))
    chosen = _chosen(actor, meeting, memberships)
    seen = Attendance.objects.filter(
        meeting=meeting, membership__in=_invitees(actor, meeting).values("pk")
    )
    seen.exclude(membership_id__in=chosen).delete()
    kept = set(seen.values_list("membership_id", flat=True))
    Attendance.objects.bulk_create(
        Attendance(meeting=meeting, membership_id=m, recorded_by=actor.user)
        for m in sorted(chosen - kept)
    )
    record_by(actor, "meeting.attendance", meeting, ["attendance"])
    return attendance(actor, meeting)
