"""Pages for members, applications, eligibility requirements and diversity.

Each view parses its input, lets the policy decide, calls one service or selector and
renders. Writes are POST-only and redirect afterwards; a service's DomainError is shown
on the form's field with the error's status, and nothing is changed.
"""

import csv

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from coalesce.coalitions import member_file, policy, roster, selectors, services
from coalesce.coalitions.forms_members import (
    ApplicationForm,
    ApproveForm,
    ConductForm,
    DeclineForm,
    DirectoryFilterForm,
    MembershipStatusForm,
    ProtectionForm,
    RequirementForm,
)
from coalesce.coalitions.models import (
    ApplicationStatus,
    MembershipStatus,
    PolicyKind,
    PolicyStatus,
)
from coalesce.coalitions.web.pages import coalition_page, page
from coalesce.core import charts
from coalesce.core.errors import DomainError, Forbidden, NotFound
from coalesce.core.forms import apply_domain_error, submit

PAGE_SIZE = 50
STATUS_ORDER = [MembershipStatus.ACTIVE, MembershipStatus.SUSPENDED, MembershipStatus.ENDED]


def _sign_in_first(request, actor):
    """For views whose rule needs an object: a signed-out visitor is asked to sign in."""
    if not actor.is_signed_in and actor.can_see_coalition:
        return redirect_to_login(request.get_full_path())
    return None


def _shown_to_form(error):
    """Errors a form can show; not-found and forbidden become error pages instead."""
    return not isinstance(error, NotFound | Forbidden)


def _kind_label(kind):
    return _("Organisation") if kind == "organisation" else _("Individual")


# --- member directory ---------------------------------------------------------------


@coalition_page("members.list")
def members(request, actor):
    form = DirectoryFilterForm(request.GET or None, show_status=actor.sees_all_statuses)
    filters = form.filters()
    offset = filters.pop("offset")
    rows, total = selectors.member_directory(actor, offset=offset, limit=PAGE_SIZE, **filters)
    return page(
        request,
        actor,
        "coalitions/members.html",
        form=form,
        rows=[(row, _kind_label(row.kind)) for row in rows],
        total=total,
        first=offset + 1 if rows else 0,
        last=offset + len(rows),
        previous_offset=max(0, offset - PAGE_SIZE) if offset > 0 else None,
        next_offset=offset + PAGE_SIZE if offset + PAGE_SIZE < total else None,
        filtered=any(filters.values()),
        can_export=policy.allows(actor, "members.export"),
        can_export_contacts=policy.allows(actor, "members.export")
        and actor.has(policy.Role.CUSTODIAN),
        can_import=policy.allows(actor, "members.import"),
        can_invite=policy.allows(actor, "invitations.create"),
        can_manage_applications=policy.allows(actor, "applications.list"),
    )


def _csv_cell(value) -> str:
    """Keep spreadsheet programs from running a cell as a formula (read back exactly by
    the import)."""
    return member_file.guard_cell(value)


@require_http_methods(["GET", "POST"])
@coalition_page("members.export")
def members_export(request, actor):
    """The members the actor may list, in the import's columns (``?format=xlsx`` for a
    spreadsheet). Contact columns are filled only when asked for with a POST (each read
    is audited), and only for members whose contacts the actor may see."""
    params = request.POST if request.method == "POST" else request.GET
    form = DirectoryFilterForm(params or None, show_status=actor.sees_all_statuses)
    filters = form.filters()
    filters.pop("offset")
    contacts = request.method == "POST" and params.get("contacts") in ("1", "on", "true")
    services.record_member_export(actor)
    records = roster.export_records(actor, contacts=contacts, **filters)
    name = f"{actor.coalition.slug}-members"
    if params.get("format") == "xlsx":
        response = HttpResponse(
            member_file.write_xlsx(records),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    writer = csv.writer(response, lineterminator="\r\n")
    writer.writerow(member_file.COLUMNS)
    writer.writerows(member_file.cells(r) for r in records)
    return response


# --- one member ---------------------------------------------------------------------


def _code_of_conduct(coalition):
    for item in selectors.charter(coalition)["policies"]:
        if item.kind == PolicyKind.CODE_OF_CONDUCT:
            return item
    return None


def _render_member(
    request,
    actor,
    membership,
    *,
    status=200,
    contacts=None,
    status_form=None,
    protection_form=None,
    conduct_form=None,
):
    sees_identity = policy.sees_identity(actor, membership)
    context = {
        "member": membership,
        "row": selectors.member_row(actor, membership),
        "kind_label": _kind_label("organisation" if membership.organisation_id else "person"),
        "sees_identity": sees_identity,
        "organisation": membership.organisation if sees_identity else None,
        "representatives": selectors.representatives(actor, membership),
        "seats": selectors.member_seats(actor, membership),
        "contacts": contacts,
        "can_read_contacts": policy.allows(actor, "member.contacts", membership),
        "sees_reason": actor.sees_all_statuses or membership.id in actor.own_membership_ids,
    }
    allowed = services.ALLOWED_STATUS_CHANGES[membership.status]
    if allowed and policy.allows(actor, "member.set_status", membership):
        context["status_form"] = status_form or MembershipStatusForm(
            prefix="status", allowed=[s for s in STATUS_ORDER if s in allowed]
        )
    if policy.allows(actor, "member.edit_protection", membership):
        initial = {"visibility": membership.visibility, "alias": membership.alias}
        if contacts is not None:
            initial.update(contacts, replace_contacts=True)
        context["protection_form"] = protection_form or ProtectionForm(
            prefix="protection", initial=initial, contacts_loaded=contacts is not None
        )
    if membership.status == MembershipStatus.AWAITING_CONDUCT and policy.allows(
        actor, "member.acknowledge_conduct", membership
    ):
        context["conduct_form"] = conduct_form or ConductForm(prefix="conduct")
        conduct = _code_of_conduct(actor.coalition)
        context["code_of_conduct"] = (
            conduct if conduct and conduct.status != PolicyStatus.MISSING else None
        )
    return page(request, actor, "coalitions/member_detail.html", status=status, **context)


def _listed_member(actor, membership_id, action):
    membership = selectors.visible_membership(actor, membership_id)
    policy.require(actor, "member.view", membership)
    if action != "member.view":
        policy.require(actor, action, membership)
    return membership


@coalition_page(None)
def member(request, actor, membership_id):
    if response := _sign_in_first(request, actor):
        return response
    membership = _listed_member(actor, membership_id, "member.view")
    return _render_member(request, actor, membership)


@require_POST
@coalition_page(None)
def member_contacts(request, actor, membership_id):
    """Show contact details after an explicit request; the service audits the read."""
    membership = _listed_member(actor, membership_id, "member.contacts")
    contacts = services.read_contacts(actor, membership)
    return _render_member(request, actor, membership, contacts=contacts)


def _member_write(request, actor, membership, form, form_key, perform, success):
    status = submit(request, form, perform, success=success).status
    if status is None:
        return redirect("coalitions:member", actor.coalition.slug, membership.id)
    return _render_member(request, actor, membership, status=status, **{form_key: form})


@require_POST
@coalition_page(None)
def member_status(request, actor, membership_id):
    membership = _listed_member(actor, membership_id, "member.set_status")
    allowed = services.ALLOWED_STATUS_CHANGES[membership.status]
    form = MembershipStatusForm(
        request.POST, prefix="status", allowed=[s for s in STATUS_ORDER if s in allowed]
    )
    return _member_write(
        request,
        actor,
        membership,
        form,
        "status_form",
        lambda data: services.set_membership_status(
            actor, membership.id, status=data["status"], reason=data["reason"]
        ),
        _("The membership's status was changed."),
    )


@require_POST
@coalition_page(None)
def member_protection(request, actor, membership_id):
    membership = _listed_member(actor, membership_id, "member.edit_protection")
    form = ProtectionForm(
        request.POST,
        prefix="protection",
        contacts_loaded=request.POST.get("protection-replace_contacts") in ("True", "on", "1"),
    )
    return _member_write(
        request,
        actor,
        membership,
        form,
        "protection_form",
        lambda data: services.update_protection(
            actor,
            membership.id,
            visibility=data["visibility"],
            alias=data["alias"],
            **form.contact_changes(),
        ),
        _("The membership's protection settings were saved."),
    )


@require_POST
@coalition_page(None)
def member_conduct(request, actor, membership_id):
    membership = _listed_member(actor, membership_id, "member.acknowledge_conduct")
    return _member_write(
        request,
        actor,
        membership,
        ConductForm(request.POST, prefix="conduct"),
        "conduct_form",
        lambda data: services.acknowledge_conduct(actor, membership.id),
        _("Thank you. You acknowledged the code of conduct and your membership is active."),
    )


# --- applications -------------------------------------------------------------------


@coalition_page(None)
def apply(request, actor):
    if response := _sign_in_first(request, actor):
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
                if not _shown_to_form(error):
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
    if response := _sign_in_first(request, actor):
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
            if not _shown_to_form(error):
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
        if not _shown_to_form(error):
            raise
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your application was withdrawn."))
    return redirect("coalitions:application", actor.coalition.slug, found.id)


# --- eligibility requirements -------------------------------------------------------


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
    status = submit(
        request,
        form,
        lambda data: services.add_requirement(actor, text=data["text"]),
        success=_("The requirement was added."),
    ).status
    if status is None:
        return redirect("coalitions:requirements", actor.coalition.slug)
    return _render_requirements(request, actor, form=form, status=status)


@require_POST
@coalition_page("requirements.manage")
def requirement_retire(request, actor, requirement_id):
    services.retire_requirement(actor, requirement_id)
    messages.success(request, _("The requirement was retired; new applicants no longer answer it."))
    return redirect("coalitions:requirements", actor.coalition.slug)


# --- diversity ----------------------------------------------------------------------


@coalition_page("diversity.view")
def diversity(request, actor):
    data = selectors.diversity(actor)
    chart = charts.horizontal_bars(
        data["actor_types"],
        title=_("Member organisations by actor type"),
        chart_id="actor-types-chart",
    )
    return page(request, actor, "coalitions/diversity.html", diversity=data, chart=chart)


urlpatterns = [
    path("members/", members, name="members"),
    path("members.csv", members_export, name="members_export"),
    path("members/<int:membership_id>/", member, name="member"),
    path("members/<int:membership_id>/contacts/", member_contacts, name="member_contacts"),
    path("members/<int:membership_id>/status/", member_status, name="member_status"),
    path("members/<int:membership_id>/protection/", member_protection, name="member_protection"),
    path("members/<int:membership_id>/conduct/", member_conduct, name="member_conduct"),
    path("apply/", apply, name="apply"),
    path("applications/", applications, name="applications"),
    path("applications/<int:application_id>/", application, name="application"),
    path(
        "applications/<int:application_id>/approve/",
        application_approve,
        name="application_approve",
    ),
    path(
        "applications/<int:application_id>/decline/",
        application_decline,
        name="application_decline",
    ),
    path(
        "applications/<int:application_id>/withdraw/",
        application_withdraw,
        name="application_withdraw",
    ),
    path("requirements/", requirements, name="requirements"),
    path("requirements/add/", requirement_add, name="requirement_add"),
    path(
        "requirements/<int:requirement_id>/retire/",
        requirement_retire,
        name="requirement_retire",
    ),
    path("diversity/", diversity, name="diversity"),
]
