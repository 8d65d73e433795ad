from django.core.management.base import BaseCommand

from coalesce.digests import selectors, services


class Command(BaseCommand):
    help = (
        "Build and send every digest that is due now, batch by batch (the task worker does "
        "this on its own every 15 minutes). Prints how many were sent."
    )

    def handle(self, *args, **options):
        sent = sum(services.send_batch(c, people) for c, people in selectors.due_batches())
        self.stdout.write(f"Sent {sent} digest{'' if sent == 1 else 's'}.")
