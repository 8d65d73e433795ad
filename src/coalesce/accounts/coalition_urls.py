"""Account pages that belong to one coalition (invitations), served under /c/<slug>/people/."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from coalesce.accounts import selectors, services
from coalesce.accounts.forms import InviteForm, JoinForm
from coalesce.accounts.links import invitation_link
from coalesce.accounts.throttle import client_address
from coalesce.coalitions import policy
from coalesce.coalitions.web.pages import coalition_page
from coalesce.core.errors import DomainError
from coalesce.core.forms import apply_domain_error

app_name = "coalition_accounts"


@require_http_methods(["GET", "POST"])
@coalition_page("invitations.create")
def invite(request, actor):
    """Admins invite people by e-mail and see (and revoke) the invitations still open."""
    form = InviteForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            email = form.cleaned_data["email"]
            try:
                services.invite(
                    actor,
                    email,
                    link_for=invitation_link(request),
                )
            except DomainError as error:
                apply_domain_error(form, error)
            else:
                messages.success(
                    request, _("Invitation sent to %(email)s.") % {"email": email.lower()}
                )
                return redirect("coalition_accounts:invite", slug=actor.coalition.slug)
        status = 400
    context = {
        "coalition": actor.coalition,
        "actor": actor,
        "form": form,
        "invitations": selectors.pending_invitations(actor),
    }
    return render(request, "accounts/invite.html", context, status=status)


@require_POST
@coalition_page("invitations.create")
def revoke(request, actor, invitation_id):
    services.revoke_invitation(actor, invitation_id)
    messages.success(request, _("The invitation is revoked; its link no longer works."))
    return redirect("coalition_accounts:invite", slug=actor.coalition.slug)


@require_http_methods(["GET", "POST"])
@coalition_page(None)
def join(request, actor):
    """Apply without an invitation (open coalitions): a signed-in visitor goes straight to
    the application; anyone else gives an address, confirmed by a link before applying."""
    slug = actor.coalition.slug
    if policy.allows(actor, "applications.create"):
        return redirect("coalitions:apply", slug=slug)
    policy.require(actor, "coalition.join")
    form = JoinForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.request_to_join(
                    actor,
                    form.cleaned_data["email"],
                    address=client_address(request),
                    site_url=request.build_absolute_uri("/"),
                )
            except DomainError as error:
                apply_domain_error(form, error)
                status = error.status
            else:
                context = {"coalition": actor.coalition, "actor": actor, "sent": True}
                return render(request, "accounts/join.html", context)
    context = {"coalition": actor.coalition, "actor": actor, "form": form}
    return render(request, "accounts/join.html", context, status=status)


urlpatterns = [
    path("join/", join, name="join"),
    path("invite/", invite, name="invite"),
    path("invitations/<int:invitation_id>/revoke/", revoke, name="revoke_invitation"),
]
