"""The account's own pages: settings, API tokens, taking the data away, deleting it."""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST
from django.views.i18n import set_language

from coalesce.accounts import selectors, services
from coalesce.accounts.web import confirm
from coalesce.accounts.web.forms import (
    AccountForm,
    ApiTokenForm,
    PasswordConfirmForm,
)
from coalesce.core.errors import DomainError
from coalesce.core.forms import apply_domain_error, download
from coalesce.core.middleware import use_viewer_language


@login_required
@require_http_methods(["GET", "POST"])
def settings_view(request):
    user = request.user
    form = AccountForm(
        request.POST or None,
        initial={
            "display_name": user.display_name,
            "language": user.language,
            "time_zone": user.time_zone,
        },
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.update_account(user, **form.cleaned_data)
            except DomainError as error:
                apply_domain_error(form, error)
            else:
                use_viewer_language(request)
                messages.success(request, _("Saved."))
                return redirect("accounts:settings")
        status = 400
    context = {
        "form": form,
        "two_factor_on": services.confirmed_device(request.user) is not None,
        "token_count": selectors.api_tokens(request.user).count(),
    }
    return render(request, "accounts/settings.html", context, status=status)


@require_http_methods(["GET", "POST"])
def language_view(request):
    """Choose the language (linked from the foot of every page): a cookie for everyone
    (Django's view, which also goes back to the page) and the account's setting for someone
    signed in."""
    if request.method == "GET":
        back = request.GET.get("next") or request.headers.get("referer", "")
        if not url_has_allowed_host_and_scheme(back, {request.get_host()}):
            back = ""
        return render(request, "accounts/language.html", {"next": back})
    if request.user.is_authenticated:
        try:
            services.update_account(request.user, language=request.POST.get("language", ""))
        except DomainError as error:
            messages.error(request, error.message)
    return set_language(request)


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
    return download(
        "coalesce-account.json",
        "application/json; charset=utf-8",
        json.dumps(data, ensure_ascii=False, indent=2),
    )


@login_required
@sensitive_post_parameters("password")
@require_http_methods(["GET", "POST"])
def delete_view(request):
    form = PasswordConfirmForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            outcome = confirm.check_own_password(
                request, request.user, form.cleaned_data["password"]
            )
            if outcome == "ok":
                services.delete_account(request.user)
                logout(request)
                messages.success(request, _("Your account is deleted."))
                return redirect("home")
            status = confirm.password_error(form, outcome)
        else:
            status = 400
    return render(request, "accounts/delete.html", {"form": form}, status=status)
