import json

from django.core.management.base import BaseCommand, CommandError

from coalesce.demo import synthetic


class Command(BaseCommand):
    help = (
        "Generate a synthetic coalition at the size of the largest real ones (1,500 "
        "organisations, 20,000 people, 2,000 proposals, 200,000 ballots at --factor 1), "
        "for benchmarks. Deterministic for a given --seed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--factor", type=float, default=1.0, help="multiplies the counts")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--slug", default=synthetic.SLUG)
        parser.add_argument("--json", action="store_true", help="print the summary as JSON")

    def handle(self, *args, factor, seed, slug, json: bool, **options):
        if not 0 < factor <= 100:
            raise CommandError("--factor must be more than 0 and at most 100.")
        log = None if json else self.stdout.write
        if log:
            log(f"Generating the synthetic coalition {slug!r} (factor {factor:g}, seed {seed})…")
        try:
            summary = synthetic.generate(factor=factor, seed=seed, slug=slug, log_to=log)
        except ValueError as error:
            raise CommandError(str(error)) from error
        if json:
            self.stdout.write(_dumps(summary))
            return
        log(f"Done in {summary['seconds']} s.")
        for name, count in summary["counts"].items():
            log(
                f"  {name:<40} {count:>12,}"
                if isinstance(count, int)
                else f"  {name:<40} {count:>12}"
            )
        log(f"Logins (password: {summary['password']}):")
        for role, email in summary["logins"].items():
            if role != "voters":
                log(f"  {role:<10} {email}")
        log(f"  voters     {len(summary['logins']['voters'])} accounts: voter0@… to voterN@…")


def _dumps(data) -> str:
    return json.dumps(data, indent=2)
