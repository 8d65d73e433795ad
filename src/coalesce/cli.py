"""The ``coalesce`` command.

coalesce demo            create the database if needed, load the demo once, serve it locally
coalesce serve           run the production server (gunicorn; static files via whitenoise)
  --lan                  (demo, serve) answer phones on the local network: bind 0.0.0.0 and
                         allow this machine's LAN address (for live training sessions)
coalesce check           Django's system checks, including the deployment checks
coalesce createadmin     create the first account (e-mail, name, password)
coalesce backup DEST     a consistent snapshot of the database (while serving), with a manifest
coalesce restore SRC     restore a backup into an empty database, then check it
coalesce <django command> any management command: migrate, createsuperuser, rotate_keys …
"""

# Django and what needs its settings are imported inside the commands, after
# ``setup_django()``.
import argparse
import atexit
import ipaddress
import os
import socket
import subprocess
import sys
from pathlib import Path


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coalesce.settings")
    import django

    django.setup()


def run_management(argv):
    from django.core.management import execute_from_command_line

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coalesce.settings")
    execute_from_command_line(["coalesce", *argv])


def demo(argv):
    lan = "--lan" in argv
    argv = [a for a in argv if a != "--lan"]
    address = argv[0] if argv else "127.0.0.1:8000"
    if lan:  # before Django reads its settings
        address = use_lan(address)
    setup_django()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    call_command("load_demo")
    serve([address, "--workers", "2"], announce=True)


def lan_address() -> str | None:
    """This machine's address on the local network, or None.

    A UDP socket "connected" to a private address makes the system pick the interface
    it would route through; nothing is sent.
    """

    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("10.254.254.254", 9))
            found = probe.getsockname()[0]
    except OSError:
        return None
    address = ipaddress.ip_address(found)
    return found if address.is_private and not address.is_loopback else None


def use_lan(address: str) -> str:
    """Serve the local network: bind every interface (same port) and add the LAN address
    to ``ALLOWED_HOSTS`` (read by the settings), so phones in the room can join."""
    port = address.rpartition(":")[2] if ":" in address else "8000"
    found = lan_address()
    if found:
        hosts = os.environ.get("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",")
        if found not in hosts:
            hosts.append(found)
        os.environ["ALLOWED_HOSTS"] = ",".join(h for h in hosts if h)
        print(f"Phones on this network join at http://{found}:{port}/live/", flush=True)
    else:
        print("No local network address found; phones cannot reach this machine.", flush=True)
    return f"0.0.0.0:{port}"


def serve(argv, announce=False):
    """Run gunicorn in this process with the WSGI application."""

    parser = argparse.ArgumentParser(prog="coalesce serve")
    parser.add_argument(
        "address", nargs="?", default=os.environ.get("COALESCE_BIND", "127.0.0.1:8000")
    )
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", 2)))
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument(
        "--no-worker", action="store_true", help="do not start the background task worker"
    )
    parser.add_argument(
        "--lan", action="store_true", help="answer phones on the local network (live sessions)"
    )
    options = parser.parse_args(argv)
    if options.lan:
        options.address = use_lan(options.address)
    setup_django()
    migrate_once()
    collect_static_files_once()
    explain_first_run()
    from django.db import connection

    connection.close()  # before gunicorn forks its workers
    if announce:
        print(f"\nCoalesce is running at http://{options.address}/  (Ctrl-C to stop)\n", flush=True)
    if not options.no_worker:
        start_task_worker()
    from gunicorn.app.wsgiapp import run

    sys.argv = [
        "gunicorn",
        "coalesce.wsgi:application",
        "--bind",
        options.address,
        "--workers",
        str(options.workers),
        "--threads",
        str(options.threads),
        "--access-logfile",
        "-" if os.environ.get("ACCESS_LOG") else "/dev/null",
        *gunicorn_control_options(),
    ]
    run()


FIRST_RUN = (
    "No accounts yet. Create the first one with: coalesce createadmin\n"
    "(it asks for an e-mail address, a name and a password), then sign in and create a\n"
    "coalition at /coalitions/new/. See docs/operations.md."
)


def explain_first_run():
    """On an empty database, say how to make the first account (before serving)."""
    from django.contrib.auth import get_user_model

    if not get_user_model().objects.exists():
        print(f"\n{FIRST_RUN}\n", flush=True)


MIGRATION_LOCK = 0x436F616C  # "Coal": a PostgreSQL advisory lock key of our own


def migrate_once():
    """Apply migrations. Several servers on one PostgreSQL database may start at the same
    moment: an advisory lock lets one migrate while the others wait, then find nothing
    left to do. (SQLite is one machine: its IMMEDIATE transactions already queue.)"""
    from django.core.management import call_command
    from django.db import connection

    locked = connection.vendor == "postgresql"
    if locked:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [MIGRATION_LOCK])
    try:
        call_command("migrate", interactive=False, verbosity=0)
    finally:
        if locked:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [MIGRATION_LOCK])
        connection.close()


def collect_static_files_once():
    """Collect (and compress) static files when this version has not collected them yet;
    compressing every file again would add seconds to every start."""
    from django.conf import settings
    from django.core.management import call_command

    from coalesce import __version__

    sources = [p for d in settings.STATICFILES_DIRS for p in Path(d).rglob("*") if p.is_file()]
    newest = max((int(p.stat().st_mtime) for p in sources), default=0)
    stamp = Path(settings.STATIC_ROOT) / f".collected-{__version__}-{newest}"
    if not stamp.exists():
        call_command("collectstatic", interactive=False, verbosity=0)
        stamp.touch()


def start_task_worker():
    """Run the background task worker (e-mails, digests) beside the web server: one per
    data folder (a lock file there), and never outliving this process — the kernel stops
    it when we die, even by SIGKILL (Linux), and it watches us too (coalesce.core.worker).
    Returns the worker process, or None when the data folder already has one."""

    from django.conf import settings

    from coalesce.core import worker

    fd = worker.try_lock(settings.DATA_DIR)
    if fd is None:
        print(
            f"A task worker is already running for {settings.DATA_DIR} "
            f"(pid {worker.holder(settings.DATA_DIR)}); this server does not start another.",
            flush=True,
        )
        return None
    command = [sys.executable, "-m", "coalesce.core.worker", "--lock-fd", str(fd)]
    command += ["--parent", str(os.getpid())]
    try:
        process = subprocess.Popen(  # noqa: S603
            command,
            pass_fds=(fd,),
            preexec_fn=worker.die_with_parent,
        )
    finally:
        os.close(fd)  # the worker holds the lock now, for as long as it runs
    atexit.register(process.terminate)
    return process


def gunicorn_control_options() -> list[str]:
    """gunicorn 25.1+ opens a control socket, by default in ``~/.gunicorn`` (shared by
    every server of the user on the host): keep it in the data folder instead, or turn it
    off when the path would be too long for a Unix socket."""
    from django.conf import settings
    from gunicorn.config import KNOWN_SETTINGS

    names = {setting.name for setting in KNOWN_SETTINGS}
    if "control_socket" not in names:
        return []
    path = Path(settings.DATA_DIR) / "gunicorn.ctl"
    if len(os.fsencode(path)) >= 100:  # sun_path holds 108 bytes
        return ["--no-control-socket"]
    return ["--control-socket", str(path)]


def check(argv):
    run_management(["check", "--deploy", *argv])


COMMANDS = {"demo": demo, "serve": serve, "check": check}


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print(__doc__)
        return 0
    command = COMMANDS.get(argv[0])
    if command is None:
        run_management(argv)
    else:
        command(argv[1:])
    return 0


if __name__ == "__main__":
    sys.exit(main())
