"""Pages for the member directory, its export and one member.

Each view parses its input, lets the policy decide, calls one service or selector and
renders. Writes are POST-only and redirect afterwards; a service's DomainError is shown
on the form's field with the error's status, and nothing is changed."""

import csv

from django.urls import include, path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from coalesce.coalitions import member_file, policy, roster, selectors, services
from coalesce.coalitions.models import (
    MembershipStatus,
    PolicyKind,
    PolicyStatus,
)
from coalesce.coalitions.web.forms.members import (
    ConductForm,
    DirectoryFilterForm,
    MembershipStatusForm,
    ProtectionForm,
)
from coalesce.coalitions.web.pages import coalition_page, page, sign_in_first
from coalesce.core.forms import download, post_form

PAGE_SIZE = 50


STATUS_ORDER = [MembershipStatus.ACTIVE, MembershipStatus.SUSPENDED, MembershipStatus.ENDED]


def _kind_label(kind):
    return _("Organisation") if kind == "organisation" else _("Individual")


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
        return download(
            f"{name}.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            member_file.write_xlsx(records),
        )
    response = download(f"{name}.csv", "text/csv; charset=utf-8")
    writer = csv.writer(response, lineterminator="\r\n")
    writer.writerow(member_file.COLUMNS)
    writer.writerows(member_file.cells(r) for r in records)
    return response


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
    if response := sign_in_first(request, actor):
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
    return post_form(
        request,
        form,
        perform,
        success=success,
        done=reverse("coalitions:member", args=[actor.coalition.slug, membership.id]),
        failed=lambda status: _render_member(
            request, actor, membership, status=status, **{form_key: form}
        ),
    )


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


# The pages of one member, under members/<membership_id>/.
member_urlpatterns = [
    path("", member, name="member"),
    path("contacts/", member_contacts, name="member_contacts"),
    path("status/", member_status, name="member_status"),
    path("protection/", member_protection, name="member_protection"),
    path("conduct/", member_conduct, name="member_conduct"),
]

urlpatterns = [
    path("members/", members, name="members"),
    path("members.csv", members_export, name="members_export"),
    path("members/<int:membership_id>/", include(member_urlpatterns)),
]
