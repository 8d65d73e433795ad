"""The ``coalesce`` command.

coalesce demo            create the database if needed, load the demo once, serve it locally
coalesce serve           run the production server (gunicorn; static files via whitenoise)
coalesce check           Django's system checks, including the deployment checks
coalesce <django command> any management command: migrate, createsuperuser, rotate_keys …
"""

import os
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
    address = argv[0] if argv else "127.0.0.1:8000"
    setup_django()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    call_command("load_demo")
    serve([address, "--workers", "2"], announce=True)


def serve(argv, announce=False):
    """Run gunicorn in this process with the WSGI application."""
    import argparse

    parser = argparse.ArgumentParser(prog="coalesce serve")
    parser.add_argument(
        "address", nargs="?", default=os.environ.get("COALESCE_BIND", "127.0.0.1:8000")
    )
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", 2)))
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument(
        "--no-worker", action="store_true", help="do not start the background task worker"
    )
    options = parser.parse_args(argv)
    setup_django()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    collect_static_files_once()
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
    ]
    run()


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
    """Run the background task worker (e-mails, digests) beside the web server."""
    import atexit
    import subprocess

    worker = subprocess.Popen([sys.executable, "-m", "coalesce", "db_worker"])  # noqa: S603
    atexit.register(worker.terminate)


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
