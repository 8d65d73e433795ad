"""Sign-in by e-mail, throttling, sign-out, password change and reset."""

import re

import pytest
from django.core import mail
from django.test import Client

from coalesce.accounts import throttle
from coalesce.accounts.models import LoginFailure
from tests.support import factories as f

LOGIN = "/accounts/login/"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


def post_login(client, email, password, address="203.0.113.10", **extra):
    return client.post(LOGIN, {"email": email, "password": password}, REMOTE_ADDR=address, **extra)


def normalised(response, email):
    return CSRF.sub("", response.content.decode()).replace(email, "EMAIL")


@pytest.fixture
def user(db):
    return f.make_user("ada@example.org", "Ada")


def test_right_password_signs_in_case_insensitively(user):
    client = Client()
    response = post_login(client, "  ADA@example.org ", f.PASSWORD)
    assert response.status_code == 302
    assert client.get("/accounts/settings/").status_code == 200


def test_unknown_email_and_wrong_password_answer_identically(user):
    wrong = post_login(Client(), "ada@example.org", "not the password at all")
    unknown = post_login(Client(), "nobody@example.org", "not the password at all")
    assert wrong.status_code == unknown.status_code == 400
    assert normalised(wrong, "ada@example.org") == normalised(unknown, "nobody@example.org")
    assert "not right" in wrong.content.decode()
    assert "_auth_user_id" not in Client().session.keys()


def test_failures_from_one_address_for_one_account_are_refused_with_429(user, settings):
    limit = settings.LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS
    attacker = Client()
    for _ in range(limit):
        assert (
            post_login(attacker, user.email, "wrong password!!", "198.51.100.7").status_code == 400
        )
    # Even the right password is refused from that address for now.
    blocked = post_login(attacker, user.email, f.PASSWORD, "198.51.100.7")
    assert blocked.status_code == 429
    assert "_auth_user_id" not in attacker.session
    # Unknown accounts are throttled the same way: no way to tell them apart.
    for _ in range(limit):
        post_login(attacker, "ghost@example.org", "wrong password!!", "198.51.100.7")
    ghost = post_login(attacker, "ghost@example.org", "wrong password!!", "198.51.100.7")
    assert ghost.status_code == 429
    assert normalised(ghost, "ghost@example.org") == normalised(blocked, user.email)


def test_the_victim_at_another_address_can_still_sign_in(user, settings):
    attacker = Client()
    for _ in range(settings.LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS + 3):
        post_login(attacker, user.email, "wrong password!!", "198.51.100.7")
    victim = Client()
    response = post_login(victim, user.email, f.PASSWORD, "192.0.2.44")
    assert response.status_code == 302
    assert victim.session["_auth_user_id"] == str(user.pk)


def test_too_many_failures_from_one_address_overall_are_refused(user, settings):
    settings.LOGIN_FAILURES_PER_ADDRESS = 4
    client = Client()
    for n in range(4):
        post_login(client, f"someone{n}@example.org", "wrong password!!")
    assert post_login(client, user.email, f.PASSWORD).status_code == 429
    assert post_login(Client(), user.email, f.PASSWORD, "192.0.2.44").status_code == 302


def test_success_clears_the_failures_of_that_account_and_address(user):
    for _ in range(3):
        post_login(Client(), user.email, "wrong password!!")
    assert post_login(Client(), user.email, f.PASSWORD).status_code == 302
    key = throttle.account_key(user.email, "203.0.113.10")
    assert not LoginFailure.objects.filter(account_and_address=key).exists()


def test_failures_store_only_keyed_hashes(user):
    post_login(Client(), user.email, "wrong password!!", "198.51.100.7")
    failure = LoginFailure.objects.get()
    assert "198.51.100.7" not in failure.address + failure.account_and_address
    assert len(failure.address) == len(failure.account_and_address) == 64


def test_forwarded_for_is_ignored_unless_trusted(rf, settings):
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 5.6.7.8")
    assert throttle.client_address(request) == "10.0.0.1"
    settings.TRUST_X_FORWARDED_FOR = True
    assert throttle.client_address(request) == "5.6.7.8"


def test_next_must_stay_on_this_site(user):
    response = Client().post(
        LOGIN + "?next=https://evil.example/", {"email": user.email, "password": f.PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/"
    response = Client().post(
        LOGIN, {"email": user.email, "password": f.PASSWORD, "next": "/accounts/tokens/"}
    )
    assert response["Location"] == "/accounts/tokens/"


def test_sign_out_needs_post(user):
    client = Client()
    client.force_login(user)
    assert client.get("/accounts/logout/").status_code == 405
    assert client.post("/accounts/logout/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_signed_in_pages_are_not_cached(user):
    client = Client()
    client.force_login(user)
    assert "no-store" in client.get("/accounts/settings/")["Cache-Control"]


def test_password_change(user):
    client = Client()
    client.force_login(user)
    assert client.get("/accounts/password/").status_code == 200
    weak = client.post(
        "/accounts/password/",
        {"old_password": f.PASSWORD, "new_password1": "12345", "new_password2": "12345"},
    )
    assert weak.status_code == 200 and "new_password2_error" in weak.content.decode()
    new = "a much better passphrase 42"
    response = client.post(
        "/accounts/password/",
        {"old_password": f.PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new)
    assert user.password.startswith("argon2")


def test_password_reset_unknown_address_sends_nothing_but_looks_the_same(user, run_queued_tasks):
    unknown = Client().post("/accounts/password/reset/", {"email": "nobody@example.org"})
    run_queued_tasks()
    assert len(mail.outbox) == 0
    known = Client().post("/accounts/password/reset/", {"email": user.email})
    run_queued_tasks()
    assert len(mail.outbox) == 1
    assert unknown.status_code == known.status_code == 302
    assert unknown["Location"] == known["Location"] == "/accounts/password/reset/sent/"
    page = Client().get(known["Location"])
    assert "If the address you entered belongs to an account" in page.content.decode()


def test_password_reset_link_sets_a_new_password(user, run_queued_tasks):
    Client().post("/accounts/password/reset/", {"email": user.email})
    run_queued_tasks()
    link = re.search(r"http://testserver(/accounts/password/reset/\S+/)", mail.outbox[0].body)[1]
    client = Client()
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    new = "a brand new passphrase 77"
    response = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new)


def test_password_reset_requests_are_throttled_per_address_whether_or_not_it_exists(
    user, run_queued_tasks
):
    for email in (user.email, "nobody@example.org"):
        client = Client()
        statuses = [
            client.post("/accounts/password/reset/", {"email": email}).status_code for _ in range(4)
        ]
        assert statuses == [302, 302, 302, 429], email
    run_queued_tasks()
    assert len(mail.outbox) == 3  # only the account's address received anything


def statements(sql_log) -> list[str]:
    """The SQL a request ran, with its values left out."""
    values = re.compile(r"'[^']*'|\b\d+\b")
    return [values.sub("?", query["sql"]) for query in sql_log]


@pytest.mark.parametrize(
    "url", ["/accounts/password/reset/", "/c/border-watch/people/join/"], ids=["reset", "join"]
)
def test_the_request_does_the_same_work_whether_or_not_the_account_exists(user, url):
    """Looking the address up, and sending, happen in the task queue: the request itself
    runs the same statements for a known and an unknown address, so its timing says
    nothing."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from coalesce.coalitions.models import JoinMode

    coalition = f.make_coalition(name="Border Watch", slug="border-watch")
    coalition.join_mode = JoinMode.OPEN
    coalition.save(update_fields=["join_mode"])
    work = []
    for email in (user.email, "nobody@example.org"):
        with CaptureQueriesContext(connection) as sql_log:
            Client().post(url, {"email": email})
        work.append(statements(sql_log))
    assert work[0] == work[1]
    assert not any("accounts_user" in statement for statement in work[0])
