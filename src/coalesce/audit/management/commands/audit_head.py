from django.core.management.base import BaseCommand

from coalesce.audit import log


class Command(BaseCommand):
    help = (
        "Print the audit chain's head as ID:HASH. Keep it outside the database (and its "
        "backups); `coalesce verify_audit --head ID:HASH` then detects newest events deleted "
        "together with the head."
    )

    def handle(self, *args, **options):
        self.stdout.write(log.head())
