"""Data for tests and benchmarks that vote through a real server in another process.

A server started with ``coalesce serve`` does not see pytest-django's test database, so
the data is made in the server's own database by this module, run as a program with
the same environment as the server::

    python -m tests.support.voting_world seed --voters 40 [--proposals open secret ...]
    python -m tests.support.voting_world close --proposals 3 4

``seed`` migrates, then creates a coalition with one member organisation per voter
(each with a user and an API token) and one open proposal per name given (``open…``:
an open ballot, ``secret…``: a secret ballot; simple majority, all members, no quorum);
it prints JSON: ``{"slug", "proposals": {name: id}, "tokens": [...]}``.

``close`` closes the proposals as if their window had ended and prints, per proposal,
the published result and what the database holds (ballot rows, secret ballots,
ballots left sealed in the mix, electors marked as having voted).
"""

import argparse
import json
import os
import sys
from datetime import timedelta


def setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coalesce.settings")
    import django

    django.setup()


def seed(voters: int, proposals: list[str], slug: str = "voting-world") -> dict:
    from django.db import transaction

    from coalesce.accounts.models import ApiToken, User
    from coalesce.coalitions.policy import actor_for
    from coalesce.decisions import services
    from tests.support import factories as f

    with transaction.atomic():
        # No password: nobody signs in with one, and hashing 40 passwords takes seconds.
        admin = User.objects.create_user(f"admin@{slug}.example.org", None)
        coalition = f.make_coalition(admin, name="Voting world", slug=slug)
        users, tokens = [], []
        for n in range(voters):
            user = User.objects.create_user(f"voter{n}@{slug}.example.org", None)
            f.make_member(coalition, user=user, name=f"Voter organisation {n}")
            tokens.append(ApiToken.issue(user, "voting")[1])
            users.append(user)
        admin_actor = actor_for(admin, coalition)
        author = actor_for(users[0], coalition)
        categories = {}
        for secret in (False, True):
            category = services.create_category(
                admin_actor, name="Secret ballots" if secret else "Open ballots"
            )
            services.define_rule(
                admin_actor,
                category.id,
                method="simple_majority",
                electorate="all_members",
                quorum_percent=0,
                window_hours=24,
                secret=secret,
            )
            categories[secret] = category
        ids = {}
        for name in proposals:
            category = categories[name.startswith("secret")]
            proposal = services.create_proposal(
                author, category_id=category.id, title=f"Proposal {name}", body="Vote on it."
            )
            services.open_proposal(author, proposal.id)
            ids[name] = proposal.id
    return {"slug": slug, "proposals": ids, "tokens": tokens}


def close(proposal_ids: list[int]) -> dict:
    from django.utils import timezone

    from coalesce.decisions import services
    from coalesce.decisions.models import Ballot, Elector, SealedBallot, SecretBallot

    later = timezone.now() + timedelta(days=30)
    report = {}
    for proposal_id in proposal_ids:
        proposal = services.close_proposal(proposal_id, now=later)
        electors = Elector.objects.filter(proposal_id=proposal_id)
        report[str(proposal_id)] = {
            "outcome": proposal.outcome,
            "result": proposal.result,
            "ballots": Ballot.objects.filter(proposal_id=proposal_id).count(),
            "secret_ballots": SecretBallot.objects.filter(proposal_id=proposal_id).count(),
            "sealed_ballots": SealedBallot.objects.filter(proposal_id=proposal_id).count(),
            "electors": electors.count(),
            "electors_voted": electors.filter(has_voted=True).count(),
            "electors_with_ballot": electors.filter(ballot__isnull=False).count(),
        }
    return report


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m tests.support.voting_world")
    commands = parser.add_subparsers(dest="command", required=True)
    seeding = commands.add_parser("seed")
    seeding.add_argument("--voters", type=int, default=40)
    seeding.add_argument("--proposals", nargs="+", default=["open", "secret"])
    seeding.add_argument("--slug", default="voting-world")
    closing = commands.add_parser("close")
    closing.add_argument("--proposals", nargs="+", type=int, required=True)
    options = parser.parse_args(argv)
    setup()
    if options.command == "seed":
        from django.core.management import call_command

        call_command("migrate", interactive=False, verbosity=0)
        out = seed(options.voters, options.proposals, options.slug)
    else:
        out = close(options.proposals)
    sys.stdout.write(json.dumps(out) + "\n")


if __name__ == "__main__":
    main()
