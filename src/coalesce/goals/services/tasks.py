"""Tasks: created and edited by the steering committee and admins (``goals.manage``),
moved on by a seat holder of the owning committee (``goals.task_status``).

``create_task`` is also how another app (``meetings``: an action in the minutes) makes
one, naming where it came from in ``origin_label``."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coalesce.coalitions.models import MembershipStatus
from coalesce.coalitions.selectors import member_queryset
from coalesce.coalitions.services.audit import record_by
from coalesce.core.errors import DomainError
from coalesce.core.validation import clean_choice, clean_date, clean_id, clean_text
from coalesce.decisions.models import Proposal
from coalesce.goals import policy
from coalesce.goals.limits import MAX_ORIGIN, MAX_TITLE
from coalesce.goals.models import Goal, Task, TaskStatus
from coalesce.goals.services._common import changed, committee_of, one


def _goal(actor, goal):
    if goal in (None, ""):
        return None
    if isinstance(goal, Goal):
        goal = goal.pk
    found = Goal.objects.filter(coalition=actor.coalition, pk=clean_id(goal, "goal_id")).first()
    if found is None:
        raise DomainError(_("Choose a goal of this coalition."), "goal_id")
    return found


def _proposal(actor, proposal):
    if proposal in (None, ""):
        return None
    if isinstance(proposal, Proposal):
        proposal = proposal.pk
    found = Proposal.objects.filter(
        coalition=actor.coalition, pk=clean_id(proposal, "proposal_id")
    ).first()
    if found is None:
        raise DomainError(_("Choose a proposal of this coalition."), "proposal_id")
    return found


def _assignee(actor, assignee):
    """An active member of the coalition the actor may see listed (any committee: the
    owning committee answers for the task, whoever does it)."""
    if assignee in (None, ""):
        return None
    found = (
        member_queryset(actor)
        .filter(status=MembershipStatus.ACTIVE, pk=clean_id(_pk(assignee), "assignee_id"))
        .first()
    )
    if found is None:
        raise DomainError(_("Choose an active member of this coalition."), "assignee_id")
    return found


def _done_at(was, done_at, status):
    """When the task was done: now when its status becomes done, kept while it stays
    done, cleared otherwise."""
    if status != TaskStatus.DONE:
        return None
    return done_at if was == TaskStatus.DONE and done_at else timezone.now()


def _pk(value):
    return value.pk if hasattr(value, "pk") else value


@transaction.atomic
def create_task(
    actor,
    *,
    committee,
    title,
    due_on=None,
    goal=None,
    proposal=None,
    origin_label="",
    assignee=None,
) -> Task:
    """A task owned by ``committee`` (a Committee or its id, of the actor's coalition),
    optionally towards ``goal`` and created by the decision ``proposal``."""
    policy.require(actor, "goals.manage")
    task = Task.objects.create(
        coalition=actor.coalition,
        title=clean_text(title, "title", max_length=MAX_TITLE),
        committee=committee_of(actor, _pk(committee), required=True),
        due_on=clean_date(due_on, "due_on"),
        goal=_goal(actor, goal),
        proposal=_proposal(actor, proposal),
        origin_note=clean_text(origin_label, "origin_label", max_length=MAX_ORIGIN, required=False),
        assignee=_assignee(actor, assignee),
        created_by=actor.user,
    )
    record_by(actor, "goals.task_create", task, fields=("title", "committee", "due_on"))
    return task


@transaction.atomic
def edit_task(
    actor,
    task_id,
    *,
    title=None,
    committee_id=None,
    due_on=None,
    status=None,
    goal_id=None,
    assignee_id=None,
) -> Task:
    """Change what is given (None: unchanged; "" clears an assignee). The steering
    committee and admins change anything; a seat holder of the task's committee only its
    status."""
    task = one(Task, actor, task_id, lock=True)
    was = task.status
    others = (title, committee_id, due_on, goal_id, assignee_id)
    policy.require(
        actor, "goals.manage" if any(v is not None for v in others) else "goals.task_status", task
    )
    changes = {
        "title": None if title is None else clean_text(title, "title", max_length=MAX_TITLE),
        "committee": None
        if committee_id is None
        else committee_of(actor, committee_id, required=True),
        "due_on": None if due_on is None else clean_date(due_on, "due_on"),
        "status": None if status is None else clean_choice(status, TaskStatus, "status"),
        "goal": None if goal_id is None else _goal(actor, goal_id),
    }
    names = changed(task, changes)
    if assignee_id is not None:
        task.assignee = _assignee(actor, assignee_id)
        names.append("assignee")
    if status is not None:
        task.done_at = _done_at(was, task.done_at, task.status)
        names.append("done_at")
    if names:
        task.save(update_fields=names)
    record_by(actor, "goals.task_edit", task, fields=tuple(names))
    return task
