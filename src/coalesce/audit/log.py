"""Appending to and verifying the keyed hash chain of the audit log.

Each event's ``hash`` is an HMAC-SHA256, with a key derived from the encryption keyring
(``audit.keys``), over all its columns but the foreign keys: the scheme, the key id,
its id, the previous event's hash, when, ``actor_ref``, ``coalition_ref``, the action,
the object and the field names. The foreign keys ``actor`` and ``coalition`` become
null when the user or coalition is deleted, so they cannot be hashed; they are checked
instead: each is null or equal to its hashed copy, and null only if that user or
coalition no longer exists. ``AuditHead`` names the chain's last event (id and hash):
the chain must end exactly there, so deleting the newest events is detected, and an
operator can keep the head elsewhere (``coalesce audit_head``) to check against it.

Without the key, a rewritten event cannot be given a valid hash, nor can the rest of
the chain be recomputed after it.
"""

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import UTC

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F, Q, Subquery
from django.utils import timezone

from coalesce.audit import keys
from coalesce.audit.models import AuditEvent, AuditHead
from coalesce.core import crypto

GENESIS = "0" * 64
SCHEME = "coalesce-audit-hmac-1"
PAGE = 2000


def digest(key: bytes, previous_hash: str, event) -> str:
    body = json.dumps(
        [
            SCHEME,
            event.key_id,
            event.id,
            previous_hash,
            event.at.astimezone(UTC).isoformat(),
            event.actor_ref,
            event.coalition_ref,
            event.action,
            event.object_type,
            str(event.object_id),
            event.fields,
        ],
        separators=(",", ":"),
        sort_keys=True,
    )
    return hmac.new(key, body.encode(), hashlib.sha256).hexdigest()


def unkeyed_digest(previous_hash: str, event) -> str:
    """The SHA-256 of the chain before it was keyed: only to check a chain the upgrade
    could not re-key (migration 0004). Never change it."""
    body = json.dumps(
        [
            previous_hash,
            event.at.isoformat(),
            event.actor_ref,
            event.coalition_ref,
            event.action,
            event.object_type,
            str(event.object_id),
            sorted(event.fields),
        ],
        separators=(",", ":"),
    )
    return hashlib.sha256(body.encode()).hexdigest()


# --- appending ---------------------------------------------------------------------------


def _locked_head() -> tuple[AuditHead, int]:
    """The head row, locked until the transaction ends, and the id after the highest
    event's — in one query, as appending sits on every audited page. Ids are given here,
    not by the database, because each is hashed before the insert."""
    newest = AuditEvent.objects.order_by("-id").values("id")[:1]
    heads = AuditHead.objects.select_for_update().annotate(newest=Subquery(newest))
    head = heads.filter(pk=1).first()
    if head is None:
        AuditHead.objects.get_or_create(pk=1, defaults={"last_hash": GENESIS, "last_id": 0})
        head = heads.get(pk=1)
    # After waiting for the lock PostgreSQL returns the head as the previous appender left
    # it, but the subquery still sees the statement's older snapshot: last_id is the
    # fresh one, the newest id only matters for events added beside the log.
    return head, max(head.last_id, head.newest or 0) + 1


def append(events: list[AuditEvent]) -> list[AuditEvent]:
    """Chain and insert new (unsaved) events, in a few queries whatever their number."""
    if not events:
        return events
    with transaction.atomic():
        head, next_id = _locked_head()
        key_id, key = keys.signing_key()
        previous = head.last_hash
        for number, event in enumerate(events):
            event.id, event.key_id, event.previous_hash = next_id + number, key_id, previous
            event.hash = previous = digest(key, previous, event)
        AuditEvent.objects.bulk_create(events, batch_size=500)
        AuditHead.objects.filter(pk=head.pk).update(last_id=events[-1].id, last_hash=previous)
    return events


def record(*, actor, action: str, obj, coalition=None, fields=()) -> AuditEvent:
    """Append an event: ``actor`` did ``action`` to ``obj`` touching ``fields`` (names only)."""
    return record_many(
        actor=actor, action=action, objects=[obj], coalition=coalition, fields=fields
    )[0]


def record_many(*, actor, action: str, objects, coalition=None, fields=()) -> list[AuditEvent]:
    """Append one event per object of ``objects`` (the same action and fields), in a few
    queries whatever their number: for reads of many records at once, such as an export."""
    actor = actor if getattr(actor, "is_authenticated", False) else None
    now = timezone.now()
    return append(
        [
            AuditEvent(
                at=now,
                actor=actor,
                actor_ref=actor.pk if actor else None,
                coalition=coalition,
                coalition_ref=coalition.pk if coalition else None,
                action=action,
                object_type=type(obj).__name__.lower(),
                object_id=str(obj.pk),
                fields=sorted(fields),
            )
            for obj in objects
        ]
    )


# --- verifying ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Verdict:
    """What verification found: intact, or the first broken event and why."""

    intact: bool
    event_id: int | None = None
    kind: str = ""  # hash, link, unknown_key, unkeyed, actor, coalition, missing, head, …
    reason: str = ""
    events: int = 0
    head: str = ""  # "ID:HASH" of the chain's head

    @property
    def unverifiable(self) -> bool:
        """The chain's first event already has a key not configured here: most likely the
        installation's keys are missing (e.g. after a restore), not a forgery."""
        return self.kind == "unknown_key"


def head() -> str:
    """The chain's head as ``ID:HASH``, to be kept elsewhere."""
    row = AuditHead.objects.filter(pk=1).first()
    return f"{row.last_id}:{row.last_hash}" if row else f"0:{GENESIS}"


def parse_head(text: str) -> tuple[int, str]:
    """``ID:HASH`` → (id, hash); ValueError if it is not one."""
    number, sep, value = text.strip().partition(":")
    if not sep or not number.isdigit() or len(value) != 64:
        raise ValueError(text)
    int(value, 16)
    return int(number), value.lower()


def _reference_problems() -> list[tuple[int, str, str]]:
    """The first event whose actor or coalition foreign key disagrees with its hashed copy."""
    user_model = get_user_model()
    coalition_model = AuditEvent._meta.get_field("coalition").related_model
    found = []
    for name, noun, model in (
        ("actor", "user", user_model),
        ("coalition", "coalition", coalition_model),
    ):
        fk, ref = f"{name}_id", f"{name}_ref"
        events = AuditEvent.objects.order_by("id").values_list("id", fk, ref)
        changed = (
            events.filter(**{f"{fk}__isnull": False})
            .filter(Q(**{f"{ref}__isnull": True}) | ~Q(**{fk: F(ref)}))
            .first()
        )
        if changed:
            found.append(
                (
                    changed[0],
                    name,
                    f"{name} changed: it names {noun} {changed[1]}, but the hashed {name} "
                    f"is {f'{noun} {changed[2]}' if changed[2] is not None else 'none'}",
                )
            )
        cleared = events.filter(
            **{f"{fk}__isnull": True, f"{ref}__in": model.objects.values("pk")}
        ).first()
        if cleared:
            found.append(
                (
                    cleared[0],
                    name,
                    f"{name} removed: its hashed {name}, {noun} {cleared[2]}, still exists, "
                    "but the event no longer names it",
                )
            )
    return found


def _link_problem(event, previous_id, previous, head_id, ring):
    """What is wrong with ``event`` in its place in the chain (after ``previous``, under
    the head ``head_id``, with the keys of ``ring``), as (event id, kind, reason), or None."""
    if event.id > head_id:
        return (
            event.id,
            "after_head",
            f"it is after the chain's head (event {head_id}): added outside the log, "
            "or the head was set back",
        )
    if event.previous_hash != previous:
        return (
            event.id,
            "link",
            f"broken link: it does not follow event {previous_id} (events before it "
            "are missing, or were changed)"
            if previous_id
            else "broken link: it does not start the chain (events before it are missing)",
        )
    if not event.key_id:
        if unkeyed_digest(previous, event) != event.hash:
            return (event.id, "hash", "hash mismatch in the unkeyed chain: it was changed")
        return None
    key = ring.get(event.key_id)
    if key is None and not previous_id:
        return (
            event.id,
            "unknown_key",
            f"it was hashed with key {event.key_id}, which is not among the configured "
            f"encryption keys ({crypto.keys_location()})",
        )
    if key is None:
        return (
            event.id,
            "foreign_key",
            f"it was hashed with key {event.key_id}, which is not among the configured "
            "encryption keys though the events before it verify: forged, or its key is "
            "missing here",
        )
    if not hmac.compare_digest(digest(key, previous, event), event.hash):
        return (
            event.id,
            "hash",
            "hash mismatch: its time, actor, coalition, action, object or fields were "
            "changed, or it was rehashed without the key",
        )
    return None


def _ending_problem(last_id, head_id, head_hash, kept_head, kept_seen):
    """What is wrong with where the chain ends (the last event read is ``last_id``), given
    its head and the head kept elsewhere, or None."""
    if last_id != head_id:
        return (
            last_id,
            "missing",
            f"missing events after id {last_id}: the chain's head names event {head_id}",
        )
    if head_id == 0 and head_hash != GENESIS:
        return (0, "head", "the chain is empty but its head is not")
    if kept_head and not kept_seen:
        if kept_head[0] > last_id:
            return (
                last_id,
                "missing",
                f"missing events after id {last_id}: the head "
                f"kept elsewhere names event {kept_head[0]}",
            )
        return (kept_head[0], "kept_head", "the event of the head kept elsewhere is missing")
    return None


def check(kept_head: tuple[int, str] | None = None, *, again: bool = True) -> Verdict:
    """Verify the whole chain with the configured keys, and against ``kept_head``
    ((id, hash) kept elsewhere) if given: the first broken event and why, if any."""
    ring = keys.verifying_keys()
    # The head is read in the events' query, so both come from one snapshot while
    # servers go on appending.
    heads = AuditHead.objects.filter(pk=1)
    events = AuditEvent.objects.order_by("id").annotate(
        head_id=Subquery(heads.values("last_id")[:1]),
        head_hash=Subquery(heads.values("last_hash")[:1]),
    )
    head_id, head_hash = 0, GENESIS
    problem = None  # (event id, kind, reason)
    unkeyed = None
    previous_id, previous, count = 0, GENESIS, 0
    kept_seen = kept_head is not None and kept_head[0] == 0
    if kept_seen and kept_head[1] != GENESIS:
        problem = (0, "kept_head", "the head kept elsewhere is not that of an empty chain")
    for event in [] if problem else events.iterator(chunk_size=PAGE):
        if not count and event.head_id is not None:
            head_id, head_hash = event.head_id, event.head_hash
        count += 1
        problem = _link_problem(event, previous_id, previous, head_id, ring)
        if not event.key_id:
            unkeyed = unkeyed or event.id
        if problem is None and event.id == head_id and event.hash != head_hash:
            problem = (event.id, "head", "it does not match the chain's head")
        if problem is None and kept_head and event.id == kept_head[0]:
            kept_seen = True
            if event.hash != kept_head[1]:
                problem = (event.id, "kept_head", "it does not match the head kept elsewhere")
        if problem:
            break
        previous_id, previous = event.id, event.hash
    if not count:
        row = heads.first()
        head_id, head_hash = (row.last_id, row.last_hash) if row else (0, GENESIS)
        if head_id and again and AuditEvent.objects.exists():  # the first events came meanwhile
            return check(kept_head, again=False)
    problem = problem or _ending_problem(previous_id, head_id, head_hash, kept_head, kept_seen)
    if problem is None and unkeyed:
        problem = (
            unkeyed,
            "unkeyed",
            "it has no key: the upgrade to keyed hashes left the chain as it was because it "
            "did not verify then",
        )
    references = _reference_problems()
    if references:
        first = min(references)
        if problem is None or first[0] < problem[0]:
            problem = first
    current = f"{head_id}:{head_hash}"
    if problem is None:
        return Verdict(True, events=count, head=current)
    event_id, kind, reason = problem
    return Verdict(False, event_id, kind, reason, events=count, head=current)


def verify_chain() -> tuple[bool, int | None]:
    """(intact, id of the first broken event)."""
    verdict = check()
    return verdict.intact, verdict.event_id


# --- re-keying ---------------------------------------------------------------------------


class ChainBroken(Exception):
    def __init__(self, verdict: Verdict):
        super().__init__(verdict.reason)
        self.verdict = verdict


def rekey() -> int:
    """Hash again with the newest key every event from the first one hashed with an older
    key — the chain's only sanctioned rewrite, before old keys are retired. The chain
    must verify with the configured keys first (ChainBroken if not). Returns the number
    of events re-hashed."""
    with transaction.atomic():
        head_row, _ = _locked_head()
        verdict = check()
        if not verdict.intact:
            raise ChainBroken(verdict)
        key_id, key = keys.signing_key()
        first = (
            AuditEvent.objects.exclude(key_id=key_id).order_by("id").values_list("id", flat=True)
        ).first()
        if first is None:
            return 0
        previous = (
            AuditEvent.objects.filter(id__lt=first)
            .order_by("-id")
            .values_list("hash", flat=True)
            .first()
        ) or GENESIS
        count, after = 0, first - 1
        while True:
            # Pages by id rather than one cursor: the rows are updated as they are read.
            page = list(AuditEvent.objects.filter(id__gt=after).order_by("id")[:PAGE])
            if not page:
                break
            for event in page:
                event.key_id, event.previous_hash = key_id, previous
                event.hash = previous = digest(key, previous, event)
            # bulk_update is a queryset update: AuditEvent.save refuses changes.
            AuditEvent.objects.bulk_update(
                page, ["key_id", "previous_hash", "hash"], batch_size=500
            )
            count += len(page)
            after = page[-1].id
        AuditHead.objects.filter(pk=head_row.pk).update(last_hash=previous)
    return count
