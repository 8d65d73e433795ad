"""coalesce validate_module FILE [FILE …]: check module files against the format.

Prints "OK <id>: <n> sections, <m> items, <t> minutes" for each good file and every
problem of each bad one (file: location: what is wrong (line N)); exits with status 1
if any file has a problem, 0 otherwise.
"""

import sys

from django.core.management.base import BaseCommand

from coalesce.training.catalogue import ModuleFileError, load_module


class Command(BaseCommand):
    help = "Check curriculum module files (YAML) against the module format."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="file", help="module file (.yaml)")

    def handle(self, *args, files, **options):
        failed = 0
        for name in files:
            try:
                module = load_module(name)
            except ModuleFileError as error:
                failed += 1
                for message in error.messages():
                    self.stderr.write(message)
                continue
            self.stdout.write(
                f"OK {module.id}: {len(module.sections)} sections, {len(module.items())} items, "
                f"{module.total_minutes} minutes"
            )
        if failed:
            self.stderr.write(f"{failed} of {len(files)} file(s) have problems.")
            sys.exit(1)
