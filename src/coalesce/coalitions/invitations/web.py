"""A coalition's doors as pages: inviting (under /c/<slug>/people/), asking to join, and
the invitation link itself (/accounts/invitation/<token>/)."""

from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from coalesce.accounts.backends import EMAIL_BACKEND_PATH
from coalesce.accounts.models import User
from coalesce.accounts.throttle import client_address
from coalesce.coalitions import policy
from coalesce.coalitions.invitations import selectors, services
from coalesce.coalitions.invitations.forms import InviteForm, JoinForm, SignUpForm
from coalesce.coalitions.invitations.links import invitation_link
from coalesce.coalitions.web.pages import coalition_page
from coalesce.core.errors import DomainError, NotFound
from coalesce.core.forms import apply_domain_error


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


# --- the invitation link --------------------------------------------------------------


def coalition_landing(invitation) -> str:
    """Where a newly invited person goes: the member they now represent (to acknowledge
    the code of conduct), or the application form."""
    slug = invitation.coalition.slug
    if invitation.membership_id:
        return reverse("coalitions:member", args=[slug, invitation.membership_id])
    try:
        return reverse("coalitions:apply", kwargs={"slug": slug})
    except NoReverseMatch:
        return reverse("coalitions:dashboard", kwargs={"slug": slug})


def _invalid(request):
    return render(request, "accounts/invitation_invalid.html", status=404)


@never_cache
@sensitive_post_parameters("password1", "password2")
@csrf_protect
@require_http_methods(["GET", "POST"])
def invitation_view(request, token):
    try:
        invitation = services.find_invitation(token)
    except NotFound:
        return _invalid(request)
    context = {"invitation": invitation, "coalition": invitation.coalition}
    if request.user.is_authenticated:
        return _take_up_signed_in(request, invitation, context)
    if User.objects.filter(email__iexact=invitation.email).exists():
        return render(request, "accounts/invitation.html", {**context, "mode": "sign_in"})
    return _sign_up(request, invitation, context)


def _take_up_signed_in(request, invitation, context):
    user = request.user
    if user.email.lower() != invitation.email.lower():
        return render(request, "accounts/invitation.html", {**context, "mode": "other"})
    if request.method != "POST":
        return render(request, "accounts/invitation.html", {**context, "mode": "accept"})
    try:
        services.accept_invitation(user, invitation)
    except NotFound:
        return _invalid(request)
    messages.success(
        request,
        _("Welcome. You now represent this member.")
        if invitation.membership_id
        else _("Welcome. You can now apply to join the coalition."),
    )
    return redirect(coalition_landing(invitation))


def _sign_up(request, invitation, context):
    form = SignUpForm(request.POST or None, email=invitation.email)
    context = {**context, "mode": "sign_up", "form": form}
    if request.method != "POST":
        return render(request, "accounts/invitation.html", context)
    if form.is_valid():
        try:
            new_user = services.sign_up_with_invitation(
                invitation,
                display_name=form.cleaned_data["display_name"],
                password=form.cleaned_data["password1"],
            )
        except NotFound:
            return _invalid(request)
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            auth_login(request, new_user, backend=EMAIL_BACKEND_PATH)
            messages.success(request, _("Your account is ready."))
            return redirect(coalition_landing(invitation))
    return render(request, "accounts/invitation.html", context, status=400)
