"""Meetings through their services: venues, private marks, a poll, the scheduler's
proposals, scheduling and cancelling (SEQUENCE rises), and bad input changing nothing."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from coalesce.audit.models import AuditEvent
from coalesce.core.errors import Conflict, DomainError, Forbidden, NotFound
from coalesce.meetings import planning, scheduling, selectors, services
from coalesce.meetings.models import Meeting, MeetingStatus, PollAnswer, VenueSafety

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_hashing")]


def soon(days, hour=10):
    day = timezone.now().astimezone(timezone.get_current_timezone()) + timedelta(days=days)
    return day.replace(hour=hour, minute=0, second=0, microsecond=0).strftime("%Y-%m-%d %H:%M")


@pytest.fixture
def venues(actor):
    steering = actor("steering")
    return {
        "police": services.add_venue(steering, name="Police HQ hall", address="1 Main St"),
        "church": services.add_venue(
            steering, name="Church hall", address="2 Hill Rd", capacity=30
        ),
        "online": services.add_venue(
            steering, name="Video call", address="Link sent to invitees", online=True
        ),
    }


def plan_meeting(actor, venues, *, names=("police", "church"), committee=None, **extra):
    return services.create_meeting(
        actor("steering"),
        title="Planning the hearing",
        time_zone="Africa/Nairobi",
        duration_minutes=90,
        times=[soon(3), soon(4)],
        venue_ids=[venues[n].id for n in names],
        committee_id=committee,
        **extra,
    )


def answer_all(actor, meeting, roles=("member", "chair", "steering"), answer="yes"):
    for role in roles:
        times = meeting.times.all()
        services.answer_poll(
            actor(role), meeting.id, answers={t.id: answer for t in times}, time_zone="UTC"
        )


def test_a_marked_venue_is_never_proposed_and_nobody_learns_who_marked_it(world, actor, venues):
    services.set_unsafe_venues(actor("member"), venue_ids=[venues["police"].id])
    meeting = plan_meeting(actor, venues)
    answer_all(actor, meeting)
    found = planning.plan(actor("steering"), meeting, limit=10)
    assert found.schedule.proposals
    assert {p.venue for p in found.schedule.proposals} == {venues["church"].id}
    assert found.schedule.excluded_venues == 1
    with pytest.raises(Conflict):
        services.schedule_meeting(
            actor("steering"),
            meeting.id,
            time_id=meeting.times.first().id,
            venue_id=venues["police"].id,
        )
    # the marks are the person's own, encrypted at rest, and never audited
    with connection.cursor() as cursor:
        cursor.execute("SELECT venue_ids FROM meetings_venuesafety")
        (stored,) = cursor.fetchone()
    assert stored != f"[{venues['police'].id}]" and len(stored) > 40
    assert not AuditEvent.objects.filter(action__contains="unsafe").exists()
    assert selectors.my_unsafe_venues(actor("member")) == {venues["police"].id}
    assert selectors.my_unsafe_venues(actor("chair")) == frozenset()


def test_with_remote_seats_the_venue_stays_and_the_numbers_do_not_change(world, actor, venues):
    meeting = plan_meeting(actor, venues, remote_allowed=True)
    answer_all(actor, meeting)
    before = planning.plan(actor("steering"), meeting, limit=10).schedule
    services.set_unsafe_venues(actor("member"), venue_ids=[venues["police"].id])
    after = planning.plan(actor("steering"), meeting, limit=10).schedule
    assert {p.venue for p in after.proposals} == {venues["police"].id, venues["church"].id}
    public = [(p.slot, p.venue, p.members_attending, p.members_invited) for p in after.proposals]
    assert public == [
        (p.slot, p.venue, p.members_attending, p.members_invited) for p in before.proposals
    ]


def test_scheduling_and_cancelling_raise_the_sequence(world, actor, venues):
    meeting = plan_meeting(actor, venues)
    answer_all(actor, meeting)
    time = meeting.times.first()
    services.schedule_meeting(
        actor("steering"), meeting.id, time_id=time.id, venue_id=venues["church"].id
    )
    meeting.refresh_from_db()
    assert (meeting.status, meeting.sequence, meeting.starts_at) == (
        MeetingStatus.SCHEDULED,
        1,
        time.starts_at,
    )
    services.cancel_meeting(actor("steering"), meeting.id)
    meeting.refresh_from_db()
    assert (meeting.status, meeting.sequence) == (MeetingStatus.CANCELLED, 2)
    with pytest.raises(Conflict):
        services.cancel_meeting(actor("steering"), meeting.id)


def test_a_committee_meeting_invites_its_seats_only(world, actor, venues):
    meeting = plan_meeting(actor, venues, committee=world.committee.id)
    people = {i.membership_id for i in selectors.invitees(meeting)}
    outreach = {world.memberships[k].id for k in ("chair", "member", "pseudonymous")}
    assert people == outreach
    with pytest.raises(Forbidden):
        services.answer_poll(
            actor("steering"),
            meeting.id,
            answers={meeting.times.first().id: "yes"},
            time_zone="UTC",
        )


@pytest.mark.parametrize(
    "change,field",
    [
        ({"times": ["2001-01-01 10:00"]}, "times"),
        ({"times": ["next tuesday"]}, "times"),
        ({"times": []}, "times"),
        ({"time_zone": "Mars/Olympus"}, "time_zone"),
        ({"title": ""}, "title"),
        ({"duration_minutes": 5}, "duration_minutes"),
        ({"venue_ids": []}, "venue_ids"),
        ({"venue_ids": [999999]}, "venue_ids"),
        ({"committee_id": 999999}, "committee_id"),
    ],
)
def test_bad_meetings_are_refused_and_nothing_is_saved(world, actor, venues, change, field):
    data = {
        "title": "Hearing",
        "time_zone": "UTC",
        "duration_minutes": 60,
        "times": [soon(2)],
        "venue_ids": [venues["church"].id],
        **change,
    }
    with pytest.raises(DomainError) as refused:
        services.create_meeting(actor("steering"), **data)
    assert refused.value.field == field
    assert not Meeting.objects.exists()


def test_poll_answers_after_the_poll_closed_are_refused(world, actor, venues):
    meeting = plan_meeting(actor, venues, poll_closes_at=soon(1))
    Meeting.objects.filter(pk=meeting.pk).update(poll_closes_at=timezone.now())
    with pytest.raises(Conflict):
        answer_all(actor, meeting, roles=("member",))
    assert not PollAnswer.objects.exists()


def test_a_bad_answer_saves_nothing(world, actor, venues):
    meeting = plan_meeting(actor, venues)
    first, second = meeting.times.all()
    with pytest.raises(DomainError):
        services.answer_poll(
            actor("member"),
            meeting.id,
            answers={first.id: "yes", second.id: "perhaps"},
            time_zone="UTC",
        )
    assert not PollAnswer.objects.exists()


def test_marks_by_someone_who_is_not_a_member_are_refused(world, actor, venues):
    for role in ("outsider", "admin", "applicant"):
        with pytest.raises((Forbidden, NotFound)):
            services.set_unsafe_venues(actor(role), venue_ids=[venues["police"].id])
    assert not VenueSafety.objects.exists()


def outreach_decision(world, actor, quorum_percent):
    from coalesce.decisions import services as decide

    category = decide.create_category(actor("steering"), name="Outreach plans")
    decide.define_rule(
        actor("steering"),
        category.id,
        method="simple_majority",
        electorate="committee",
        committee_id=world.committee.id,
        quorum_percent=quorum_percent,
        window_hours=48,
    )
    return decide.create_proposal(
        actor("chair"), category_id=category.id, title="Radio campaign", body="Let us."
    )


def test_an_impossible_quorum_proposes_nothing_and_says_why(world, actor, venues):
    # Outreach seats three members; the pseudonymous one has nobody who can answer.
    proposal = outreach_decision(world, actor, quorum_percent=100)
    meeting = plan_meeting(actor, venues, decision_ids=[proposal.id])
    answer_all(actor, meeting)
    found = planning.plan(actor("steering"), meeting, limit=10)
    assert not found.schedule.proposals
    reasons = " ".join(scheduling.explain_blockers(found.schedule))
    assert "Outreach" in reasons and "2" in reasons and "3" in reasons


def test_a_reachable_quorum_is_explained(world, actor, venues):
    proposal = outreach_decision(world, actor, quorum_percent=50)
    meeting = plan_meeting(actor, venues, decision_ids=[proposal.id])
    answer_all(actor, meeting)
    found = planning.plan(actor("steering"), meeting, limit=10)
    best = found.schedule.proposals[0]
    assert [(q.label, q.present, q.needed) for q in best.quorums] == [("Outreach", 2, 2)]
    assert any("Outreach" in line for line in scheduling.explain(best, found.schedule))
