"""The roster: mandates to speak for the coalition (the steering committee grants, renews
and ends them), and an organisation's safety opt-out.

``coalition_page`` authorises; reads come from ``spokespeople.selectors`` (masked for the
actor), writes go to ``spokespeople.services``. Bad input re-renders the page with the
error on its field and the service's status; nothing is saved.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from coalesce.coalitions.models import MembershipStatus
from coalesce.coalitions.policy import Role
from coalesce.coalitions.selectors import member_queryset, member_row
from coalesce.coalitions.web.pages import coalition_page, page, sign_in_first
from coalesce.core.forms import form_page, post_form
from coalesce.spokespeople import policy, selectors, services
from coalesce.spokespeople.web.forms import GrantForm, OptOutForm, RenewForm


def roster_url(actor) -> str:
    return reverse("spokespeople:roster", kwargs={"slug": actor.coalition.slug})


def _members(actor):
    active = member_queryset(actor).filter(status=MembershipStatus.ACTIVE)
    return sorted((member_row(actor, m) for m in active), key=lambda row: row.name.casefold())


def _render(request, actor, *, status=200, grant_form=None, failed=None):
    """The roster; ``failed`` is (mandate id, form) for a renewal that did not save."""
    topic = request.GET.get("topic", "")
    language = request.GET.get("language", "")
    keeper = policy.allows(actor, "spokespeople.grant")
    rows = []
    for row in selectors.roster(actor, topic=topic, language=language):
        renew = None
        if keeper and row.state != "ended":
            renew = RenewForm(
                initial={"expires_on": row.mandate.expires_on}, auto_id=f"r{row.id}_%s"
            )
            if failed and failed[0] == row.id:
                renew = failed[1]
        rows.append((row, renew))
    context = {
        "rows": rows,
        "topics": selectors.topics(actor),
        "topic": topic,
        "language": language,
        "keeper": keeper,
        # one's own organisation's safety setting (an active member's)
        "own": sorted(actor.own_membership_ids) if actor.has(Role.MEMBER) else [],
    }
    if keeper:
        context["grant_form"] = grant_form or GrantForm(members=_members(actor), auto_id="grant_%s")
    return page(request, actor, "spokespeople/roster.html", status=status, **context)


@require_GET
@coalition_page("spokespeople.view")
def index(request, actor):
    return _render(request, actor)


@require_POST
@coalition_page("spokespeople.grant")
def grant(request, actor):
    form = GrantForm(request.POST, members=_members(actor), auto_id="grant_%s")
    return post_form(
        request,
        form,
        lambda data: services.grant_mandate(actor, **data),
        success=_("The mandate is granted."),
        done=roster_url(actor),
        failed=lambda status: _render(request, actor, status=status, grant_form=form),
    )


@require_POST
@coalition_page("spokespeople.grant")
def renew(request, actor, mandate_id):
    form = RenewForm(request.POST, auto_id=f"r{mandate_id}_%s")
    return post_form(
        request,
        form,
        lambda data: services.renew_mandate(actor, mandate_id, **data),
        success=_("The mandate is renewed."),
        done=roster_url(actor),
        failed=lambda status: _render(request, actor, status=status, failed=(mandate_id, form)),
    )


@require_POST
@coalition_page("spokespeople.grant")
def end(request, actor, mandate_id):
    """A button: a refusal (ended already) is an error page with its message."""
    services.end_mandate(actor, mandate_id)
    messages.success(request, _("The mandate has ended."))
    return redirect(roster_url(actor))


@coalition_page(None)
def opt_out(request, actor, membership_id):
    """An organisation's safety setting: never proposed as a voice."""
    if (login := sign_in_first(request, actor)) is not None:
        return login
    setting = selectors.opt_out(actor, membership_id)
    form = OptOutForm(
        request.POST if request.method == "POST" else None,
        initial={"opted_out": setting.opted_out},
    )
    return form_page(
        request,
        form,
        lambda data: services.set_opt_out(actor, membership_id, opted_out=data["opted_out"]),
        success=_("The setting is saved."),
        done=request.path,
        render=lambda status: page(
            request,
            actor,
            "spokespeople/opt_out.html",
            status=status,
            form=form,
            setting=setting,
        ),
    )
