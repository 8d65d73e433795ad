"""A meeting's agenda and minutes: the first meeting's template, lines of minutes, and
closing them — each decision recorded, each action a committee's task, linked back —
with the reminder when minutes stay unfinished."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from coalesce.core.errors import Conflict, DomainError, NotFound
from coalesce.goals.models import Task
from coalesce.meetings import minutes, services, tasks
from coalesce.meetings.models import DecisionRecord, Meeting, MinuteItem
from tests.meetings.test_services import answer_all, plan_meeting, venues  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_hashing")]


@pytest.fixture
def held(world, actor, venues):  # noqa: F811
    """A meeting that was scheduled and has now taken place."""
    meeting = plan_meeting(actor, venues)
    answer_all(actor, meeting)
    time = meeting.times.first()
    services.schedule_meeting(
        actor("steering"), meeting.id, time_id=time.id, venue_id=venues["church"].id
    )
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now() - timedelta(hours=3))
    return Meeting.objects.get(pk=meeting.pk)


def test_closing_minutes_records_two_decisions_and_makes_three_tasks(world, actor, held):
    steering = actor("steering")
    minutes.add_minute(steering, held.id, kind="note", text="Apologies from Justice Watch")
    for text in ("Adopt the priorities", "Hold a public hearing in March"):
        minutes.add_minute(steering, held.id, kind="decision", text=text)
    for text, due in [
        ("Draft the letter", "2027-01-10"),
        ("Book the hall", None),
        ("Call MPs", None),
    ]:
        minutes.add_minute(
            steering, held.id, kind="action", text=text, committee_id=world.committee.id, due_on=due
        )
    minutes.close_minutes(steering, held.id)
    records = DecisionRecord.objects.filter(meeting=held)
    assert sorted(r.text for r in records) == [
        "Adopt the priorities",
        "Hold a public hearing in March",
    ]
    assert all(r.minute.meeting_id == held.id for r in records)
    made = Task.objects.filter(minute__meeting=held)
    assert made.count() == 3 and {t.committee_id for t in made} == {world.committee.id}
    assert {t.title for t in made} == {"Draft the letter", "Book the hall", "Call MPs"}
    assert all(held.title in t.origin_note for t in made)
    page = world.client("member").get(f"/c/{world.coalition.slug}/goals/tasks/").content.decode()
    assert f'href="/c/{world.coalition.slug}/meetings/{held.id}/"' in page  # the link back
    assert str(made.get(title="Draft the letter").due_on) == "2027-01-10"
    with pytest.raises(Conflict):
        minutes.add_minute(steering, held.id, kind="note", text="Too late")
    with pytest.raises(Conflict):
        minutes.close_minutes(steering, held.id)


def test_an_action_needs_its_committee_and_bad_lines_save_nothing(world, actor, held):
    steering = actor("steering")
    with pytest.raises(DomainError) as missing:
        minutes.add_minute(steering, held.id, kind="action", text="Someone should")
    assert missing.value.field == "committee_id"
    with pytest.raises(DomainError):
        minutes.add_minute(steering, held.id, kind="gossip", text="x")
    with pytest.raises(NotFound):
        minutes.add_minute(steering, held.id, kind="decision", text="x", proposal_id=424242)
    assert not MinuteItem.objects.exists()


def test_minutes_wait_for_the_meeting_and_need_an_organiser(world, actor, venues):  # noqa: F811
    meeting = plan_meeting(actor, venues)
    with pytest.raises(Conflict):  # still finding a time
        minutes.add_minute(actor("steering"), meeting.id, kind="note", text="x")
    with pytest.raises(Exception) as refused:
        minutes.add_agenda_item(actor("member"), meeting.id, title="x")
    assert refused.value.status in (403, 404)


def test_the_first_meetings_agenda_fills_an_empty_agenda_once(world, actor, venues):  # noqa: F811
    meeting = plan_meeting(actor, venues)
    items = minutes.use_first_meeting_agenda(actor("steering"), meeting.id)
    assert len(items) == len(minutes.FIRST_MEETING) and meeting.agenda.count() == len(items)
    with pytest.raises(Conflict):
        minutes.use_first_meeting_agenda(actor("steering"), meeting.id)


def test_unfinished_minutes_are_reminded_once(world, actor, held):
    Meeting.objects.filter(pk=held.pk).update(starts_at=timezone.now() - timedelta(days=3))
    del mail.outbox[:]
    assert tasks.send_reminders() == 1
    assert mail.outbox[0].to == [world.users["steering"].email]
    assert held.title in mail.outbox[0].subject
    assert tasks.send_reminders() == 0
