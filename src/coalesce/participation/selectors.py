"""A member's part in the coalition over a period, as the actor may see it.

What counts, column by column (each one queryset, ``_columns``, read both as a count per
member for the list and as dated rows for one member's page, so both always agree):

- votes: decisions that closed in the period whose electorate held the member, and those
  in which it voted. Only ``Elector.has_voted`` and whether an open ballot exists are
  read, never a position; a secret ballot is counted only on the member's own record (its
  proposal's page tells that only to the voter itself);
- meetings: scheduled meetings that started in the period and were for it (a coalition
  meeting, or a meeting of a committee it sits on now), and those it attended;
- committee seats it holds now;
- tasks assigned to it that were done in the period;
- contributions: outputs dated in the period it contributed to wanting credit (named or
  counted) — what credit's equity view counts as "contributed".

Members are those the actor may see listed (``listed_memberships_filter``) and named by
``member_row`` (an alias where the actor may not see who).
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import DateField, Exists, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from coalesce.coalitions.models import CommitteeSeat, Membership, MembershipStatus, PolicyKind
from coalesce.coalitions.policy import audit_actor_labels
from coalesce.coalitions.selectors import member_queryset, member_row
from coalesce.core.errors import DomainError, NotFound
from coalesce.core.validation import clean_date
from coalesce.credit.models import Consent, Output
from coalesce.decisions.models import Ballot, Elector, Proposal, ProposalStatus
from coalesce.goals.models import Task, TaskStatus
from coalesce.meetings.models import Attendance, Meeting, MeetingStatus
from coalesce.participation import policy, rules
from coalesce.participation.limits import MAX_LISTED, MAX_PERIOD_DAYS, MAX_REVIEWS_SHOWN
from coalesce.participation.models import ConductReview, Expectations


def expectations(coalition) -> Expectations:
    """The coalition's expectations (the defaults, unsaved, until the steering sets them)."""
    found = Expectations.objects.filter(coalition=coalition).first()
    return found or Expectations(coalition=coalition)


def charter_section(actor) -> dict:
    """The charter page's part about participation (``coalitions.charter_sections``): a
    link, under the code of conduct, to the expectations beside it. No query: the charter
    page is at its budget of queries already."""
    if not policy.allows(actor, "participation.expectations"):
        return {}
    return {"participation_expectations": True}


def code_of_conduct(coalition) -> str:
    from coalesce.coalitions.models import CharterPolicy

    found = CharterPolicy.objects.filter(
        coalition=coalition, kind=PolicyKind.CODE_OF_CONDUCT
    ).first()
    return found.text if found else ""


# --- the period -----------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive

    def bounds(self) -> tuple[datetime, datetime]:
        """[start, end + 1 day) as aware datetimes in the current time zone."""
        zone = timezone.get_current_timezone()
        after = self.end + timedelta(days=1)
        return (
            datetime.combine(self.start, time.min, tzinfo=zone),
            datetime.combine(after, time.min, tzinfo=zone),
        )

    def months(self) -> list[date]:
        return rules.month_starts(self.start, self.end)


def period(found: Expectations, start=None, end=None) -> Period:
    """The chosen period (from/to dates, as text or dates), by default the expectations'
    period ending today; 400 on a bad date, an end before the start or too long."""
    end = clean_date(end, "end") or timezone.localdate()
    start = clean_date(start, "start") or rules.months_back(end, found.period_months)
    if end < start:
        raise DomainError(_("The period ends before it starts."), "end")
    if (end - start).days > MAX_PERIOD_DAYS:
        raise DomainError(
            _("Choose a period of at most %(n)d days.") % {"n": MAX_PERIOD_DAYS}, "start"
        )
    return Period(start, end)


# --- the columns ----------------------------------------------------------------------


class _Count(Subquery):
    """COUNT(*) of a subquery's rows."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) _rows)"
    output_field = IntegerField()


@dataclass(frozen=True)
class _Columns:
    votes: object  # Proposal rows
    voted: object  # a condition on them: the member took part
    meetings: object  # Meeting rows
    attended: object  # a condition on them: the member attended
    tasks: object  # Task rows
    outputs: object  # Output rows


def _columns(actor, found_period: Period, ref, inner) -> _Columns:
    """The rows of each column for the membership ``ref`` (an id, or ``OuterRef("pk")``
    with ``inner`` its reference one level deeper)."""
    coalition = actor.coalition
    start, end = found_period.bounds()
    shown = Q(rule__secret=False) | Q(rule__isnull=True)
    if actor.own_membership_ids:  # a secret ballot, on the member's own record only
        shown |= Q(electors__membership_id__in=actor.own_membership_ids)
    votes = Proposal.objects.filter(
        Q(electors__membership=ref) & shown,
        coalition=coalition,
        status=ProposalStatus.CLOSED,
        closed_at__gte=start,
        closed_at__lt=end,
    ).distinct()
    ballot = Ballot.objects.filter(proposal=OuterRef("pk"), elector__membership=inner)
    secret = Elector.objects.filter(proposal=OuterRef("pk"), membership=inner, has_voted=True)
    meetings = (
        Meeting.objects.filter(
            coalition=coalition,
            status=MeetingStatus.SCHEDULED,
            starts_at__gte=start,
            starts_at__lt=min(end, timezone.now()),
        )
        .filter(Q(committee__isnull=True) | Q(committee__seats__membership=ref))
        .distinct()
    )
    attended = Attendance.objects.filter(meeting=OuterRef("pk"), membership=inner)
    tasks = Task.objects.filter(
        coalition=coalition,
        assignee=ref,
        status=TaskStatus.DONE,
        done_at__gte=start,
        done_at__lt=end,
    )
    outputs = Output.objects.filter(
        coalition=coalition,
        date__gte=found_period.start,
        date__lte=found_period.end,
        contributions__membership=ref,
        contributions__consent__in=[Consent.PUBLIC, Consent.PRIVATE],
    ).distinct()
    return _Columns(
        votes, Exists(ballot) | Exists(secret), meetings, Exists(attended), tasks, outputs
    )


def _seats(actor, ref):
    return CommitteeSeat.objects.filter(membership=ref, committee__coalition=actor.coalition)


def _annotated(actor, found_period: Period, members):
    """``members`` with a count per column, in one query (a subquery per column)."""
    c = _columns(actor, found_period, OuterRef("pk"), OuterRef(OuterRef("pk")))
    return members.annotate(
        n_votes_eligible=_Count(c.votes.values("pk")),
        n_votes_taken=_Count(c.votes.filter(c.voted).values("pk")),
        n_meetings_invited=_Count(c.meetings.values("pk")),
        n_meetings_attended=_Count(c.meetings.filter(c.attended).values("pk")),
        seat_count=_Count(_seats(actor, OuterRef("pk")).values("pk")),
        n_tasks_done=_Count(c.tasks.values("pk")),
        n_contributions=_Count(c.outputs.values("pk")),
    )


# --- what one member did --------------------------------------------------------------


@dataclass
class Counts:
    votes_taken: int = 0
    votes_eligible: int = 0
    meetings_attended: int = 0
    meetings_invited: int = 0
    tasks_done: int = 0
    contributions: int = 0

    def add(self, kind, flag) -> None:
        if kind == "votes":
            self.votes_eligible += 1
            self.votes_taken += int(bool(flag))
        elif kind == "meetings":
            self.meetings_invited += 1
            self.meetings_attended += int(bool(flag))
        elif kind == "tasks":
            self.tasks_done += 1
        else:
            self.contributions += 1

    def no_part(self) -> bool:
        return rules.took_no_part(
            self.votes_taken, self.meetings_attended, self.tasks_done, self.contributions
        )


_COUNTS = tuple(Counts.__dataclass_fields__)


@dataclass
class MemberPart:
    member: object  # coalitions.selectors.MemberRow
    counts: Counts
    seats: int
    votes: rules.Assessment
    meetings: rules.Assessment
    standing: rules.Standing
    took_no_part: bool


def _part(actor, membership, counts: Counts, seats: int, found: Expectations) -> MemberPart:
    votes = rules.assess(counts.votes_taken, counts.votes_eligible, found.min_vote_share)
    meetings = rules.assess(
        counts.meetings_attended, counts.meetings_invited, found.min_attendance_share
    )
    return MemberPart(
        member=member_row(actor, membership),
        counts=counts,
        seats=seats,
        votes=votes,
        meetings=meetings,
        standing=rules.overall([votes, meetings]),
        took_no_part=counts.no_part(),
    )


@dataclass(frozen=True)
class Listing:
    period: Period
    expectations: Expectations
    rows: list[MemberPart]
    not_taken_part: bool  # filtered to those below expectations or with no part at all


def listing(actor, *, start=None, end=None, not_taken_part=False) -> Listing:
    """Every active member the actor may see listed, with its counts over the period and
    whether it meets the expectations; ``not_taken_part`` keeps those that took no part
    at all or are below the expectations. Two queries, whatever the number of members."""
    policy.require(actor, "participation.list")
    found = expectations(actor.coalition)
    chosen = period(found, start, end)
    members = member_queryset(actor).filter(status=MembershipStatus.ACTIVE)
    rows = []
    for m in _annotated(actor, chosen, members).order_by("id")[:MAX_LISTED]:
        counts = Counts(**{name: getattr(m, f"n_{name}") for name in _COUNTS})
        rows.append(_part(actor, m, counts, m.seat_count, found))
    if not_taken_part:
        rows = [r for r in rows if r.took_no_part or r.standing == rules.Standing.BELOW]
    rows.sort(key=lambda r: (not r.took_no_part, r.standing != "below", r.member.name.casefold()))
    return Listing(chosen, found, rows, not_taken_part)


def _trend_rows(actor, found_period: Period, membership_id) -> list[tuple]:
    """(kind, row id, month, flag) of every row of every column, in one query."""
    c = _columns(actor, found_period, membership_id, membership_id)
    month = {"output_field": DateField()}

    def rows(queryset, kind, when, flag):
        return (
            queryset.annotate(p_kind=Value(kind), p_month=TruncMonth(when, **month), p_flag=flag)
            .values_list("p_kind", "pk", "p_month", "p_flag")
            .order_by()
        )

    no = Value(False)
    parts = [
        rows(c.votes, "votes", "closed_at", c.voted),
        rows(c.meetings, "meetings", "starts_at", c.attended),
        rows(c.tasks, "tasks", "done_at", no),
        rows(c.outputs, "outputs", "date", no),
    ]
    return list(parts[0].union(*parts[1:], all=True))


@dataclass(frozen=True)
class Month:
    month: date
    counts: Counts


@dataclass(frozen=True)
class MemberView:
    part: MemberPart
    period: Period
    expectations: Expectations
    months: list[Month]
    reviews: list = field(default_factory=list)


def membership(actor, membership_id, action="participation.member") -> Membership:
    """The member, if the actor may see its record (404 if it may not see it listed)."""
    found = (
        Membership.objects.filter(coalition=actor.coalition, pk=membership_id)
        .select_related("organisation", "person")
        .annotate(seat_count=_Count(_seats(actor, OuterRef("pk")).values("pk")))
        .first()
    )
    if found is None:
        raise NotFound()
    policy.require(actor, action, found)
    return found


def member(actor, membership_id, *, start=None, end=None) -> MemberView:
    """One member's part over the period: the counts, month by month, and its conduct
    reviews (for the steering committee, admins and the member itself)."""
    found_member = membership(actor, membership_id)
    found = expectations(actor.coalition)
    chosen = period(found, start, end)
    total = Counts()
    by_month = {month: Counts() for month in chosen.months()}
    for kind, _pk, month, flag in _trend_rows(actor, chosen, found_member.pk):
        total.add(kind, flag)
        if month is not None:
            by_month.setdefault(rules.month_of(month), Counts()).add(kind, flag)
    part = _part(actor, found_member, total, found_member.seat_count, found)
    months = [Month(month, counts) for month, counts in sorted(by_month.items())]
    return MemberView(part, chosen, found, months, reviews(actor, found_member))


def reviews(actor, found_member) -> list[ConductReview]:
    """The member's conduct reviews, newest first, each with ``recorded_by_label``: who
    recorded it as the audit log names them, for the steering committee and admins; "the
    steering committee" for the member itself."""
    policy.require(actor, "participation.member", found_member)
    rows = list(
        ConductReview.objects.filter(
            coalition=actor.coalition, membership=found_member
        ).select_related("recorded_by")[:MAX_REVIEWS_SHOWN]
    )
    return label_reviews(actor, rows)


def label_reviews(actor, rows: list[ConductReview]) -> list[ConductReview]:
    users = {r.recorded_by for r in rows if r.recorded_by is not None}
    sees_who = policy.allows(actor, "participation.list")
    labels = audit_actor_labels(actor, users) if sees_who else {}
    for row in rows:
        row.recorded_by_label = labels.get(row.recorded_by_id) or _("the steering committee")
    return rows
