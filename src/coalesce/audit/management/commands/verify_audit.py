from django.core.management.base import BaseCommand, CommandError

from coalesce.audit import log
from coalesce.core import crypto


class Command(BaseCommand):
    help = (
        "Verify the audit log's keyed hash chain, up to its head, and report the first "
        "broken event, if any. With --head ID:HASH (from `coalesce audit_head`, kept "
        "elsewhere) also check that the chain still holds that event."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--head",
            metavar="ID:HASH",
            help="a head printed earlier by `coalesce audit_head` and kept outside the database",
        )

    def handle(self, *args, head=None, **options):
        kept = None
        if head:
            try:
                kept = log.parse_head(head)
            except ValueError:
                raise CommandError(
                    f"--head must be ID:HASH as `coalesce audit_head` prints it, not {head!r}."
                ) from None
        verdict = log.check(kept)
        if verdict.unverifiable:
            raise CommandError(
                "The audit chain cannot be verified with these keys: event "
                f"{verdict.event_id} was hashed with a key that is not among the configured "
                f"encryption keys ({crypto.keys_location()}). Put the installation's keys there "
                "(the ones in use when the events were written), then run "
                "`coalesce verify_audit` again."
            )
        if not verdict.intact:
            raise CommandError(
                f"The audit chain is broken at event {verdict.event_id}: {verdict.reason}."
            )
        also = f"; it holds the head kept elsewhere ({head})" if kept else ""
        self.stdout.write(
            f"The audit chain is intact. {verdict.events} events, head {verdict.head}{also}."
        )
