"""Sign-in throttling, kept in the database so every application server sees the same counts.

The rule: refuse further attempts when, within the window, there were too many failures
for one account from one address, or too many failures from one address overall.
Failures are never counted per account alone, so somebody elsewhere cannot lock a
member out of their own account by failing on purpose.

Keys are HMACs (keyed with SECRET_KEY) of the e-mail and address, so the table holds
neither the addresses people use nor the accounts they tried.
"""

import math
from datetime import timedelta
from ipaddress import ip_address

from django.conf import settings
from django.core import signing
from django.utils import timezone
from django.utils.crypto import salted_hmac

from coalesce.accounts.models import LoginFailure, MailSent

_SALT = "coalesce.accounts.throttle"


def client_address(request) -> str:
    """The address the request came from.

    ``X-Forwarded-For`` is trusted only when the TRUST_X_FORWARDED_FOR setting says the
    proxy in front of us sets it (its last entry is the address the proxy saw).
    """
    address = request.META.get("REMOTE_ADDR", "") or ""
    if getattr(settings, "TRUST_X_FORWARDED_FOR", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            address = hops[-1]
    try:
        return str(ip_address(address))
    except ValueError:
        return "unknown"


def _hash(value: str) -> str:
    return salted_hmac(_SALT, value, algorithm="sha256").hexdigest()


def account_key(account: str, address: str) -> str:
    return _hash(f"{(account or '').strip().lower()}\x00{address}")


def address_key(address: str) -> str:
    return _hash(f"address\x00{address}")


def _window_start():
    seconds = getattr(settings, "LOGIN_FAILURE_WINDOW_SECONDS", 900)
    return timezone.now() - timedelta(seconds=seconds)


def is_blocked(account: str, address: str) -> bool:
    """True when this account+address, or this address overall, has failed too often."""
    recent = LoginFailure.objects.filter(at__gte=_window_start())
    per_pair = getattr(settings, "LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS", 5)
    per_address = getattr(settings, "LOGIN_FAILURES_PER_ADDRESS", 30)
    if recent.filter(account_and_address=account_key(account, address)).count() >= per_pair:
        return True
    return recent.filter(address=address_key(address)).count() >= per_address


def record_failure(account: str, address: str) -> None:
    LoginFailure.objects.create(
        account_and_address=account_key(account, address), address=address_key(address)
    )
    # Keep the table small: failures older than the window no longer count.
    LoginFailure.objects.filter(at__lt=_window_start()).delete()


def clear(account: str, address: str) -> None:
    """After a success: forget this account+address's failures (the address's stay)."""
    LoginFailure.objects.filter(account_and_address=account_key(account, address)).delete()


# --- e-mails sent at a visitor's request -------------------------------------------------

MAIL_WINDOW_SECONDS = 3600
MAILS_PER_EMAIL = 3  # to one address within the window
MAILS_PER_ADDRESS = 10  # from one client address within the window


def _mail_limit(name: str, default: int) -> int:
    return getattr(settings, name, default)


def mail_keys(email: str, address: str, purpose: str) -> tuple[str, str]:
    return (
        _hash(f"mail\x00{purpose}\x00{(email or '').strip().lower()}"),
        _hash(f"mail-from\x00{purpose}\x00{address}"),
    )


def take_mail_slot(email: str, address: str, purpose: str) -> bool:
    """Record one e-mail to ``email`` asked for from ``address``; False (and nothing
    recorded) when either has had its share within the window. Counted whether or not an
    account exists, so the answer never tells."""
    to_key, from_key = mail_keys(email, address, purpose)
    since = timezone.now() - timedelta(seconds=MAIL_WINDOW_SECONDS)
    recent = MailSent.objects.filter(at__gte=since)
    if recent.filter(key=to_key).count() >= _mail_limit(
        "MAILS_PER_EMAIL", MAILS_PER_EMAIL
    ) or recent.filter(key=from_key).count() >= _mail_limit("MAILS_PER_ADDRESS", MAILS_PER_ADDRESS):
        return False
    MailSent.objects.bulk_create([MailSent(key=to_key), MailSent(key=from_key)])
    MailSent.objects.filter(at__lt=since).delete()
    return True


# --- second-factor codes ---------------------------------------------------------------

SECOND_FACTOR_FREE_FAILURES = 5  # account-wide, within the window, before any wait
SECOND_FACTOR_MAX_WAIT_SECONDS = 300
TRUSTED_BROWSER_COOKIE = "coalesce_trusted"
TRUSTED_BROWSER_DAYS = 180
_TRUSTED_SALT = "coalesce.accounts.trusted-browser"


def _second_factor_key(user) -> str:
    return account_key(f"two-factor-account:{user.pk}", "*")


def second_factor_wait(user) -> int:
    """Seconds before anyone may try another code for this account; 0 when they may now.

    Wrong codes from any address count: after a few, each try must wait twice as long as
    the one before, up to a few minutes. The wait is bounded and a trusted browser skips
    it, so an attacker who has the password can slow the owner down but never lock them
    out."""
    failures = LoginFailure.objects.filter(
        at__gte=_window_start(), account_and_address=_second_factor_key(user)
    )
    count = failures.count()
    if count < SECOND_FACTOR_FREE_FAILURES:
        return 0
    wait = min(2 ** (count - SECOND_FACTOR_FREE_FAILURES), SECOND_FACTOR_MAX_WAIT_SECONDS)
    last = failures.order_by("-at").values_list("at", flat=True).first()
    remaining = wait - (timezone.now() - last).total_seconds()
    return max(0, math.ceil(remaining))


def record_second_factor_failure(user) -> None:
    LoginFailure.objects.create(
        account_and_address=_second_factor_key(user), address=address_key("account-wide")
    )


def trusted_browser_value(user) -> str:
    """A signed mark for a browser that completed a two-factor sign-in; it stops working
    when the password changes."""
    return signing.dumps(
        [user.pk, user.get_session_auth_hash()[:16]], salt=_TRUSTED_SALT, compress=True
    )


def is_trusted_browser(request, user) -> bool:
    value = request.COOKIES.get(TRUSTED_BROWSER_COOKIE)
    if not value:
        return False
    try:
        mark = signing.loads(
            value, salt=_TRUSTED_SALT, max_age=timedelta(days=TRUSTED_BROWSER_DAYS)
        )
    except signing.BadSignature:
        return False
    return mark == [user.pk, user.get_session_auth_hash()[:16]]


def trust_browser(response, user) -> None:
    response.set_cookie(
        TRUSTED_BROWSER_COOKIE,
        trusted_browser_value(user),
        max_age=TRUSTED_BROWSER_DAYS * 86400,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
