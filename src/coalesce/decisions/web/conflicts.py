"""The conflict register: the list, raising an issue, one issue and its update."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from coalesce.coalitions import policy as coalition_policy
from coalesce.coalitions.web.pages import coalition_page, page
from coalesce.core.forms import form_page, post_form
from coalesce.decisions import policy, selectors, services
from coalesce.decisions.web.common import GET_POST, decisions_url
from coalesce.decisions.web.forms import ConflictAssignForm, ConflictForm, ConflictUpdateForm


@require_GET
@coalition_page("conflicts.list")
def conflicts(request, actor):
    found = list(selectors.conflicts(actor)[:200])
    return page(
        request,
        actor,
        "decisions/conflicts.html",
        conflicts=found,
        sees_all=actor.has(coalition_policy.Role.STEERING),
        may_create=policy.allows(actor, "conflicts.create"),
    )


def _after_raising(request, actor, conflict):
    if policy.allows(actor, "conflict.view", conflict):
        return redirect(decisions_url(actor, "conflict", conflict_id=conflict.id))
    messages.info(
        request,
        _(
            "You raised it anonymously, so it does not appear in your own list. "
            "The steering committee can see it."
        ),
    )
    return redirect(decisions_url(actor, "conflicts"))


@GET_POST
@coalition_page("conflicts.create")
def conflict_create(request, actor):
    form = ConflictForm(request.POST or None)
    return form_page(
        request,
        form,
        lambda data: services.raise_conflict(actor, **data),
        success=_("The issue is in the conflict register."),
        done=lambda conflict: _after_raising(request, actor, conflict),
        render=lambda status: page(
            request, actor, "decisions/conflict_form.html", form=form, status=status
        ),
    )


def _conflict_form(actor, conflict, data=None):
    if not policy.allows(actor, "conflict.update", conflict):
        return None
    initial = {"status": conflict.status, "outcome": conflict.outcome}
    if policy.allows(actor, "conflict.assign", conflict):
        initial["mediator"] = conflict.mediator
        return ConflictAssignForm(data, initial=initial)
    return ConflictUpdateForm(data, initial=initial)


def _conflict_page(request, actor, conflict, *, form=None, status=200):
    linked = [
        p
        for p in conflict.proposals.select_related("category").order_by("-created_at")
        if policy.allows(actor, "proposal.view", p)
    ]
    return page(
        request,
        actor,
        "decisions/conflict.html",
        conflict=conflict,
        raised_by=selectors.user_label(actor, conflict.raised_by_id)
        if conflict.raised_by_id
        else "",
        owner=selectors.user_label(actor, conflict.owner_id) if conflict.owner_id else "",
        form=form or _conflict_form(actor, conflict),
        linked=linked,
        may_propose=policy.allows(actor, "proposal.create"),
        status=status,
    )


@require_GET
@coalition_page(None)
def conflict_view(request, actor, conflict_id):
    if not actor.is_signed_in:
        return redirect_to_login(request.get_full_path())
    return _conflict_page(request, actor, selectors.conflict(actor, conflict_id))


def _update_arguments(form) -> dict:
    if isinstance(form, ConflictAssignForm):
        return form.service_arguments()
    return {"status": form.cleaned_data["status"], "outcome": form.cleaned_data["outcome"]}


@require_POST
@coalition_page(None)
def conflict_update(request, actor, conflict_id):
    conflict = selectors.conflict(actor, conflict_id)
    policy.require(actor, "conflict.update", conflict)
    form = _conflict_form(actor, conflict, request.POST)

    def failed(status):
        stored = selectors.conflict(actor, conflict_id)  # as stored: nothing was changed
        return _conflict_page(request, actor, stored, form=form, status=status)

    return post_form(
        request,
        form,
        lambda data: services.update_conflict(actor, conflict.id, **_update_arguments(form)),
        success=_("The issue is updated."),
        done=decisions_url(actor, "conflict", conflict_id=conflict.id),
        failed=failed,
    )
