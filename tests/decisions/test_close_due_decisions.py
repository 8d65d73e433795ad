"""The close_due_decisions command closes the decisions whose window has ended."""

from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from coalesce.coalitions.policy import actor_for
from coalesce.decisions import services, tasks
from coalesce.decisions.models import Proposal


def run() -> str:
    out = StringIO()
    call_command("close_due_decisions", stdout=out)
    return out.getvalue()


def test_the_command_closes_only_the_due_decisions_and_says_how_many(world):
    a = {role: actor_for(user, world.coalition) for role, user in world.users.items()}
    category = services.create_category(a["steering"], name="Day-to-day")
    services.define_rule(
        a["steering"], category.id, method="consent", electorate="all_members", window_hours=24
    )
    ids = []
    for title in ["Due", "Also due", "Not yet"]:
        proposal = services.create_proposal(
            a["member"], category_id=category.id, title=title, body="Text."
        )
        services.open_proposal(a["member"], proposal.id)
        ids.append(proposal.id)
    services.cast(a["member"], ids[0], position="consent")
    services.cast(a["chair"], ids[0], position="consent")
    services.cast(a["steering"], ids[0], position="consent")
    past = timezone.now() - timedelta(hours=1)
    Proposal.objects.filter(pk__in=ids[:2]).update(closes_at=past)

    assert run().strip() == "Closed 2 decisions whose voting window had ended."
    due, also_due, not_yet = (Proposal.objects.get(pk=pk) for pk in ids)
    assert (due.status, due.outcome) == ("closed", "adopted")
    assert (also_due.status, also_due.outcome) == ("closed", "no_quorum")
    assert not_yet.status == "open" and not_yet.outcome == ""

    assert run().strip() == "Closed 0 decisions whose voting window had ended."


def test_the_worker_closes_due_decisions_on_a_schedule(world, run_queued_tasks):
    a = {role: actor_for(user, world.coalition) for role, user in world.users.items()}
    category = services.create_category(a["steering"], name="Day-to-day")
    services.define_rule(
        a["steering"], category.id, method="consent", electorate="all_members", window_hours=24
    )
    proposal = services.create_proposal(
        a["member"], category_id=category.id, title="Due", body="Text."
    )
    services.open_proposal(a["member"], proposal.id)
    Proposal.objects.filter(pk=proposal.id).update(closes_at=timezone.now() - timedelta(hours=1))
    closing = DBTaskResult.objects.filter(task_path=tasks.close_due_proposals_task.module_path)

    assert tasks.schedule_closing() is True  # as the worker does when it starts
    assert tasks.schedule_closing() is False  # one run waiting is enough
    run_queued_tasks()
    assert Proposal.objects.get(pk=proposal.id).status == "closed"
    # The run queued the next one, a minute later.
    (waiting,) = closing.filter(status="READY")
    assert waiting.run_after > timezone.now() + tasks.CLOSE_DUE_EVERY - timedelta(seconds=10)
    assert closing.filter(status="SUCCESSFUL").count() == 1
