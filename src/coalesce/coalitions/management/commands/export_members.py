"""coalesce export_members --coalition SLUG [--output FILE]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from coalesce.coalitions import member_file, policy, roster, services
from coalesce.coalitions.models import Coalition


class Command(BaseCommand):
    help = (
        "Export a coalition's members in the import's columns, as the command line's "
        "operator (the steering committee's view: pseudonymous members as their alias, "
        "no contact details). CSV, or XLSX when FILE ends in .xlsx."
    )

    def add_arguments(self, parser):
        parser.add_argument("--coalition", required=True, help="the coalition's address (slug)")
        parser.add_argument("--output", help="write to this file instead of standard output")

    def handle(self, *args, coalition, output, **options):
        found = Coalition.objects.filter(slug=coalition).first()
        if found is None:
            raise CommandError(f"No coalition with the address {coalition!r}.")
        actor = policy.operator_actor(found)
        services.record_member_export(actor)
        records = roster.export_records(actor)
        if output is None:
            member_file.write_csv(records, self.stdout)
            return
        path = Path(output)
        try:
            if path.suffix.lower() == ".xlsx":
                path.write_bytes(member_file.write_xlsx(records))
            else:
                with path.open("w", encoding="utf-8", newline="") as handle:
                    member_file.write_csv(records, handle)
        except OSError as error:
            raise CommandError(f"Cannot write {output}: {error.strerror}") from error
        self.stderr.write(f"{len(records)} members written to {output}")
