"""Data for tests/project/test_multiserver.py, made in the servers' shared database by a program
run with the servers' environment (the servers do not see pytest-django's database)::

    python -m tests.support.multiserver_world seed      # migrate, then print JSON (below)
    python -m tests.support.multiserver_world state     # what the database holds now, as JSON

``seed`` makes a coalition with a steering member who signs in with a password (and
drafts a proposal, to open it through a server), and a few members with accounts (the
electorate the opening e-mails). ``state`` reports the audit events, the chain check,
the sign-in failures and the background tasks, so the test can compare.
"""

import argparse
import json
import os
import sys

EMAIL = "steering@multiserver.example.org"
PASSWORD = "two servers, one database"
ELECTORS = 3


def setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coalesce.settings")
    import django

    django.setup()


def seed() -> dict:
    from django.db import transaction

    from coalesce.accounts.models import User
    from coalesce.coalitions.models import SeatRole
    from coalesce.coalitions.policy import actor_for
    from coalesce.decisions import services
    from tests.support import factories as f

    with transaction.atomic():
        user = User.objects.create_user(EMAIL, PASSWORD, display_name="Steering Person")
        coalition = f.make_coalition(user, name="Two Servers Coalition", slug="two-servers")
        membership = f.make_member(coalition, user=user, name="Steering Organisation")
        f.seat(f.steering(coalition), membership, SeatRole.CHAIR)
        for n in range(ELECTORS):
            voter = User.objects.create_user(f"voter{n}@multiserver.example.org", None)
            f.make_member(coalition, user=voter, name=f"Voting organisation {n}")
        author = actor_for(user, coalition)
        category = services.create_category(author, name="Statements")
        services.define_rule(
            author,
            category.id,
            method="simple_majority",
            electorate="all_members",
            quorum_percent=0,
            window_hours=24,
        )
        draft = services.create_proposal(
            author, category_id=category.id, title="Opened through a server", body="Text."
        )
    return {
        "slug": coalition.slug,
        "email": EMAIL,
        "password": PASSWORD,
        "draft": draft.id,
        "electors": ELECTORS + 1,
    }


def state() -> dict:
    from django_tasks_db.models import DBTaskResult

    from coalesce.accounts.models import LoginFailure
    from coalesce.audit.log import verify_chain
    from coalesce.audit.models import AuditEvent

    intact, broken = verify_chain()
    return {
        "audit_events": AuditEvent.objects.count(),
        "audit_actions": sorted(set(AuditEvent.objects.values_list("action", flat=True))),
        "chain_intact": intact,
        "chain_broken_at": broken,
        "login_failures": LoginFailure.objects.count(),
        "tasks": [
            {
                "task": t.task_path,
                "status": t.status,
                "return_value": t.return_value,
                "workers": t.worker_ids,
                "args": t.args_kwargs,
            }
            for t in DBTaskResult.objects.order_by("enqueued_at")
        ],
    }


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m tests.support.multiserver_world")
    parser.add_argument("command", choices=["seed", "state"])
    options = parser.parse_args(argv)
    setup()
    if options.command == "seed":
        from django.core.management import call_command

        call_command("migrate", interactive=False, verbosity=0)
        out = seed()
    else:
        out = state()
    sys.stdout.write(json.dumps(out, default=str) + "\n")


if __name__ == "__main__":
    main()
