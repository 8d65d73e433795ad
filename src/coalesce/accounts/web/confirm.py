"""Confirming the signed-in person's own password before a change that needs it (turning
two-factor off, deleting the account), throttled like sign-in; and the answers shared
by the sign-in and two-factor pages."""

from django.utils.translation import gettext_lazy

from coalesce.accounts import throttle

TOO_MANY = gettext_lazy(
    "Too many attempts that did not work. Wait a quarter of an hour and try again."
)
BAD_CODE = gettext_lazy(
    "That code is not right, or there were several wrong codes just now. "
    "Wait a minute, check the time on your phone and try again."
)
BAD_PASSWORD = gettext_lazy("Your password is not right.")


def check_own_password(request, user, password: str) -> str:
    """Check the signed-in user's own password, throttled like sign-in: ok, wrong, blocked."""
    address = throttle.client_address(request)
    if throttle.is_blocked(user.email, address):
        return "blocked"
    if password and user.check_password(password):
        return "ok"
    throttle.record_failure(user.email, address)
    return "wrong"


def password_error(form, outcome: str) -> int:
    if outcome == "blocked":
        form.add_error(None, TOO_MANY)
        return 429
    form.add_error("password", BAD_PASSWORD)
    return 400
