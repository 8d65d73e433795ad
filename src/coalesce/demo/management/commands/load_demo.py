from django.core.management.base import BaseCommand

from coalesce.demo.load import load
from coalesce.demo.logins import DEMO_PASSWORD, LOGINS


class Command(BaseCommand):
    help = "Load the demo coalition once, and print the demo logins."

    def handle(self, *args, **options):
        created = load()
        self.stdout.write("Demo data loaded." if created else "Demo data already present.")
        self.stdout.write(f"Demo logins (password: {DEMO_PASSWORD}):")
        for role, (email, _name) in LOGINS.items():
            self.stdout.write(f"  {role:<10} {email}")
