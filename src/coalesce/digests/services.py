"""The writes of digests: a member's choice, and sending one batch of digests.

The choice is the member's own and not audited (like the updates' naming preference).
Sending a batch is one transaction: the due choices are locked and checked again, so a
batch queued twice sends once; the updates a digest carried count as delivered.
"""

from django.core import mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from coalesce.coalitions.models import Coalition
from coalesce.core.links import absolute_url
from coalesce.core.localisation import as_reader
from coalesce.core.validation import clean_choice
from coalesce.digests import policy, rules, selectors
from coalesce.digests.limits import MAX_SITE_URL
from coalesce.digests.models import DigestChoice, Frequency
from coalesce.updates import services as updates


@transaction.atomic
def choose(actor, *, frequency, site_url="") -> DigestChoice:
    """Never, daily or weekly. A digest chosen now covers what happens from now on (the
    updates before it were e-mailed one by one)."""
    policy.require(actor, "digest.choose")
    frequency = clean_choice(frequency, Frequency, "frequency")
    now = timezone.now()
    found, _created = DigestChoice.objects.select_for_update().get_or_create(
        person_id=min(actor.person_ids), defaults={"covered_until": now}
    )
    if found.frequency == Frequency.NEVER and frequency != Frequency.NEVER:
        found.covered_until = now
    found.frequency = frequency
    found.site_url = str(site_url or "")[:MAX_SITE_URL]
    found.save()
    return found


def _message(digest, coalition) -> mail.EmailMultiAlternatives:
    def link(name, *args):
        return absolute_url(digest.choice.site_url, name, coalition.slug, *args)

    context = {
        "digest": digest,
        "coalition": coalition,
        "sections": [
            (s.committee, [(item, link("updates:update", item.update.id)) for item in s.items])
            for s in digest.sections
        ],
        "requests": [(r, link("expertise:request", r.item.id)) for r in digest.requests],
        "page_url": link("digests:page"),
        "updates_url": link("updates:index"),
        "requests_url": link("expertise:requests"),
    }
    reader = digest.actor.user
    with as_reader(reader, time_zone=coalition.time_zone):
        subject = " ".join(render_to_string("digests/email/subject.txt", context).split())
        text = render_to_string("digests/email/digest.txt", context)
        html = render_to_string("digests/email/digest.html", context)
    message = mail.EmailMultiAlternatives(subject, text, None, [reader.email])
    message.attach_alternative(html, "text/html")
    return message


@transaction.atomic
def send_batch(coalition_id, person_ids, *, now=None) -> int:
    """Build and send the digests due now of these people of one coalition; returns how
    many were sent. An empty digest is not sent, but still covers up to now."""
    now = now or timezone.now()
    coalition = Coalition.objects.filter(pk=coalition_id).first()
    if coalition is None:
        return 0
    locked = (
        DigestChoice.objects.select_for_update(of=("self",))
        .filter(person_id__in=list(person_ids), person__coalition=coalition)
        .select_related("person__user")
        .order_by("person_id")
    )
    due = [c for c in locked if rules.is_due(c.frequency, c.covered_until, now)]
    digests = [d for d in selectors.build(coalition, due) if not d.is_empty]
    with mail.get_connection() as connection:
        connection.send_messages([_message(d, coalition) for d in digests])
    updates.mark_delivered([pk for d in digests for pk in d.receipt_ids])
    DigestChoice.objects.filter(pk__in=[c.pk for c in due]).update(covered_until=now)
    return len(digests)
