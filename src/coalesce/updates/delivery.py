"""Sending an update's e-mails: plain text, and a simple HTML part with the sanitised
Markdown — no image, no pixel, no rewritten link, so opening an e-mail tells nobody
anything. Where the update asks for acknowledgement each recipient's e-mail carries
their own single-use link (only its hash is kept).

A member who chose a digest gets no e-mail per update: the digests app (a layer above)
registers who they are (``register_digest_readers``), and their receipts stay
undelivered until a digest carries them."""

import secrets

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from coalesce.accounts.models import hash_token
from coalesce.coalitions.policy import actor_for
from coalesce.core.localisation import as_reader
from coalesce.updates import selectors
from coalesce.updates.models import Receipt, Update

_digest_readers = []


def register_digest_readers(who) -> None:
    """``who(person_ids)`` answers which of those people read updates in a digest."""
    if who not in _digest_readers:
        _digest_readers.append(who)


def _in_digests(person_ids) -> set[int]:
    return set().union(*(who(person_ids) for who in _digest_readers))


def _send(receipt, update, *, link_for) -> None:
    user = receipt.person.user
    reader = actor_for(user, update.coalition)
    slug = update.coalition.slug
    context = {
        "update": update,
        "coalition": update.coalition,
        "author": selectors.member_label(reader, update.author_membership),
        "url": link_for(slug, "update", update.id),
        "preference_url": link_for(slug, "preference"),
    }
    if update.asks_acknowledgement and receipt.acknowledged_at is None:
        raw = secrets.token_urlsafe(32)
        receipt.token_hash = hash_token(raw)
        context["acknowledge_url"] = link_for(slug, "link", raw)
    with as_reader(user, time_zone=update.coalition.time_zone):
        subject = render_to_string("updates/email/update_subject.txt", context)
        message = EmailMultiAlternatives(
            " ".join(subject.split()),
            render_to_string("updates/email/update.txt", context),
            None,
            [user.email],
        )
        html = render_to_string("updates/email/update.html", context)
    message.attach_alternative(html, "text/html")
    message.send()
    receipt.delivered_at = timezone.now()
    receipt.save(update_fields=["token_hash", "delivered_at"])


def deliver_update(update_id: int, *, link_for) -> int:
    update = (
        Update.objects.select_related(
            "coalition", "committee", "author_membership__organisation", "author_membership__person"
        )
        .filter(pk=update_id)
        .first()
    )
    if update is None:
        return 0  # deleted meanwhile
    pending = Receipt.objects.filter(
        update=update, delivered_at__isnull=True, person__user__isnull=False
    ).select_related("person__user")
    pending = list(pending)
    in_digests = _in_digests([receipt.person_id for receipt in pending])
    sent = 0
    for receipt in pending:
        if receipt.person_id in in_digests:
            continue
        with transaction.atomic():
            _send(receipt, update, link_for=link_for)
        sent += 1
    return sent
