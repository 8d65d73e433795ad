"""``coalesce restore SRC``: a backup into the configured, empty database, then checked.

The backup is checked first (manifest, version, vendor, SHA-256 of the snapshot,
passphrase); a non-empty target is refused. Nothing is written unless every check
passes. After the restore the row counts are compared with the manifest and the audit
chain is verified with the configured keys (the backup's, if it holds them): without the
installation's keys it cannot be, and the command says so. Stop the server before
restoring.
"""

import io

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from coalesce.core import backup, crypto
from coalesce.core.management.commands.backup import run


def verify_audit() -> tuple[bool, str]:
    out = io.StringIO()
    try:
        call_command("verify_audit", stdout=out)
    except CommandError as error:
        return False, str(error)
    return True, out.getvalue().strip()


class Command(BaseCommand):
    help = "Restore a backup made by `coalesce backup` into the configured, empty database."

    def add_arguments(self, parser):
        parser.add_argument("source", metavar="SRC", help="the backup file")
        parser.add_argument(
            "--passphrase-file",
            help=f"the passphrase of an encrypted backup (or {backup.PASSPHRASE_ENV})",
        )

    def handle(self, *args, **options):
        done, rows = run(
            backup.restore, options["source"], options["passphrase_file"], verify_audit=verify_audit
        )
        manifest = done.manifest
        self.stdout.write(
            f"Restored the backup of {manifest['created_at']} "
            f"({manifest['database_vendor']}, Coalesce {manifest['coalesce_version']})."
        )
        if done.counts_match:
            self.stdout.write(
                f"Row counts match the manifest: {len(manifest['row_counts'])} tables, {rows} rows."
            )
        else:
            for table, counts in done.mismatches.items():
                self.stderr.write(
                    f"  {table}: manifest {counts['manifest']}, restored {counts['restored']}"
                )
        if done.audit_ok:
            self.stdout.write(done.audit_message)
        if done.keys_written:
            self.stdout.write(f"The backup's encryption keys were written to {done.keys_written}.")
        else:
            self.stdout.write(
                "This backup holds no encryption keys: put the original installation's keys "
                f"in {crypto.keys_location()} before serving, or the protected contact "
                "details cannot be read."
            )
        if not done.counts_match:
            raise CommandError("The restored row counts differ from the manifest (see above).")
        if not done.audit_ok:
            message = done.audit_message
            raise CommandError(f"The backup was restored, but {message[:1].lower()}{message[1:]}")
