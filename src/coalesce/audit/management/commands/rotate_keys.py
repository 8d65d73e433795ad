from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from coalesce.audit import log
from coalesce.core import crypto


def encrypted_fields():
    """(model, encrypted field names, blind-index fields) of every model with either."""
    for model in apps.get_models():
        names = [f.name for f in model._meta.fields if isinstance(f, crypto.EncryptedTextField)]
        indexes = crypto.blind_index_fields(model)
        if names or indexes:
            yield model, names, indexes


class Command(BaseCommand):
    help = (
        "Rotate the encryption key: add a new key to the key file, re-encrypt every protected "
        "field with it (new audit events are hashed with it too), and (with --retire) "
        "re-key the audit chain with it and drop the old keys afterwards."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--retire", action="store_true", help="remove old keys after re-encrypting"
        )

    def handle(self, *args, retire=False, **options):
        if settings.COALESCE_ENCRYPTION_KEYS:
            raise CommandError(
                "Keys come from COALESCE_ENCRYPTION_KEYS: put a new key first in that variable, "
                "restart, and run this command again with the variable's keys to re-encrypt."
            )
        crypto.add_key_to_file()
        count = reencrypt_all()
        self.stdout.write(f"Re-encrypted {count} records with the new key.")
        if retire:
            self.retire()

    def retire(self):
        try:
            rekeyed = log.rekey()
        except log.ChainBroken as broken:
            raise CommandError(
                f"The audit chain is broken at event {broken.verdict.event_id}: "
                f"{broken.verdict.reason}. It was not re-keyed and the old keys were kept, "
                "so it can still be examined (`coalesce verify_audit`); the new key is in "
                "use."
            ) from None
        crypto.retire_old_keys()
        self.stdout.write(
            f"Re-keyed {rekeyed} audit events with the new key and retired the old keys. "
            f"The audit chain's head is now {log.head()}: keep it instead of the old one."
        )


def reencrypt_all() -> int:
    """Save every encrypted value again, which encrypts it with the newest key, and
    recompute every blind index with the newest key's index key."""
    count = 0
    with transaction.atomic():
        for model, names, indexes in encrypted_fields():
            sources = {name for f in indexes for name in (f.source, f.scope)}
            for obj in (
                model.objects.select_for_update()
                .only("pk", *names, *sources)
                .iterator(chunk_size=500)
            ):
                values = {n: getattr(obj, n) for n in names}
                values |= {f.name: f.index_of(obj) for f in indexes}
                model.objects.filter(pk=obj.pk).update(**values)
                count += 1
    return count
