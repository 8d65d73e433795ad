"""The groundwork page: prospective partners and the challenge register.

Same shape as the other coalition pages: ``coalition_page`` loads the coalition and
the actor and checks the action with the groundwork policy; members read, the steering
committee and admins keep the register. Writes are POST-only and end in a redirect
to the page with a message; bad input re-renders the page with the error on its
field, the service's status, and nothing saved. No member data is shown here.
"""

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from coalesce.coalitions.invitations.links import invitation_link
from coalesce.coalitions.web.pages import coalition_page, page
from coalesce.core import charts
from coalesce.core.forms import submit
from coalesce.groundwork import policy, selectors, services
from coalesce.groundwork.models import Level
from coalesce.groundwork.web.forms import (
    ChallengeForm,
    ChallengeGoalForm,
    ChallengeUpdateForm,
    PartnerConvertForm,
    PartnerForm,
    PartnerInviteForm,
    PartnerStatusForm,
)


def _index_url(actor) -> str:
    return reverse("groundwork:index", kwargs={"slug": actor.coalition.slug})


def _render(request, actor, *, status=200, failed=None, **forms):
    """The page; ``failed`` is ("partner"|"challenge", id, form) for a row's form that
    did not save, shown in place of that row's form."""
    found = selectors.register(actor)
    editor = policy.allows(actor, "groundwork.edit")
    may_invite = policy.allows(actor, "partner.invite")
    may_convert = policy.allows(actor, "partner.convert")
    partners = []
    for partner in found.partners:
        row = {"partner": partner}
        if editor:
            row["form"] = PartnerStatusForm(
                initial={
                    "status": partner.status,
                    "influence": partner.influence or "",
                    "interest": partner.interest or "",
                    "relationship": partner.relationship,
                },
                auto_id=f"p{partner.pk}_%s",
            )
        if may_invite and not partner.membership_id:
            row["invite_form"] = PartnerInviteForm(auto_id=f"pi{partner.pk}_%s")
        if may_convert and not partner.membership_id:
            row["convert_form"] = PartnerConvertForm(
                initial={"name": partner.description, "actor_type": partner.actor_type},
                auto_id=f"pc{partner.pk}_%s",
            )
        if failed and failed[0] == "partner" and failed[1] == partner.pk:
            row[failed[3] if len(failed) > 3 else "form"] = failed[2]
        partners.append(row)
    challenges = _challenge_rows(actor, found.challenges, editor, failed)
    context = {
        "partners": partners,
        "challenges": challenges,
        "editor": editor,
        "map": charts.stakeholder_map(
            [
                (n, p.description, p.influence, p.interest, p.relationship)
                for n, p in enumerate(found.partners, start=1)
            ],
            levels=[label for _value, label in Level.choices],
            title=_("Stakeholder map: prospective partners by influence and interest"),
            chart_id="stakeholder-map",
        ),
    }
    if editor:
        context["partner_form"] = forms.get("partner_form") or PartnerForm(auto_id="new_partner_%s")
        context["challenge_form"] = forms.get("challenge_form") or ChallengeForm(
            auto_id="new_challenge_%s"
        )
    return page(request, actor, "groundwork/index.html", status=status, **context)


def _challenge_rows(actor, challenges, editor, failed) -> list:
    """(challenge, its update form, its link-to-a-goal form) for each challenge; the
    forms only for the register's keepers, ``failed``'s in place of the one that failed."""
    rows = []
    goals = selectors.goal_choices(actor) if editor else []
    for challenge in challenges:
        form = goal_form = None
        if editor and goals:
            goal_form = ChallengeGoalForm(goals=goals, auto_id=f"cg{challenge.pk}_%s")
            if failed and failed[0] == "challenge_goal" and failed[1] == challenge.pk:
                goal_form = failed[2]
        if editor:
            form = ChallengeUpdateForm(
                initial={"status": challenge.status, "strategy": challenge.strategy},
                auto_id=f"c{challenge.pk}_%s",
            )
            if failed and failed[0] == "challenge" and failed[1] == challenge.pk:
                form = failed[2]
        rows.append((challenge, form, goal_form))
    return rows


def _post(request, actor, form, write, success, **on_error):
    """Submit ``form`` through ``write``: back to the page, or the page with the error
    (``on_error`` says which form to show it on) and its status."""
    status = submit(request, form, write, success=success).status
    if status is None:
        return redirect(_index_url(actor))
    return _render(request, actor, status=status, **on_error)


@require_GET
@coalition_page("groundwork.view")
def index(request, actor):
    return _render(request, actor)


@require_POST
@coalition_page("groundwork.edit")
def partner_add(request, actor):
    form = PartnerForm(request.POST, auto_id="new_partner_%s")
    return _post(
        request,
        actor,
        form,
        lambda data: services.add_partner(actor, **data),
        _("The partner is on the list."),
        partner_form=form,
    )


@require_POST
@coalition_page("groundwork.edit")
def partner_status(request, actor, partner_id):
    form = PartnerStatusForm(request.POST, auto_id=f"p{partner_id}_%s")

    def write(data):
        # Only what the form sent: a bare status change keeps the partner's map.
        sent = {name: data[name] for name in data if name in request.POST}
        return services.update_partner(actor, partner_id, **sent)

    return _post(
        request,
        actor,
        form,
        write,
        _("The partner is saved."),
        failed=("partner", partner_id, form),
    )


@require_POST
@coalition_page("partner.invite")
def partner_invite(request, actor, partner_id):
    form = PartnerInviteForm(request.POST, auto_id=f"pi{partner_id}_%s")
    return _post(
        request,
        actor,
        form,
        lambda data: services.invite_partner(
            actor, partner_id, email=data["email"], link_for=invitation_link(request)
        ),
        _("The invitation is sent; the partner is marked approached."),
        failed=("partner", partner_id, form, "invite_form"),
    )


@require_POST
@coalition_page("partner.convert")
def partner_convert(request, actor, partner_id):
    form = PartnerConvertForm(request.POST, auto_id=f"pc{partner_id}_%s")
    return _post(
        request,
        actor,
        form,
        lambda data: services.convert_partner(
            actor, partner_id, **data, link_for=invitation_link(request)
        ),
        _("The partner is a member now, waiting for the code-of-conduct acknowledgement."),
        failed=("partner", partner_id, form, "convert_form"),
    )


@require_POST
@coalition_page("groundwork.edit")
def challenge_add(request, actor):
    form = ChallengeForm(request.POST, auto_id="new_challenge_%s")
    return _post(
        request,
        actor,
        form,
        lambda data: services.add_challenge(actor, **data),
        _("The challenge is in the register."),
        challenge_form=form,
    )


@require_POST
@coalition_page("groundwork.edit")
def challenge_update(request, actor, challenge_id):
    form = ChallengeUpdateForm(request.POST, auto_id=f"c{challenge_id}_%s")

    def write(data):
        # A form that does not send the strategy (e.g. a bare "mark addressed") keeps it.
        strategy = data["strategy"] if "strategy" in request.POST else None
        return services.update_challenge(
            actor, challenge_id, status=data["status"], strategy=strategy
        )

    return _post(
        request,
        actor,
        form,
        write,
        _("The challenge is saved."),
        failed=("challenge", challenge_id, form),
    )


@require_POST
@coalition_page("groundwork.edit")
def challenge_goals(request, actor, challenge_id):
    """Link the challenge to a goal, or (``unlink``) remove the link."""
    goals = selectors.goal_choices(actor)
    form = ChallengeGoalForm(request.POST, goals=goals, auto_id=f"cg{challenge_id}_%s")
    linked = "unlink" not in request.POST
    return _post(
        request,
        actor,
        form,
        lambda data: services.link_goal(
            actor, challenge_id, goal_id=data["goal_id"], linked=linked
        ),
        _("The challenge's goals are saved."),
        failed=("challenge_goal", challenge_id, form),
    )
