"""Pages for the coalition itself, its charter, focus areas, committees,
prospective organisations and staff roles.

Each view parses a form, lets the policy decide (``coalition_page`` or
``policy.require``), calls one service or selector and renders a template. Writes
are POST-only and end in a redirect with a message; a service's ``DomainError`` is
shown on the form with its status (400, 404 or 409) and nothing is changed.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import include, path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from coalesce.coalitions import awaiting, charter_sections, policy, selectors, services
from coalesce.coalitions.models import CommitteeKind, MembershipStatus, PolicyKind, SeatRole
from coalesce.coalitions.web.forms.structure import (
    CharterPolicyForm,
    CoalitionSettingsForm,
    CommitteeForm,
    FocusAreaForm,
    OrganisationForm,
    PersonForm,
    SeatForm,
    StaffRoleForm,
    UnseatForm,
)
from coalesce.coalitions.web.pages import coalition_page, coalition_url, page
from coalesce.core.errors import DomainError, NotFound
from coalesce.core.forms import form_page, post_form

GET_POST = require_http_methods(["GET", "POST"])
DASHBOARD_COMMITTEES = 12  # the rest are on the committees page


# --- the coalition: dashboard, public page, settings --------------------------------


@require_GET
@coalition_page("coalition.public_page")
def dashboard(request, actor):
    """Members see a dashboard; everyone else the public page (if there is one)."""
    coalition = actor.coalition
    if not actor.is_member_level:
        # Exactly what the public sees, whoever asks: active members listed as public.
        public = policy.actor_for(None, coalition)
        rows, total = selectors.member_directory(public, status=MembershipStatus.ACTIVE)
        return page(request, actor, "coalitions/public.html", members=rows, total=total)
    active_total, uncovered_total = selectors.active_member_counts(actor)
    committees = selectors.committee_summaries(actor, limit=DASHBOARD_COMMITTEES + 1)
    waiting = awaiting.awaiting_for(actor)
    pending = None
    if policy.allows(actor, "applications.list"):
        pending = sum(item.count for item in waiting if item.kind == "applications")
    return page(
        request,
        actor,
        "coalitions/dashboard.html",
        charter=selectors.charter(coalition),
        active_total=active_total,
        committees=committees[:DASHBOARD_COMMITTEES],
        more_committees=len(committees) > DASHBOARD_COMMITTEES,
        uncovered_total=uncovered_total,
        pending_applications=pending,
        awaiting=waiting,
        focus_areas=list(coalition.focus_areas.all()),
    )


@GET_POST
@coalition_page("coalition.edit")
def coalition_settings(request, actor):
    coalition = actor.coalition
    form = CoalitionSettingsForm(
        request.POST or None,
        initial={
            "name": coalition.name,
            "purpose": coalition.purpose,
            "languages": coalition.languages,
            "time_zone": coalition.time_zone,
            "has_public_page": coalition.has_public_page,
            "join_mode": coalition.join_mode,
        },
    )

    def render(status):
        return page(request, actor, "coalitions/settings.html", form=form, status=status)

    def failed(status):
        coalition.refresh_from_db()  # the service may have changed the object in memory
        return render(status)

    return form_page(
        request,
        form,
        lambda data: services.update_coalition(actor, **data),
        success=_("The coalition's settings are saved."),
        done=coalition_url(actor, "coalitions:dashboard"),
        render=render,
        failed=failed,
    )


@require_GET
@coalition_page("coalition.next_steps")
def next_steps(request, actor):
    """After founding: what is left before the coalition works (charter, members,
    steering committee, how people join), each with the page that does it."""
    return page(
        request,
        actor,
        "coalitions/next_steps.html",
        steps=selectors.next_steps(actor),
        may_invite=policy.allows(actor, "invitations.create"),
        may_import=policy.allows(actor, "members.import"),
        may_edit=policy.allows(actor, "coalition.edit"),
    )


# --- charter and focus areas --------------------------------------------------------


@require_GET
@coalition_page("charter.view")
def charter(request, actor):
    """The charter's policies; under the decision-making policy the rule in force for
    each decision category, and the adopted decisions that changed the charter (a
    fixed number of queries, whatever the number of categories or decisions)."""
    coalition = actor.coalition
    return page(
        request,
        actor,
        "coalitions/charter.html",
        charter=selectors.charter(coalition),
        **charter_sections.sections_for(actor),
    )


@GET_POST
@coalition_page("charter.edit")
def charter_edit(request, actor, kind):
    item = next((p for p in selectors.charter(actor.coalition)["policies"] if p.kind == kind), None)
    if kind not in PolicyKind.values or item is None:
        raise NotFound()
    form = CharterPolicyForm(
        request.POST or None,
        initial={"status": item.status, "text": item.text, "agreed_on": item.agreed_on},
    )
    return form_page(
        request,
        form,
        lambda data: services.update_policy(actor, kind=kind, **data),
        success=_("The policy “%(policy)s” is saved.") % {"policy": item.get_kind_display()},
        done=coalition_url(actor, "coalitions:charter") + f"#{kind}",
        render=lambda status: page(
            request, actor, "coalitions/charter_edit.html", form=form, item=item, status=status
        ),
    )


@GET_POST
@coalition_page("coalition.dashboard")
def focus_areas(request, actor):
    form = FocusAreaForm(request.POST or None)
    if request.method == "POST":
        policy.require(actor, "charter.edit")
    return form_page(
        request,
        form,
        lambda data: services.add_focus_area(actor, **data),
        success=_("The focus area is added."),
        done=coalition_url(actor, "coalitions:focus_areas"),
        render=lambda status: page(
            request,
            actor,
            "coalitions/focus_areas.html",
            focus_areas=list(actor.coalition.focus_areas.all()),
            form=form,
            status=status,
        ),
    )


# --- committees ---------------------------------------------------------------------


@dataclass(frozen=True)
class SeatRow:
    membership_id: int
    label: str  # the seat's name as this actor may see it (an alias when hidden)
    role: str
    role_label: str

    @property
    def is_leadership(self) -> bool:
        return self.role != SeatRole.MEMBER


def _seat_rows(actor, committee) -> list[SeatRow]:
    rows = [
        SeatRow(
            membership_id=seat.membership_id,
            label=selectors.seat_label(actor, seat),
            role=seat.role,
            role_label=seat.role_title or seat.get_role_display(),
        )
        for seat in committee.visible_seats
    ]
    order = {SeatRole.CHAIR: 0, SeatRole.SECRETARY: 1, SeatRole.CUSTOM: 2, SeatRole.MEMBER: 3}
    return sorted(rows, key=lambda r: (order.get(r.role, 9), r.label.lower()))


def _attach_seat_rows(actor, committee) -> None:
    committee.seat_rows = _seat_rows(actor, committee)
    committee.leader_rows = [row for row in committee.seat_rows if row.is_leadership]


def _committee(actor, committee_id, action=None):
    """The committee with this id in the actor's coalition, with ``seat_rows``, or 404;
    with ``action``, one the actor may do that to (``policy.require``)."""
    found = next(iter(selectors.committees(actor, committee_id=committee_id)), None)
    if found is None:
        raise NotFound()
    if action is not None:
        policy.require(actor, action, found)
    _attach_seat_rows(actor, found)
    return found


@require_GET
@coalition_page("committees.list")
def committees(request, actor):
    found = selectors.committees(actor)
    for committee in found:
        _attach_seat_rows(actor, committee)
    return page(
        request,
        actor,
        "coalitions/committees.html",
        committees=found,
        uncovered=selectors.members_without_committee(actor),
    )


@GET_POST
@coalition_page("committees.create")
def committee_create(request, actor):
    form = CommitteeForm(request.POST or None)
    return form_page(
        request,
        form,
        lambda data: services.create_committee(actor, **data),
        success=_("The committee is created."),
        done=lambda created: coalition_url(actor, "coalitions:committee", committee_id=created.id),
        render=lambda status: page(
            request,
            actor,
            "coalitions/committee_form.html",
            form=form,
            committee=None,
            status=status,
        ),
    )


def _committee_page(request, actor, committee, *, seat_form=None, unseat_error="", status=200):
    may_seat = policy.allows(actor, "committee.seats", committee)
    if may_seat and seat_form is None:
        seat_form = SeatForm(members=_seatable(actor))
    return page(
        request,
        actor,
        "coalitions/committee.html",
        committee=committee,
        may_seat=may_seat,
        seat_form=seat_form,
        unseat_error=unseat_error,
        status=status,
    )


def _seatable(actor):
    rows, _total = selectors.member_directory(actor, status=MembershipStatus.ACTIVE, limit=1000)
    return rows


@require_GET
@coalition_page("committee.view")
def committee(request, actor, committee_id):
    return _committee_page(request, actor, _committee(actor, committee_id))


@require_POST
@coalition_page("committee.view")
def committee_seat_add(request, actor, committee_id):
    found = _committee(actor, committee_id, "committee.seats")
    form = SeatForm(request.POST, members=_seatable(actor))
    return post_form(
        request,
        form,
        lambda data: services.seat_member(actor, found.id, **data),
        success=_("The member now sits on the committee."),
        done=coalition_url(actor, "coalitions:committee", committee_id=found.id),
        failed=lambda status: _committee_page(request, actor, found, seat_form=form, status=status),
    )


@require_POST
@coalition_page("committee.view")
def committee_seat_remove(request, actor, committee_id):
    found = _committee(actor, committee_id, "committee.seats")
    form = UnseatForm(request.POST)

    def failed(status):
        errors = [e for errors in form.errors.values() for e in errors]
        message = errors[0] if errors else _("This member is not on the committee.")
        return _committee_page(request, actor, found, unseat_error=message, status=status)

    return post_form(
        request,
        form,
        lambda data: services.unseat_member(actor, found.id, **data),
        success=_("The member no longer sits on the committee."),
        done=coalition_url(actor, "coalitions:committee", committee_id=found.id),
        failed=failed,
    )


@GET_POST
@coalition_page("committee.view")
def committee_edit(request, actor, committee_id):
    found = _committee(actor, committee_id, "committee.edit")
    form = _committee_form(found, request.POST or None)

    def render(status):
        return page(
            request,
            actor,
            "coalitions/committee_form.html",
            form=form,
            committee=found,
            status=status,
        )

    def failed(status):
        found.refresh_from_db()
        return render(status)

    return form_page(
        request,
        form,
        lambda data: services.update_committee(actor, found.id, **data),
        success=_("The committee is saved."),
        done=coalition_url(actor, "coalitions:committee", committee_id=found.id),
        render=render,
        failed=failed,
    )


def _committee_form(committee, data=None):
    return CommitteeForm(
        data,
        steering=committee.kind == CommitteeKind.STEERING,
        initial={
            "name": committee.name,
            "kind": committee.kind,
            "custom_role": committee.custom_role,
            "description": committee.description,
        },
    )


@require_POST
@coalition_page("committee.view")
def committee_delete(request, actor, committee_id):
    found = _committee(actor, committee_id, "committee.edit")
    try:
        services.delete_committee(actor, found.id)
    except DomainError as error:
        return page(
            request,
            actor,
            "coalitions/committee_form.html",
            form=_committee_form(found),
            committee=found,
            delete_error=error.message,
            status=error.status,
        )
    messages.success(request, _("The committee “%(name)s” is deleted.") % {"name": found.name})
    return redirect(coalition_url(actor, "coalitions:committees"))


# --- prospective organisations and people -------------------------------------------


def _organisations_page(request, actor, *, form=None, person_form=None, status=200):
    organisations = selectors.prospective_organisations(actor, prefetch=["people"])
    areas = list(actor.coalition.focus_areas.all())
    return page(
        request,
        actor,
        "coalitions/organisations.html",
        organisations=organisations,
        form=form or OrganisationForm(focus_areas=areas),
        person_form=person_form or PersonForm(organisations=organisations, prefix="person"),
        status=status,
    )


@GET_POST
@coalition_page("organisations.create")
def organisations(request, actor):
    if request.method == "GET":
        return _organisations_page(request, actor)
    form = OrganisationForm(request.POST, focus_areas=list(actor.coalition.focus_areas.all()))
    return post_form(
        request,
        form,
        lambda data: services.create_organisation(actor, **data),
        success=_("The organisation is registered."),
        done=coalition_url(actor, "coalitions:organisations"),
        failed=lambda status: _organisations_page(request, actor, form=form, status=status),
    )


@require_POST
@coalition_page("people.create")
def organisation_person_add(request, actor):
    choices = selectors.prospective_organisations(actor)
    form = PersonForm(request.POST, organisations=choices, prefix="person")
    return post_form(
        request,
        form,
        lambda data: services.add_person(actor, **data),
        success=_("The person is added."),
        done=coalition_url(actor, "coalitions:organisations"),
        failed=lambda status: _organisations_page(request, actor, person_form=form, status=status),
    )


# --- staff roles --------------------------------------------------------------------


@GET_POST
@coalition_page("staff.manage")
def staff(request, actor):
    form = StaffRoleForm(request.POST or None)
    return form_page(
        request,
        form,
        lambda data: services.grant_staff_role(actor, **data),
        success=_("The role is granted."),
        done=coalition_url(actor, "coalitions:staff"),
        render=lambda status: page(
            request,
            actor,
            "coalitions/staff.html",
            staff=selectors.staff_roles(actor),
            form=form,
            status=status,
        ),
    )


# The pages of one committee, under committees/<committee_id>/.
committee_urlpatterns = [
    path("", committee, name="committee"),
    path("edit/", committee_edit, name="committee_edit"),
    path("delete/", committee_delete, name="committee_delete"),
    path("seats/add/", committee_seat_add, name="committee_seat_add"),
    path("seats/remove/", committee_seat_remove, name="committee_seat_remove"),
]

urlpatterns = [
    path("", dashboard, name="dashboard"),
    path("settings/", coalition_settings, name="settings"),
    path("next-steps/", next_steps, name="next_steps"),
    path("charter/", charter, name="charter"),
    path("charter/<str:kind>/edit/", charter_edit, name="charter_edit"),
    path("focus-areas/", focus_areas, name="focus_areas"),
    path("committees/", committees, name="committees"),
    path("committees/new/", committee_create, name="committee_create"),
    path("committees/<int:committee_id>/", include(committee_urlpatterns)),
    path("organisations/", organisations, name="organisations"),
    path("organisations/people/", organisation_person_add, name="organisation_person_add"),
    path("staff/", staff, name="staff"),
]
