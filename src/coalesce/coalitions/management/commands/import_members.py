"""coalesce import_members FILE --coalition SLUG [--dry-run]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from coalesce.coalitions import member_file, policy, roster
from coalesce.coalitions.models import Coalition
from coalesce.core.errors import DomainError


class Command(BaseCommand):
    help = (
        "Import members (organisations and individuals) from a CSV or XLSX file as the "
        "command line's operator: prints each row's result; writes only without --dry-run "
        "and only if no row has a problem (then all or nothing)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the CSV or XLSX file")
        parser.add_argument("--coalition", required=True, help="the coalition's address (slug)")
        parser.add_argument("--dry-run", action="store_true", help="only show what would happen")

    def handle(self, *args, file, coalition, dry_run, **options):
        found = Coalition.objects.filter(slug=coalition).first()
        if found is None:
            raise CommandError(f"No coalition with the address {coalition!r}.")
        path = Path(file)
        try:
            if path.stat().st_size > member_file.MAX_IMPORT_BYTES:
                raise member_file.too_big()
            with path.open("rb") as handle:
                data = handle.read(member_file.MAX_IMPORT_BYTES + 1)
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}") from error
        except DomainError as error:
            raise CommandError(error.message) from error
        actor = policy.operator_actor(found)
        try:
            preview = roster.preview_import(actor, data=data, filename=path.name)
        except DomainError as error:
            raise CommandError(error.message) from error
        self._print(preview)
        if preview.errors:
            raise CommandError(f"{preview.errors} rows have problems: nothing was imported.")
        if dry_run:
            self.stdout.write("Dry run: nothing was written.")
            return
        try:
            done = roster.import_members(actor, data=data, filename=path.name)
        except DomainError as error:
            raise CommandError(error.message) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {done.imported} members; {done.existing} were already registered."
            )
        )

    def _print(self, preview):
        labels = {roster.NEW: "new", roster.EXISTING: "already registered", roster.ERROR: "ERROR"}
        for row in preview.rows:
            line = f"row {row.number}: {labels[row.status]}: {row.name} ({row.kind})"
            if row.joins_registered:
                line += " (registered already, becomes a member)"
            self.stdout.write(line)
            for problem in row.problems:
                self.stdout.write(f"    {problem.column}: {problem.message}")
        if preview.new_focus_areas:
            self.stdout.write("New focus areas: " + ", ".join(preview.new_focus_areas))
        self.stdout.write(
            f"{preview.new} new, {preview.existing} already registered, "
            f"{preview.errors} with problems."
        )
