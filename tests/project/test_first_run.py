"""First run without the demo: ``coalesce createadmin`` and what ``coalesce serve`` says.

In-process, on the suite's database: the command (non-interactive and interactive) makes
an ordinary account that signs in with its e-mail address and creates a coalition at
/coalitions/new/; it refuses an address that exists, a weak password and missing input.
Through a real server (a subprocess on an empty data folder, SQLite or a fresh
PostgreSQL database): ``coalesce serve`` says how to make the first account, and the
account made with ``coalesce createadmin`` signs in and creates a coalition over HTTP.
"""

import http.cookiejar
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import Client

from coalesce import cli
from tests.support.real_server import (
    ROOT,
    PostgresDatabase,
    is_postgres,
    server_env,
    start_server,
    stop_server,
    wait_until_up,
)

PASSWORD = "a long and unusual passphrase 9"


class FormDefaults(HTMLParser):
    """What a browser would send for each form of a page, left as it is."""

    def __init__(self):
        super().__init__()
        self.forms, self.select, self.textarea = [], None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append(({}, {}))  # (values, first choice of each radio group)
        if not self.forms:
            return
        values, radios = self.forms[-1]
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind == "radio":
                radios.setdefault(name, a.get("value", "on"))
            if kind in ("radio", "checkbox"):
                if "checked" in a:
                    values[name] = a.get("value", "on")
            elif kind not in ("submit", "button", "file"):
                values[name] = a.get("value") or ""
        elif tag == "select" and name:
            self.select = name
        elif tag == "option" and self.select:
            if self.select not in values or "selected" in a:
                values[self.select] = a.get("value", "")
        elif tag == "textarea" and name:
            self.textarea = name
            values[name] = ""

    def handle_data(self, data):
        if self.textarea and self.forms:
            self.forms[-1][0][self.textarea] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None


def form_defaults(html: str, field: str) -> dict:
    """The defaults of the page's form that has ``field``; a radio group with nothing
    checked gets its first choice."""
    parser = FormDefaults()
    parser.feed(html)
    for values, radios in parser.forms:
        if field in values:
            return {**radios, **values}
    raise AssertionError(f"no form with a {field!r} field")


def new_coalition(html: str, name: str, slug: str) -> dict:
    """The coalition form as it comes, with a name and web address, founded as oneself."""
    values = form_defaults(html, "slug")
    values.update(name=name, slug=slug)
    if "founder_kind" in values:
        values["founder_kind"] = "person"
    if "visibility" in values:
        values["visibility"] = "members"
    return values


def create(*args):
    out = io.StringIO()
    call_command("createadmin", *args, "--no-input", stdout=out)
    return out.getvalue()


@pytest.fixture
def password_file(tmp_path):
    path = tmp_path / "password"
    path.write_text(PASSWORD + "\n")
    return path


@pytest.mark.django_db
def test_createadmin_makes_a_plain_account_that_signs_in_and_creates_a_coalition(password_file):
    said = create(
        "--email", "Founder@Example.ORG", "--name", "Amina", "--password-file", password_file
    )
    assert "founder@example.org" in said and "/coalitions/new/" in said
    user = get_user_model().objects.get(email="founder@example.org")
    assert user.display_name == "Amina"
    assert not user.is_superuser and not user.is_staff and user.is_active
    assert user.check_password(PASSWORD) and user.password.startswith("argon2")
    client = Client()
    answer = client.post("/accounts/login/", {"email": "founder@example.org", "password": PASSWORD})
    assert answer.status_code == 302, answer.content[:500]
    form = client.get("/coalitions/new/").content.decode()
    answer = client.post(
        "/coalitions/new/", new_coalition(form, "Safer Together", "safer-together")
    )
    assert answer.status_code == 302, answer.content.decode()[-3000:]
    assert "/safer-together" in answer["Location"]
    from coalesce.coalitions.models import Coalition

    assert Coalition.objects.filter(slug="safer-together").exists()


@pytest.mark.django_db
def test_the_password_can_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("COALESCE_ADMIN_PASSWORD", PASSWORD)
    create("--email", "env@example.org", "--name", "Env")
    assert get_user_model().objects.get(email="env@example.org").check_password(PASSWORD)


@pytest.mark.django_db
def test_superuser_only_when_asked(password_file):
    create(
        "--email",
        "root@example.org",
        "--name",
        "Root",
        "--password-file",
        password_file,
        "--superuser",
    )
    user = get_user_model().objects.get(email="root@example.org")
    assert user.is_superuser and user.is_staff


@pytest.mark.django_db
def test_an_existing_address_is_refused_with_a_clear_message(password_file):
    create("--email", "taken@example.org", "--name", "First", "--password-file", password_file)
    with pytest.raises(CommandError, match="already exists"):
        create("--email", "TAKEN@example.org", "--name", "Second", "--password-file", password_file)
    assert get_user_model().objects.get(email="taken@example.org").display_name == "First"


@pytest.mark.django_db
@pytest.mark.parametrize("weak", ["short", "password123", "1234567890123"])
def test_a_weak_password_is_refused(tmp_path, weak):
    path = tmp_path / "weak"
    path.write_text(weak)
    with pytest.raises(CommandError, match="password is refused"):
        create("--email", "weak@example.org", "--name", "Weak", "--password-file", path)
    assert not get_user_model().objects.filter(email="weak@example.org").exists()


@pytest.mark.django_db
def test_missing_input_is_refused_without_asking(monkeypatch):
    monkeypatch.delenv("COALESCE_ADMIN_PASSWORD", raising=False)
    with pytest.raises(CommandError, match="e-mail address is needed"):
        create("--name", "Nobody")
    with pytest.raises(CommandError, match="password is needed"):
        create("--email", "nopass@example.org", "--name", "No pass")
    with pytest.raises(CommandError, match="not a valid e-mail"):
        create("--email", "not-an-address", "--name", "Bad", "--password-file", "/dev/null")
    assert not get_user_model().objects.exists()


@pytest.mark.django_db
def test_interactive_asks_for_everything_and_the_password_twice(monkeypatch):
    monkeypatch.delenv("COALESCE_ADMIN_PASSWORD", raising=False)
    answers = iter(["asked@example.org", "Asked Person"])
    passwords = iter(["short", "short", PASSWORD, "different", PASSWORD, PASSWORD])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(passwords))
    monkeypatch.setattr(sys, "stdin", type("Tty", (io.StringIO,), {"isatty": lambda self: True})())
    out, err = io.StringIO(), io.StringIO()
    call_command("createadmin", stdout=out, stderr=err)
    assert "too short" in err.getvalue() and "differ" in err.getvalue()
    user = get_user_model().objects.get(email="asked@example.org")
    assert user.display_name == "Asked Person" and user.check_password(PASSWORD)
    assert not next(passwords, None)


@pytest.mark.django_db
def test_serve_explains_the_first_run_only_on_an_empty_database(capsys, password_file):
    cli.explain_first_run()
    assert (
        "No accounts yet. Create the first one with: coalesce createadmin"
        in capsys.readouterr().out
    )
    create("--email", "first@example.org", "--name", "First", "--password-file", password_file)
    capsys.readouterr()
    cli.explain_first_run()
    assert "No accounts yet" not in capsys.readouterr().out


# --- through a real server -----------------------------------------------------------


def test_first_run_through_a_real_server():
    data_dir = Path(tempfile.mkdtemp(prefix="coalesce-first-run-"))
    database = None
    if is_postgres(os.environ.get("DATABASE_URL")):
        database = PostgresDatabase(os.environ["DATABASE_URL"])
    env = server_env(data_dir, database.url if database else None)
    process = None
    try:
        log = data_dir / "server.log"
        process, base = start_server(env, log, workers=1, threads=2, extra=["--no-worker"])
        wait_until_up(base, process, log, path="/healthz")
        assert "No accounts yet. Create the first one with: coalesce createadmin" in log.read_text()
        (data_dir / "password").write_text(PASSWORD)
        done = subprocess.run(
            [sys.executable, "-m", "coalesce", "createadmin", "--email", "ops@example.org"]
            + ["--name", "Operator", "--password-file", str(data_dir / "password")],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            stdin=subprocess.DEVNULL,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        browser = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

        def post(path, fill):
            with browser.open(base + path, timeout=60) as page:
                html = page.read().decode()
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
            body = urllib.parse.urlencode({**fill(html), "csrfmiddlewaretoken": token}).encode()
            try:
                with browser.open(base + path, data=body, timeout=60) as answer:
                    return answer.status, answer.geturl(), answer.read().decode()
            except urllib.error.HTTPError as error:
                return error.code, path, error.read().decode()

        sign_in = {"email": "ops@example.org", "password": PASSWORD}
        status, url, _ = post("/accounts/login/", lambda html: sign_in)
        assert status == 200 and "/accounts/login" not in url
        status, url, html = post(
            "/coalitions/new/", lambda form: new_coalition(form, "First Coalition", "first")
        )
        assert status == 200 and "/first" in url, (status, url, html[-3000:])
        assert "First Coalition" in html
    finally:
        stop_server(process)
        if database is not None:
            database.drop()
        shutil.rmtree(data_dir, ignore_errors=True)
