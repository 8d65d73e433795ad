from django.core.management.base import BaseCommand, CommandError

from coalesce.audit.log import verify_chain


class Command(BaseCommand):
    help = "Recompute the audit log's hash chain and report the first tampered entry, if any."

    def handle(self, *args, **options):
        intact, broken_id = verify_chain()
        if not intact:
            raise CommandError(f"The audit chain is broken at event {broken_id}.")
        self.stdout.write("The audit chain is intact.")
