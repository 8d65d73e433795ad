"""Signing in (with the second factor when it is on), changing and resetting the password."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login

from coalesce.accounts import services, tasks, throttle
from coalesce.accounts.backends import EMAIL_BACKEND_PATH
from coalesce.accounts.models import User
from coalesce.accounts.web import confirm
from coalesce.accounts.web.forms import (
    CodeForm,
    LoginForm,
)

PENDING_SESSION_KEY = "accounts.pending_two_factor"
PENDING_SECONDS = 5 * 60
BAD_CREDENTIALS = gettext_lazy("The e-mail address or the password is not right.")


def _next_url(request) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


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
        return _login_page(request, form, next_url, status=429, error=confirm.TOO_MANY)
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
            form, status, error = CodeForm(), 429, confirm.TOO_MANY
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
                form.add_error("code", confirm.BAD_CODE)
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
