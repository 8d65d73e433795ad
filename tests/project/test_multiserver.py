"""Several application servers on one PostgreSQL database behind nginx (issue 5, part 4).

Two ``coalesce serve`` processes (gunicorn and each its own background task worker;
settings ``tests.support.server_settings``: production's, static files left uncompressed) start
at the same moment on a fresh database of the suite's PostgreSQL server, each with a
data folder of its own: all they share is the database and, through the environment,
the secret key and the encryption keys, as docs/deployment.md says a deployment must.
nginx (Debian's, run by the test as a foreground process) balances them round robin
with ``deploy/nginx.conf``, the template operators use.

One visitor's requests then go to each server in turn: signing in on one keeps them
signed in on the other, a CSRF token from one is accepted by the other, sign-in
failures count across both, audit events written through both at once keep the hash
chain intact, and a task enqueued through one server is run once by a worker.

Skipped (with the reason) when DATABASE_URL is not PostgreSQL — ``./dev test`` runs
the suite a second time on PostgreSQL — or when nginx is not installed (``./dev``
installs it).
"""

import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from http.cookies import SimpleCookie
from pathlib import Path

import pytest
from django.urls import reverse

from tests.support.real_server import PostgresDatabase, free_port, is_postgres, run_json

ROOT = Path(__file__).resolve().parents[2]
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)

pytestmark = [
    pytest.mark.skipif(
        not is_postgres(os.environ.get("DATABASE_URL")),
        reason="several servers share one PostgreSQL database: set DATABASE_URL to a "
        "PostgreSQL server (./dev test does, on its second pass)",
    ),
    pytest.mark.skipif(
        NGINX is None, reason="nginx is not installed (./dev test installs nginx-light)"
    ),
]


# --- the cluster ------------------------------------------------------------------------


class Cluster:
    def __init__(self, servers, balancer, env, world, logs):
        self.servers, self.balancer, self.env, self.world, self.logs = (
            servers,
            balancer,
            env,
            world,
            logs,
        )
        self.slug = world["slug"]

    def state(self) -> dict:
        return run_json(["-m", "tests.support.multiserver_world", "state"], self.env)

    def assert_healthy(self):
        for log in self.logs:
            text = log.read_text()
            assert "Traceback" not in text, f"{log}:\n{text[-3000:]}"


def start(command, env, log: Path, **kwargs):
    with log.open("w") as out:
        return subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: the server and its worker
            **kwargs,
        )


def stop(process):
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    try:  # anything it started and left behind (the task worker), by its group
        os.killpg(process.pid, signal.SIGTERM)
    except ProcessLookupError:
        pass


def wait_for(base, process, log, path="/healthz", timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"{base} stopped: {log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(base + path, timeout=2) as answer:
                if answer.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    pytest.fail(f"{base} did not start: {log.read_text()[-3000:]}")


def nginx_config(prefix: Path, listen: str, upstreams: list[str]) -> str:
    """deploy/nginx.conf with its three ${...} placeholders filled in."""
    values = {
        "prefix": str(prefix),
        "listen": listen,
        "servers": " ".join(f"server {address};" for address in upstreams),
    }
    template = (ROOT / "deploy" / "nginx.conf").read_text()
    return re.sub(r"\$\{(prefix|listen|servers)\}", lambda m: values[m.group(1)], template)


@pytest.fixture(scope="module")
def cluster():
    from cryptography.fernet import Fernet

    work = Path(tempfile.mkdtemp(prefix="coalesce-multiserver-"))
    work.chmod(0o755)  # nginx's workers run as another user when the test is root
    database = PostgresDatabase(os.environ["DATABASE_URL"])
    shared = {
        **os.environ,
        "DATABASE_URL": database.url,
        "DJANGO_SETTINGS_MODULE": "tests.support.server_settings",
        # What every server must share, besides the database (docs/deployment.md).
        "SECRET_KEY": secrets.token_urlsafe(50),
        "COALESCE_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        # Behind the balancer: the visitor's address is in X-Forwarded-For.
        "TRUST_X_FORWARDED_FOR": "1",
    }
    for name in ("TASKS_BACKEND", "EMAIL_BACKEND", "EMAIL_FILE_PATH"):
        shared.pop(name, None)  # the production defaults: tasks in the database
    processes, logs = [], []
    try:
        seed_env = {**shared, "COALESCE_DATA_DIR": str(work / "seed")}
        world = run_json(["-m", "tests.support.multiserver_world", "seed"], seed_env)
        bases, addresses, data_dirs = [], [], []
        for n in (1, 2):
            address = f"127.0.0.1:{free_port()}"
            data = work / f"server{n}"
            env = {**shared, "COALESCE_DATA_DIR": str(data)}
            log = work / f"server{n}.log"
            command = [sys.executable, "-m", "coalesce", "serve", address]
            processes.append(start([*command, "--workers", "1", "--threads", "4"], env, log))
            bases.append(f"http://{address}")
            addresses.append(address)
            data_dirs.append(data)
            logs.append(log)
        for base, process, log in zip(bases, processes, logs, strict=True):
            wait_for(base, process, log)
        prefix = work / "nginx"
        prefix.mkdir()
        listen = f"127.0.0.1:{free_port()}"
        config = prefix / "nginx.conf"
        config.write_text(nginx_config(prefix, listen, addresses))
        log = work / "nginx.log"
        nginx = start([NGINX, "-p", str(prefix), "-c", str(config), "-g", "daemon off;"], {}, log)
        processes.append(nginx)
        wait_for(f"http://{listen}", nginx, log)
        yield Cluster(
            servers=bases,
            balancer=f"http://{listen}",
            env={**shared, "COALESCE_DATA_DIR": str(work / "seed")},
            world={**world, "data_dirs": data_dirs},
            logs=logs,
        )
    finally:
        for process in reversed(processes):
            stop(process)
        database.drop()
        shutil.rmtree(work, ignore_errors=True)


# --- a browser of sorts ---------------------------------------------------------------


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """Keeps cookies (which, like a browser's, ignore the port) and shows redirects."""

    opener = urllib.request.build_opener(NoRedirect)

    def __init__(self):
        self.cookies = {}

    def request(self, base, path, data=None, headers=None):
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(base + path, data=body, headers=headers)
        try:
            with self.opener.open(request, timeout=60) as answer:
                status, text, head = answer.status, answer.read().decode(), answer.headers
        except urllib.error.HTTPError as error:
            status, text, head = error.code, error.read().decode(), error.headers
        for line in head.get_all("Set-Cookie") or []:
            cookie = SimpleCookie()
            cookie.load(line)
            for name, morsel in cookie.items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return status, text, head

    def get(self, base, path):
        return self.request(base, path)

    def post(self, base, path, data, token):
        return self.request(base, path, {**data, "csrfmiddlewaretoken": token})


def csrf_token(html: str) -> str:
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert found, "no CSRF token on the page"
    return found.group(1)


def sign_in(cluster, browser, form_from, post_to):
    status, html, _ = browser.get(form_from, reverse("accounts:login"))
    assert status == 200
    status, _, head = browser.post(
        post_to,
        reverse("accounts:login"),
        {"email": cluster.world["email"], "password": cluster.world["password"]},
        csrf_token(html),
    )
    return status, head


# --- the tests ----------------------------------------------------------------------


def test_the_balancer_sends_requests_to_each_server_in_turn(cluster):
    upstreams = []
    for _ in range(6):
        status, _, head = Browser().get(cluster.balancer, "/healthz")
        assert status == 200
        upstreams.append(head["X-Upstream"])
    assert len(set(upstreams)) == 2, upstreams
    assert all(a != b for a, b in zip(upstreams, upstreams[1:], strict=False)), upstreams


def test_signed_in_on_one_server_is_signed_in_on_the_other(cluster):
    one, two = cluster.servers
    browser = Browser()
    # The sign-in form comes from one server, the answer goes to the other: the CSRF
    # cookie and token made by one are accepted by the other (same SECRET_KEY).
    status, head = sign_in(cluster, browser, form_from=one, post_to=two)
    assert status == 302 and "/accounts/login" not in head["Location"], status
    settings_page = reverse("accounts:settings")
    for base in (one, two, one, two):
        status, html, _ = browser.get(base, settings_page)
        assert status == 200, (base, status)
        assert cluster.world["email"] in html
    # Through the balancer, each request on whichever server it lands.
    landed = set()
    for _ in range(4):
        status, html, head = browser.get(cluster.balancer, settings_page)
        assert status == 200 and cluster.world["email"] in html
        landed.add(head["X-Upstream"])
    assert len(landed) == 2
    # A form from one server posted to the other: signing out, done on both.
    _, html, _ = browser.get(one, settings_page)
    status, _, _ = browser.post(two, reverse("accounts:logout"), {}, csrf_token(html))
    assert status == 302
    for base in (one, two):
        status, _, head = browser.get(base, settings_page)
        assert status == 302 and "/accounts/login" in head["Location"]
    cluster.assert_healthy()


def test_a_post_without_the_token_is_refused_by_either_server(cluster):
    browser = Browser()
    browser.get(cluster.servers[0], reverse("accounts:login"))  # has the cookie only
    for base in cluster.servers:
        status, _, _ = browser.request(
            base, reverse("accounts:login"), {"email": "x@example.org", "password": "y"}
        )
        assert status == 403


def test_sign_in_failures_count_across_servers(cluster):
    from django.conf import settings

    limit = settings.LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS
    before = cluster.state()["login_failures"]
    browser = Browser()
    _, html, _ = browser.get(cluster.servers[0], reverse("accounts:login"))
    token = csrf_token(html)
    attempt = {"email": "nobody-here@multiserver.example.org", "password": "wrong password"}
    statuses = []
    for n in range(limit + 2):
        base = cluster.servers[n % 2]
        status, _, _ = browser.post(base, reverse("accounts:login"), attempt, token)
        statuses.append((base, status))
    # Each server alone saw at most limit/2 + 1 failures: only a shared count blocks.
    assert [s for _, s in statuses] == [400] * limit + [429, 429], statuses
    assert cluster.state()["login_failures"] - before == limit


def test_audit_events_written_through_both_servers_at_once_keep_the_chain(cluster):
    browser = Browser()
    status, _ = sign_in(cluster, browser, cluster.servers[0], cluster.servers[1])
    assert status == 302
    before = cluster.state()
    export = reverse("coalitions:members_export", kwargs={"slug": cluster.slug})
    # Every export is recorded in the audit log: 24 at once, half through each server
    # and a third of them through the balancer.
    bases = [cluster.servers[0], cluster.servers[1], cluster.balancer] * 8

    def fetch(base):
        status, body, _ = browser.get(base, export)
        return status, body

    with ThreadPoolExecutor(max_workers=12) as pool:
        answers = list(pool.map(fetch, bases))
    assert [status for status, _ in answers] == [200] * len(bases), answers[:3]
    after = cluster.state()
    assert after["audit_events"] - before["audit_events"] == len(bases)
    assert after["chain_intact"], after
    verify = subprocess.run(
        [sys.executable, "-m", "coalesce", "verify_audit"],
        cwd=ROOT,
        env=cluster.env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert verify.returncode == 0 and "intact" in verify.stdout, verify.stdout + verify.stderr
    cluster.assert_healthy()


def test_a_task_enqueued_through_one_server_is_run_once_by_a_worker(cluster):
    browser = Browser()
    one, two = cluster.servers
    assert sign_in(cluster, browser, one, two)[0] == 302
    proposal = reverse(
        "decisions:proposal",
        kwargs={"slug": cluster.slug, "proposal_id": cluster.world["draft"]},
    )
    status, html, _ = browser.get(two, proposal)
    assert status == 200
    opening = reverse(
        "decisions:proposal_open",
        kwargs={"slug": cluster.slug, "proposal_id": cluster.world["draft"]},
    )
    status, _, _ = browser.post(one, opening, {}, csrf_token(html))
    assert status == 302
    deadline = time.monotonic() + 60
    while True:
        tasks = [t for t in cluster.state()["tasks"] if t["task"].endswith("email_electorate")]
        if tasks and tasks[0]["status"] in ("SUCCESSFUL", "FAILED"):
            break
        assert time.monotonic() < deadline, f"the task was not run: {tasks}"
        time.sleep(0.5)
    assert len(tasks) == 1, tasks
    task = tasks[0]
    assert task["status"] == "SUCCESSFUL", task
    assert task["return_value"] == cluster.world["electors"], task
    assert len(task["workers"]) == 1, task  # picked up once, by one of the two workers
    mail = [p for d in cluster.world["data_dirs"] for p in (Path(d) / "mail").glob("*")]
    assert mail, "no e-mail was written by either server's worker"
    # The opened proposal takes votes whichever server is asked.
    vote = reverse(
        "decisions:proposal_vote",
        kwargs={"slug": cluster.slug, "proposal_id": cluster.world["draft"]},
    )
    for base in (one, two):
        status, html, _ = browser.get(base, proposal)
        assert status == 200 and f'action="{vote}"' in html
    cluster.assert_healthy()
