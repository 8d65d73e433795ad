from django.core.management.base import BaseCommand

from coalesce.decisions import services


class Command(BaseCommand):
    help = (
        "Close every open decision whose voting window has ended and store its outcome. "
        "Safe to run at any time and from cron; prints how many were closed."
    )

    def handle(self, *args, **options):
        closed = services.close_due_proposals()
        self.stdout.write(
            f"Closed {closed} decision{'' if closed == 1 else 's'} whose voting window had ended."
        )
