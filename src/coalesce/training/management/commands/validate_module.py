"""coalesce validate_module FILE [FILE …]: check module files against the format.

Prints "OK <id>: <n> sections, <m> items, <t> minutes" for each good file and every
problem of each bad one (file: location: what is wrong (line N)); exits with status 1
if any file has a problem, 0 otherwise.
"""

import sys

from django.core.management.base import BaseCommand

from coalesce.training.catalogue import (
    ModuleFileError,
    catalogue,
    load_module,
    load_translation,
    original_path,
    translated_language,
)


def check(name):
    """A module file; a translation (``module-12.fr.yaml``) also against its original:
    the file beside it, or else the catalogue's module of the same id."""
    if translated_language(name) is None:
        return load_module(name)
    beside = original_path(name)
    if beside.exists():
        return load_translation(name, load_module(beside))
    module = load_module(name)
    if module.id not in catalogue():
        raise ModuleFileError(name, [f"translates {beside.name}, which is missing"])
    return load_translation(name, catalogue()[module.id])


class Command(BaseCommand):
    help = "Check curriculum module files (YAML) against the module format."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="file", help="module file (.yaml)")

    def handle(self, *args, files, **options):
        failed = 0
        for name in files:
            try:
                module = check(name)
            except ModuleFileError as error:
                failed += 1
                for message in error.messages():
                    self.stderr.write(message)
                continue
            self.stdout.write(
                f"OK {module.id} ({module.language}): {len(module.sections)} sections, "
                f"{len(module.items())} items, {module.total_minutes} minutes"
            )
        if failed:
            self.stderr.write(f"{failed} of {len(files)} file(s) have problems.")
            sys.exit(1)
