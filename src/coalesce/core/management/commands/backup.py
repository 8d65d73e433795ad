"""``coalesce backup DEST``: a consistent snapshot of the database, while the server runs.

See ``coalesce.core.backup`` for what the file holds and how it is encrypted, and
docs/operations.md for what else to keep (the encryption keys, separately).
"""

from django.core.management.base import BaseCommand, CommandError

from coalesce.core import backup, crypto


def run(operation, path, passphrase_file, **options):
    """``operation`` (``backup.backup`` or ``backup.restore``) on ``path`` with the
    passphrase of ``passphrase_file`` (or the environment), a BackupError told as a
    CommandError; what it did, and how many rows its manifest counts."""
    try:
        passphrase = backup.read_passphrase(passphrase_file)
        done = operation(path, passphrase=passphrase, **options)
    except backup.BackupError as error:
        raise CommandError(str(error)) from error
    return done, sum(done.manifest["row_counts"].values())


class Command(BaseCommand):
    help = (
        "Write a backup of the database (a consistent snapshot, taken while the server "
        "runs) and its manifest to DEST. The encryption keys are not in it unless "
        "--include-keys is given with a passphrase."
    )

    def add_arguments(self, parser):
        parser.add_argument("destination", metavar="DEST", help="the backup file to write")
        parser.add_argument(
            "--passphrase-file",
            help="encrypt the backup with the passphrase in this file "
            f"(or {backup.PASSPHRASE_ENV})",
        )
        parser.add_argument(
            "--include-keys",
            action="store_true",
            help="also put the encryption keys in the backup (needs a passphrase)",
        )

    def handle(self, *args, **options):
        done, rows = run(
            backup.backup,
            options["destination"],
            options["passphrase_file"],
            include_keys=options["include_keys"],
        )
        manifest = done.manifest
        self.stdout.write(
            f"Backup written to {done.path}\n"
            f"  {manifest['database_vendor']} database, Coalesce {manifest['coalesce_version']}, "
            f"{len(manifest['row_counts'])} tables, {rows} rows, "
            f"{'encrypted (scrypt + AES-256-GCM)' if done.encrypted else 'NOT encrypted'}\n"
            f"  snapshot SHA-256 {manifest['snapshot']['sha256']}\n"
            f"  audit chain head {manifest['audit_chain']['head']}"
        )
        if manifest["keys"]:
            self.stdout.write(
                "The encryption keys ARE in this backup (encrypted with the passphrase): "
                "whoever has the file and the passphrase can read the protected contact "
                "details."
            )
        else:
            self.stdout.write(
                f"The encryption keys are NOT in this backup. They are in "
                f"{crypto.keys_location()}: keep a copy of them separately from the "
                "backups — without them the protected contact details cannot be read after "
                "a restore."
            )
        if not done.encrypted:
            self.stdout.write(
                "This file holds every record (password hashes, encrypted contact details, "
                "the audit log): keep it as carefully as the server itself."
            )
