"""Account pages: sign-in (with optional two-factor), password, invitations, settings."""

import base64
import json
import time

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, logout
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render, resolve_url
from django.urls import NoReverseMatch, reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login

from coalesce.accounts import selectors, services, tasks, throttle
from coalesce.accounts.forms import (
    ApiTokenForm,
    CodeForm,
    DisplayNameForm,
    LoginForm,
    PasswordAndCodeForm,
    PasswordConfirmForm,
    SignUpForm,
)
from coalesce.accounts.models import User
from coalesce.core.errors import DomainError, NotFound
from coalesce.core.forms import apply_domain_error

PENDING_SESSION_KEY = "accounts.pending_two_factor"
PENDING_SECONDS = 5 * 60
EMAIL_BACKEND_PATH = "coalesce.accounts.backends.EmailBackend"

BAD_CREDENTIALS = gettext_lazy("The e-mail address or the password is not right.")
TOO_MANY = gettext_lazy(
    "Too many attempts that did not work. Wait a quarter of an hour and try again."
)
BAD_CODE = gettext_lazy(
    "That code is not right, or there were several wrong codes just now. "
    "Wait a minute, check the time on your phone and try again."
)
BAD_PASSWORD = gettext_lazy("Your password is not right.")


def _next_url(request) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _check_password(request, user, password: str) -> str:
    """Check the signed-in user's own password, throttled like sign-in: ok, wrong, blocked."""
    address = throttle.client_address(request)
    if throttle.is_blocked(user.email, address):
        return "blocked"
    if password and user.check_password(password):
        return "ok"
    throttle.record_failure(user.email, address)
    return "wrong"


def _password_error(form, outcome: str) -> int:
    if outcome == "blocked":
        form.add_error(None, TOO_MANY)
        return 429
    form.add_error("password", BAD_PASSWORD)
    return 400


# --- sign in --------------------------------------------------------------------------


@sensitive_post_parameters("password")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def login_view(request):
    """E-mail and password; then, for people with two-factor on, a code (login_code_view).

    Unknown address and wrong password give the same answer. Failures are throttled per
    (address, account) and per address, never per account alone.
    """
    next_url = _next_url(request)
    if request.method == "GET":
        if request.user.is_authenticated:
            return redirect(next_url)
        return _login_page(request, LoginForm(), next_url)

    form = LoginForm(request.POST)
    address = throttle.client_address(request)
    email = (request.POST.get("email") or "").strip().lower()
    if throttle.is_blocked(email, address):
        form = LoginForm(initial={"email": email[:254]})
        return _login_page(request, form, next_url, status=429, error=TOO_MANY)
    if not form.is_valid():
        return _login_page(request, form, next_url, status=400)
    user = authenticate(request, email=email, password=form.cleaned_data["password"])
    if user is None:
        throttle.record_failure(email, address)
        form.add_error(None, BAD_CREDENTIALS)
        return _login_page(request, form, next_url, status=400)
    throttle.clear(email, address)

    if services.confirmed_device(user) is not None:
        # Not signed in yet: the session only remembers who is half-way through.
        request.session.cycle_key()
        request.session[PENDING_SESSION_KEY] = {
            "user_id": user.pk,
            "backend": user.backend,
            "at": int(time.time()),
            "next": next_url,
        }
        return redirect("accounts:login_code")
    auth_login(request, user)
    return redirect(next_url)


def _login_page(request, form, next_url, status=200, error=None):
    context = {"form": form, "next": next_url, "error": error}
    return render(request, "accounts/login.html", context, status=status)


def _pending_sign_in(request):
    data = request.session.get(PENDING_SESSION_KEY)
    if not isinstance(data, dict):
        return None, None
    if int(time.time()) - int(data.get("at", 0)) > PENDING_SECONDS:
        request.session.pop(PENDING_SESSION_KEY, None)
        return None, None
    user = User.objects.filter(pk=data.get("user_id"), is_active=True).first()
    return user, data


@sensitive_post_parameters("code")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def login_code_view(request):
    user, data = _pending_sign_in(request)
    if user is None:
        messages.info(request, _("Sign in with your e-mail address and password first."))
        return redirect("accounts:login")
    form = CodeForm(request.POST or None)
    status, error = 200, None
    if request.method == "POST":
        address = throttle.client_address(request)
        key = f"two-factor:{user.pk}"
        trusted = throttle.is_trusted_browser(request, user)
        wait = 0 if trusted else throttle.second_factor_wait(user)
        if throttle.is_blocked(key, address):
            form, status, error = CodeForm(), 429, TOO_MANY
        elif wait:
            form, status = CodeForm(), 429
            error = ngettext(
                "Too many wrong codes for this account. Try again in %(seconds)d second.",
                "Too many wrong codes for this account. Try again in %(seconds)d seconds.",
                wait,
            ) % {"seconds": wait}
        else:
            device = services.confirmed_device(user)
            if (
                form.is_valid()
                and device
                and services.verify_code(device, form.cleaned_data["code"])
            ):
                throttle.clear(key, address)
                request.session.pop(PENDING_SESSION_KEY, None)
                auth_login(request, user, backend=data.get("backend") or EMAIL_BACKEND_PATH)
                otp_login(request, device)
                response = redirect(data.get("next") or resolve_url(settings.LOGIN_REDIRECT_URL))
                throttle.trust_browser(response, user)
                return response
            throttle.record_failure(key, address)
            throttle.record_second_factor_failure(user)
            if "code" not in form.errors:
                form.add_error("code", BAD_CODE)
            status = 400
    context = {"form": form, "error": error}
    return render(request, "accounts/login_code.html", context, status=status)


# --- password change and reset --------------------------------------------------------


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:settings")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Your password is changed."))
        return response


@method_decorator(never_cache, name="dispatch")
class PasswordResetView(auth_views.PasswordResetView):
    """Always the same 'sent' page: whether an account exists is never shown."""

    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        """Throttled like every e-mail to an address someone typed: per address and per
        client, counted whether or not an account exists; the account is looked up and
        the message sent from the task queue, so neither the answer nor its timing tells."""
        email = form.cleaned_data["email"]
        if not throttle.take_mail_slot(email, throttle.client_address(self.request), "reset"):
            form.add_error(
                None,
                _("Too many requests from here or for this address. Try again in an hour."),
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        tasks.send_password_reset.enqueue(email, self.request.get_host(), self.request.is_secure())
        return HttpResponseRedirect(self.get_success_url())


# --- two-factor -----------------------------------------------------------------------


def _qr_svg(uri: str) -> str:
    """The QR code as inline SVG (segno uses attributes only, no style=, so CSP holds)."""
    svg = segno.make(uri, error="m").svg_inline(
        scale=5, dark="#000", light="#fff", title=_("QR code for your authenticator app")
    )
    return mark_safe(svg)  # generated by segno from our own URI


def _secret_text(device) -> str:
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@login_required
@sensitive_post_parameters("password", "code")
@require_http_methods(["GET", "POST"])
def two_factor_view(request):
    """Status; POST turns it off (password and a current code)."""
    device = services.confirmed_device(request.user)
    form = PasswordAndCodeForm(request.POST or None) if device else None
    status = 200
    if request.method == "POST" and device:
        if form.is_valid():
            outcome = _check_password(request, request.user, form.cleaned_data["password"])
            if outcome != "ok":
                status = _password_error(form, outcome)
            elif not services.verify_code(device, form.cleaned_data["code"]):
                form.add_error("code", BAD_CODE)
                status = 400
            else:
                services.disable_two_factor(request.user)
                messages.success(request, _("Two-factor sign-in is off."))
                return redirect("accounts:two_factor")
        else:
            status = 400
    return render(
        request,
        "accounts/two_factor.html",
        {"device": device, "form": form},
        status=status,
    )


@login_required
@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
def two_factor_setup_view(request):
    """POST action=start: a new unconfirmed authenticator; GET: its QR code; POST code: confirm."""
    user = request.user
    if services.confirmed_device(user) is not None:
        return redirect("accounts:two_factor")
    if request.method == "POST" and request.POST.get("action") == "start":
        services.start_two_factor(user)
        return redirect("accounts:two_factor_setup")
    device = services.pending_device(user)
    if device is None:
        return redirect("accounts:two_factor")
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                device = services.confirm_two_factor(user, form.cleaned_data["code"])
            except DomainError as error:
                apply_domain_error(form, error)
            else:
                otp_login(request, device)
                messages.success(request, _("Two-factor sign-in is on."))
                return redirect("accounts:two_factor")
        status = 400
    context = {
        "form": form,
        "qr_svg": _qr_svg(device.config_url),
        "secret": _secret_text(device),
        "digits": device.digits,
        "step": device.step,
    }
    return render(request, "accounts/two_factor_setup.html", context, status=status)


# --- invitations ----------------------------------------------------------------------


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


@never_cache
@sensitive_post_parameters("password1", "password2")
@csrf_protect
@require_http_methods(["GET", "POST"])
def invitation_view(request, token):
    try:
        invitation = services.find_invitation(token)
    except NotFound:
        return render(request, "accounts/invitation_invalid.html", status=404)
    context = {"invitation": invitation, "coalition": invitation.coalition}
    user = request.user
    if user.is_authenticated:
        if user.email.lower() != invitation.email.lower():
            return render(request, "accounts/invitation.html", {**context, "mode": "other"})
        if request.method == "POST":
            try:
                services.accept_invitation(user, invitation)
            except NotFound:
                return render(request, "accounts/invitation_invalid.html", status=404)
            messages.success(
                request,
                _("Welcome. You now represent this member.")
                if invitation.membership_id
                else _("Welcome. You can now apply to join the coalition."),
            )
            return redirect(coalition_landing(invitation))
        return render(request, "accounts/invitation.html", {**context, "mode": "accept"})

    if User.objects.filter(email__iexact=invitation.email).exists():
        return render(request, "accounts/invitation.html", {**context, "mode": "sign_in"})
    form = SignUpForm(request.POST or None, email=invitation.email)
    if request.method == "POST":
        if form.is_valid():
            try:
                new_user = services.sign_up_with_invitation(
                    invitation,
                    display_name=form.cleaned_data["display_name"],
                    password=form.cleaned_data["password1"],
                )
            except NotFound:
                return render(request, "accounts/invitation_invalid.html", status=404)
            except DomainError as error:
                apply_domain_error(form, error)
            else:
                auth_login(request, new_user, backend=EMAIL_BACKEND_PATH)
                messages.success(request, _("Your account is ready."))
                return redirect(coalition_landing(invitation))
        return render(
            request,
            "accounts/invitation.html",
            {**context, "mode": "sign_up", "form": form},
            status=400,
        )
    return render(request, "accounts/invitation.html", {**context, "mode": "sign_up", "form": form})


# --- account settings -----------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def settings_view(request):
    form = DisplayNameForm(
        request.POST or None, initial={"display_name": request.user.display_name}
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.update_display_name(request.user, form.cleaned_data["display_name"])
            except DomainError as error:
                apply_domain_error(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect("accounts:settings")
        status = 400
    context = {
        "form": form,
        "two_factor_on": services.confirmed_device(request.user) is not None,
        "token_count": selectors.api_tokens(request.user).count(),
    }
    return render(request, "accounts/settings.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def tokens_view(request):
    """Create (the token is shown once, in this response only) and list API tokens."""
    form = ApiTokenForm(request.POST or None)
    created = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                token, raw = services.issue_api_token(request.user, form.cleaned_data["name"])
            except DomainError as error:
                apply_domain_error(form, error)
                status = 400
            else:
                created = {"token": token, "raw": raw}
                form = ApiTokenForm()
        else:
            status = 400
    context = {"form": form, "created": created, "tokens": selectors.api_tokens(request.user)}
    return render(request, "accounts/tokens.html", context, status=status)


@login_required
@require_POST
def token_revoke_view(request, token_id):
    services.revoke_api_token(request.user, token_id)
    messages.success(request, _("The token is revoked; programs using it can no longer sign in."))
    return redirect("accounts:tokens")


@login_required
@require_http_methods(["GET", "POST"])
def export_view(request):
    """GET explains; POST downloads everything about you as JSON (contact reads are audited)."""
    if request.method == "GET":
        return render(request, "accounts/export.html")
    data = selectors.export_for(request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="coalesce-account.json"'
    return response


@login_required
@sensitive_post_parameters("password")
@require_http_methods(["GET", "POST"])
def delete_view(request):
    form = PasswordConfirmForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            outcome = _check_password(request, request.user, form.cleaned_data["password"])
            if outcome == "ok":
                services.delete_account(request.user)
                logout(request)
                messages.success(request, _("Your account is deleted."))
                return redirect("home")
            status = _password_error(form, outcome)
        else:
            status = 400
    return render(request, "accounts/delete.html", {"form": form}, status=status)
