"""Optional TOTP two-factor: set-up with a QR code, two-step sign-in, turning it off."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from coalesce.accounts.models import User
from coalesce.accounts.throttle import (
    SECOND_FACTOR_FREE_FAILURES,
    SECOND_FACTOR_MAX_WAIT_SECONDS,
    second_factor_wait,
)
from tests.support import factories as f


def code_for(device, offset=0):
    code = totp(device.bin_key, step=device.step, t0=device.t0, drift=offset)
    return f"{code:0{device.digits}d}"


@pytest.fixture(autouse=True)
def no_device_backoff(settings):
    # django-otp slows down repeated failures per device; tests check our own rules.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


@pytest.fixture
def user(db):
    return f.make_user("two@example.org", "Two Factor")


@pytest.fixture
def device(user):
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)


def signed_in_as(client):
    return client.session.get("_auth_user_id")


def password_step(client, user, address="203.0.113.5"):
    return client.post(
        "/accounts/login/", {"email": user.email, "password": f.PASSWORD}, REMOTE_ADDR=address
    )


def test_set_up_shows_an_svg_qr_code_without_inline_styles_and_confirms_with_a_code(user):
    client = Client()
    client.force_login(user)
    status = client.get("/accounts/two-factor/")
    assert "Set up two-factor sign-in" in status.content.decode()
    response = client.post("/accounts/two-factor/setup/", {"action": "start"})
    assert response.status_code == 302
    device = TOTPDevice.objects.get(user=user)
    assert not device.confirmed
    page = client.get("/accounts/two-factor/setup/")
    html = page.content.decode()
    assert "<svg" in html
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert "style=" not in svg and "<style" not in svg
    secret = re.search(r'<code class="secret">([A-Z2-7 ]+)</code>', html)[1]
    assert len(secret.replace(" ", "")) >= 32

    wrong = client.post("/accounts/two-factor/setup/", {"code": "000000"})
    assert wrong.status_code == 400
    device.refresh_from_db()
    assert not device.confirmed

    right = client.post("/accounts/two-factor/setup/", {"code": code_for(device)})
    assert right.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert "Turn two-factor sign-in off" in client.get("/accounts/two-factor/").content.decode()


def test_starting_again_replaces_the_unconfirmed_device(user):
    client = Client()
    client.force_login(user)
    client.post("/accounts/two-factor/setup/", {"action": "start"})
    client.post("/accounts/two-factor/setup/", {"action": "start"})
    assert TOTPDevice.objects.filter(user=user).count() == 1


def test_unconfirmed_device_does_not_change_sign_in(user):
    TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    client = Client()
    assert password_step(client, user)["Location"] == "/"
    assert signed_in_as(client) == str(user.pk)


def test_sign_in_needs_the_code_when_two_factor_is_on(user, device):
    client = Client()
    response = password_step(client, user)
    assert response["Location"] == "/accounts/login/code/"
    assert signed_in_as(client) is None
    # Pages that need an account are still closed.
    assert client.get("/accounts/settings/").status_code == 302

    wrong = client.post("/accounts/login/code/", {"code": "123456"}, REMOTE_ADDR="203.0.113.5")
    assert wrong.status_code == 400
    assert signed_in_as(client) is None

    right = client.post(
        "/accounts/login/code/", {"code": code_for(device)}, REMOTE_ADDR="203.0.113.5"
    )
    assert right.status_code == 302
    assert signed_in_as(client) == str(user.pk)
    assert client.session.get("otp_device_id") == device.persistent_id
    assert client.get("/accounts/settings/").status_code == 200


def test_code_page_without_a_password_step_sends_you_to_sign_in(db):
    response = Client().get("/accounts/login/code/")
    assert response.status_code == 302 and response["Location"] == "/accounts/login/"


def test_a_code_cannot_be_used_twice(user, device):
    code = code_for(device)
    first = Client()
    password_step(first, user)
    assert first.post("/accounts/login/code/", {"code": code}).status_code == 302
    second = Client()
    password_step(second, user)
    assert second.post("/accounts/login/code/", {"code": code}).status_code == 400
    assert signed_in_as(second) is None


def test_code_attempts_are_throttled(user, device, settings):
    client = Client()
    password_step(client, user)
    for _ in range(settings.LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS):
        assert client.post("/accounts/login/code/", {"code": "000000"}).status_code == 400
    blocked = client.post("/accounts/login/code/", {"code": code_for(device)})
    assert blocked.status_code == 429
    assert signed_in_as(client) is None


def test_turning_off_needs_password_and_code(user, device):
    client = Client()
    client.force_login(user)
    no_code = client.post("/accounts/two-factor/", {"password": f.PASSWORD, "code": "000000"})
    assert no_code.status_code == 400
    bad_password = client.post(
        "/accounts/two-factor/", {"password": "not my password", "code": code_for(device)}
    )
    assert bad_password.status_code == 400
    assert TOTPDevice.objects.filter(user=user).exists()
    ok = client.post(
        "/accounts/two-factor/", {"password": f.PASSWORD, "code": code_for(device, offset=1)}
    )
    assert ok.status_code == 302
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert User.objects.filter(pk=user.pk).exists()


def code_step(client, code, address):
    return client.post("/accounts/login/code/", {"code": code}, REMOTE_ADDR=address)


def wrong_codes_from_many_addresses(user, count):
    """An attacker with the password, a new address for every try, waiting as told."""
    for n in range(count):
        client = Client()
        address = f"198.51.100.{n + 1}"
        password_step(client, user, address=address)
        age_the_failures(SECOND_FACTOR_MAX_WAIT_SECONDS)
        assert code_step(client, "000000", address).status_code == 400


def age_the_failures(seconds):
    """Let time pass for the wait, without letting the failures leave the window."""
    from coalesce.accounts.models import LoginFailure

    LoginFailure.objects.update(at=timezone.now() - timedelta(seconds=seconds))


def test_wrong_codes_from_anywhere_slow_the_account_down(user, device):
    # Six doublings past the free tries: a wait of a minute, which no slow machine
    # outlasts between the last wrong code and this try.
    wrong_codes_from_many_addresses(user, SECOND_FACTOR_FREE_FAILURES + 6)
    fresh = Client()
    password_step(fresh, user, address="192.0.2.77")
    slowed = code_step(fresh, code_for(device), "192.0.2.77")
    assert slowed.status_code == 429
    assert re.search(r"Try again in (6[0-4]|[1-5]\d|\d) seconds", slowed.content.decode())
    assert signed_in_as(fresh) is None


def test_the_wait_is_bounded_so_the_owner_is_never_locked_out(user, device):
    wrong_codes_from_many_addresses(user, 20)
    assert 0 < second_factor_wait(user) <= SECOND_FACTOR_MAX_WAIT_SECONDS
    age_the_failures(SECOND_FACTOR_MAX_WAIT_SECONDS)
    owner = Client()
    password_step(owner, user, address="192.0.2.10")
    assert code_step(owner, code_for(device), "192.0.2.10").status_code == 302
    assert signed_in_as(owner) == str(user.pk)


def test_a_browser_that_signed_in_before_is_not_slowed_down(user, device):
    owner = Client()
    password_step(owner, user, address="192.0.2.10")
    assert code_step(owner, code_for(device), "192.0.2.10").status_code == 302
    owner.post("/accounts/logout/")
    wrong_codes_from_many_addresses(user, 12)
    password_step(owner, user, address="192.0.2.10")
    answer = code_step(owner, code_for(device, offset=1), "192.0.2.10")
    assert answer.status_code == 302
    assert signed_in_as(owner) == str(user.pk)


def test_a_changed_password_ends_the_browser_trust(user, device):
    from coalesce.accounts.throttle import is_trusted_browser, trusted_browser_value

    class Request:
        COOKIES = {"coalesce_trusted": trusted_browser_value(user)}

    assert is_trusted_browser(Request, user)
    user.set_password("another long passphrase 42")
    user.save()
    assert not is_trusted_browser(Request, user)
