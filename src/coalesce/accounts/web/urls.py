from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from coalesce.accounts.web import account, sign_in, two_factor

# Included by the project's urls under the namespace "accounts", with the invitation link
# (coalitions.invitations) beside them.
urlpatterns = [
    path("login/", sign_in.login_view, name="login"),
    path("login/code/", sign_in.login_code_view, name="login_code"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("settings/", account.settings_view, name="settings"),
    path("language/", account.language_view, name="language"),
    path("password/", sign_in.PasswordChangeView.as_view(), name="password_change"),
    path("password/reset/", sign_in.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html",
            success_url=reverse_lazy("accounts:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path("two-factor/", two_factor.two_factor_view, name="two_factor"),
    path("two-factor/setup/", two_factor.two_factor_setup_view, name="two_factor_setup"),
    path("tokens/", account.tokens_view, name="tokens"),
    path("tokens/<int:token_id>/revoke/", account.token_revoke_view, name="token_revoke"),
    path("export/", account.export_view, name="export"),
    path("delete/", account.delete_view, name="delete"),
]
