from django.core.management.base import BaseCommand

from coalesce.coalitions import demo


class Command(BaseCommand):
    help = "Load the demo coalition once, and print the demo logins."

    def handle(self, *args, **options):
        created = demo.load()
        self.stdout.write("Demo data loaded." if created else "Demo data already present.")
        self.stdout.write(f"Demo logins (password: {demo.DEMO_PASSWORD}):")
        for role, (email, _name) in demo.LOGINS.items():
            self.stdout.write(f"  {role:<10} {email}")
