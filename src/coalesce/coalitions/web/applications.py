"""Pages for applications to join and the eligibility requirements they answer.

Writes are POST-only and redirect afterwards; a service's DomainError is shown on the
form's field with the error's status, and nothing is changed."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coalesce.coalitions import policy, selectors, services
from coalesce.coalitions.models import (
    ApplicationStatus,
)
from coalesce.coalitions.web.forms.members import (
    ApplicationForm,
    ApproveForm,
    DeclineForm,
    RequirementForm,
)
from coalesce.coalitions.web.pages import coalition_page, page, shown_to_form, sign_in_first
from coalesce.core.errors import DomainError
from coalesce.core.forms import apply_domain_error, post_form


@coalition_page(None)
def apply(request, actor):
    if response := sign_in_first(request, actor):
        return response
    pending = selectors.own_pending_application(actor)
    if pending is not None:
        return page(request, actor, "coalitions/apply.html", status=409, pending=pending)
    policy.require(actor, "applications.create")
    requirements = list(selectors.active_requirements(actor))
    form = ApplicationForm(
        request.POST or None,
        initial=selectors.application_prefill(actor),
        focus_areas=list(actor.coalition.focus_areas.all()),
        requirements=requirements,
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                application = services.submit_application(actor, **form.service_arguments())
            except DomainError as error:
                if not shown_to_form(error):
                    raise
                apply_domain_error(form, error, {"name": "organisation_name"})
                status = error.status
            else:
                messages.success(
                    request,
                    _("Thank you. Your application was sent to the steering committee."),
                )
                return redirect("coalitions:application", actor.coalition.slug, application.id)
    return page(request, actor, "coalitions/apply.html", status=status, form=form)


@coalition_page("applications.list")
def applications(request, actor):
    pending = list(selectors.pending_applications(actor))
    decided = [
        (item, policy.application_name(actor, item))
        for item in selectors.decided_applications(actor)
    ]
    return page(
        request,
        actor,
        "coalitions/applications.html",
        pending=pending,
        decided=decided,
    )


def _render_application(
    request, actor, application_id, *, status=200, approve_form=None, decline_form=None
):
    found = selectors.application(actor, application_id)
    view = selectors.application_view(actor, found)
    own = view.membership_id if view.membership_id in actor.own_membership_ids else None
    context = {
        "application": view,
        "can_list": policy.allows(actor, "applications.list"),
        "own_membership": selectors.visible_membership(actor, own) if own else None,
    }
    pending = view.status == ApplicationStatus.PENDING
    if pending and policy.allows(actor, "application.decide", found):
        context["approve_form"] = approve_form or ApproveForm(prefix="approve")
        context["decline_form"] = decline_form or DeclineForm(prefix="decline")
    if pending and policy.allows(actor, "application.withdraw", found):
        context["can_withdraw"] = True
    return page(request, actor, "coalitions/application_detail.html", status=status, **context)


@coalition_page(None)
def application(request, actor, application_id):
    if response := sign_in_first(request, actor):
        return response
    return _render_application(request, actor, application_id)


def _decide(request, actor, application_id, *, approve):
    found = selectors.application(actor, application_id)
    policy.require(actor, "application.decide", found)
    key = "approve_form" if approve else "decline_form"
    form = (ApproveForm if approve else DeclineForm)(request.POST, prefix=key.split("_")[0])
    status = 400
    if form.is_valid():
        try:
            services.decide_application(
                actor,
                found.id,
                approve=approve,
                reason=form.cleaned_data["reason"],
                link_for=request.build_absolute_uri,
            )
        except DomainError as error:
            if not shown_to_form(error):
                raise
            if error.field == "status":  # decided meanwhile by someone else
                messages.error(request, error.message)
                return redirect("coalitions:application", actor.coalition.slug, found.id)
            apply_domain_error(form, error, {"name": None})
            status = error.status
        else:
            if approve:
                done = _(
                    "The application was approved. "
                    "The new member must now acknowledge the code of conduct."
                )
            else:
                done = _("The application was declined.")
            messages.success(request, done)
            return redirect("coalitions:application", actor.coalition.slug, found.id)
    return _render_application(request, actor, found.id, status=status, **{key: form})


@require_POST
@coalition_page(None)
def application_approve(request, actor, application_id):
    return _decide(request, actor, application_id, approve=True)


@require_POST
@coalition_page(None)
def application_decline(request, actor, application_id):
    return _decide(request, actor, application_id, approve=False)


@require_POST
@coalition_page(None)
def application_withdraw(request, actor, application_id):
    found = selectors.application(actor, application_id)
    policy.require(actor, "application.withdraw", found)
    try:
        services.withdraw_application(actor, found.id)
    except DomainError as error:
        if not shown_to_form(error):
            raise
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your application was withdrawn."))
    return redirect("coalitions:application", actor.coalition.slug, found.id)


def _render_requirements(request, actor, *, form=None, status=200):
    can_manage = policy.allows(actor, "requirements.manage")
    return page(
        request,
        actor,
        "coalitions/requirements.html",
        status=status,
        requirements=list(selectors.active_requirements(actor)),
        can_manage=can_manage,
        form=(form or RequirementForm()) if can_manage else None,
        can_apply=policy.allows(actor, "applications.create"),
    )


@coalition_page("requirements.view")
def requirements(request, actor):
    return _render_requirements(request, actor)


@require_POST
@coalition_page("requirements.manage")
def requirement_add(request, actor):
    form = RequirementForm(request.POST)
    return post_form(
        request,
        form,
        lambda data: services.add_requirement(actor, text=data["text"]),
        success=_("The requirement was added."),
        done=reverse("coalitions:requirements", args=[actor.coalition.slug]),
        failed=lambda status: _render_requirements(request, actor, form=form, status=status),
    )


@require_POST
@coalition_page("requirements.manage")
def requirement_retire(request, actor, requirement_id):
    services.retire_requirement(actor, requirement_id)
    messages.success(request, _("The requirement was retired; new applicants no longer answer it."))
    return redirect("coalitions:requirements", actor.coalition.slug)


# The pages of one application, under applications/<application_id>/.
application_urlpatterns = [
    path("", application, name="application"),
    path("approve/", application_approve, name="application_approve"),
    path("decline/", application_decline, name="application_decline"),
    path("withdraw/", application_withdraw, name="application_withdraw"),
]

urlpatterns = [
    path("apply/", apply, name="apply"),
    path("applications/", applications, name="applications"),
    path("applications/<int:application_id>/", include(application_urlpatterns)),
    path("requirements/", requirements, name="requirements"),
    path("requirements/add/", requirement_add, name="requirement_add"),
    path(
        "requirements/<int:requirement_id>/retire/",
        requirement_retire,
        name="requirement_retire",
    ),
]
