"""The tasks page: the coalition's tasks (filter by committee and status, overdue
first), adding one (steering committee, admins), moving one's status on (a seat holder
of the owning committee), editing one."""

from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from coalesce.coalitions.web.pages import coalition_page, coalition_url, page
from coalesce.core.forms import form_page, post_form
from coalesce.goals import policy, selectors, services
from coalesce.goals.web.forms import TaskFilterForm, TaskForm, TaskStatusForm


def _task_form(actor, data=None, **kwargs):
    return TaskForm(
        data,
        committees=selectors.committees(actor),
        goals=selectors.goal_choices(actor),
        members=selectors.assignee_choices(actor),
        **kwargs,
    )


def _tasks(request, actor, *, status=200, form=None):
    committees = selectors.committees(actor)
    # Its own ids: the form to add a task has a committee field too.
    filters = TaskFilterForm(request.GET or None, committees=committees, auto_id="filter_%s")
    chosen = filters.cleaned_data if filters.is_valid() else {}
    rows = selectors.tasks(
        actor, committee_id=chosen.get("committee_id"), status=chosen.get("status")
    )
    for task in rows:
        if task.may_move:
            task.status_form = TaskStatusForm(
                initial={"status": task.status}, auto_id=f"t{task.pk}_%s"
            )
    if form is None and policy.allows(actor, "goals.manage"):
        form = _task_form(actor)
    return page(
        request, actor, "goals/tasks.html", tasks=rows, filters=filters, form=form, status=status
    )


@require_GET
@coalition_page("goals.view")
def tasks(request, actor):
    return _tasks(request, actor)


def _create(actor, data):
    return services.create_task(
        actor,
        committee=data["committee_id"],
        title=data["title"],
        due_on=data["due_on"],
        goal=data["goal_id"],
        assignee=data["assignee_id"],
    )


@require_POST
@coalition_page("goals.manage")
def task_add(request, actor):
    form = _task_form(actor, request.POST)
    return post_form(
        request,
        form,
        lambda data: _create(actor, data),
        success=_("The task is added."),
        done=coalition_url(actor, "goals:tasks"),
        failed=lambda status: _tasks(request, actor, status=status, form=form),
    )


@require_POST
@coalition_page("goals.task_status")
def task_status(request, actor, task_id):
    form = TaskStatusForm(request.POST, auto_id=f"t{task_id}_%s")
    return post_form(
        request,
        form,
        lambda data: services.edit_task(actor, task_id, status=data["status"]),
        success=_("The task's status is saved."),
        done=coalition_url(actor, "goals:tasks"),
        failed=lambda status: _tasks(request, actor, status=status),
    )


@require_http_methods(["GET", "POST"])
@coalition_page("goals.manage")
def task_edit(request, actor, task_id):
    found = selectors.task(actor, task_id)
    # An assignee the actor may not see listed is neither shown nor cleared by this form.
    shown = selectors.assignee_row(actor, found)
    keep = found.assignee_id is not None and shown is None
    initial = {
        "title": found.title,
        "committee_id": found.committee_id,
        "due_on": found.due_on,
        "goal_id": found.goal_id,
        "assignee_id": shown.id if shown else None,
    }
    form = _task_form(actor, request.POST or None, initial=initial)
    return form_page(
        request,
        form,
        lambda data: services.edit_task(
            actor,
            found.pk,
            title=data["title"],
            committee_id=data["committee_id"],
            due_on=data["due_on"] or "",
            goal_id=data["goal_id"] or "",
            assignee_id=data["assignee_id"] or (None if keep else ""),
        ),
        success=_("The task is saved."),
        done=coalition_url(actor, "goals:tasks"),
        render=lambda status: page(
            request, actor, "goals/task_edit.html", form=form, task=found, status=status
        ),
    )
