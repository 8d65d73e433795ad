"""Building digests: what each member has not seen, within what they may see now.

``build`` makes the digests of a whole batch of members of one coalition in a fixed
number of queries, however large the batch: their actors at once
(``coalitions.policy.person_actors``), the updates none of them has been e-mailed or has
opened (``updates.selectors.unsent_unseen``) and the requests for help that reach them
(``expertise.selectors.requests_reaching``). Every item passes the same visibility rules
as the pages; who wrote or asked is named as the reader may see them.
"""

from dataclasses import dataclass, field

from django.utils import timezone

from coalesce.coalitions import policy as coalition_policy
from coalesce.digests import policy, rules
from coalesce.digests.limits import BATCH_SIZE, MAX_REQUESTS, MAX_UPDATES
from coalesce.digests.models import DigestChoice, Frequency
from coalesce.expertise import selectors as expertise
from coalesce.updates import selectors as updates

DIGESTING = (Frequency.DAILY, Frequency.WEEKLY)


@dataclass
class Digest:
    choice: DigestChoice
    actor: object
    sections: list[rules.Section] = field(default_factory=list)  # of updates.selectors.Unsent
    requests: list = field(default_factory=list)  # of expertise.selectors.Listed
    more_updates: int = 0
    more_requests: int = 0
    receipt_ids: list[int] = field(default_factory=list)  # every update it stands for

    @property
    def is_empty(self) -> bool:
        return not self.sections and not self.requests

    @property
    def update_count(self) -> int:
        return sum(len(s.items) for s in self.sections) + self.more_updates

    @property
    def request_count(self) -> int:
        return len(self.requests) + self.more_requests


def digest_readers(person_ids) -> set[int]:
    """Which of these people read updates in a digest (so get no e-mail per update)."""
    return set(
        DigestChoice.objects.filter(
            person_id__in=list(person_ids), frequency__in=DIGESTING
        ).values_list("person_id", flat=True)
    )


def choice(actor) -> DigestChoice:
    """The actor's choice (unsaved, "never", when they have not chosen)."""
    policy.require(actor, "digest.choose")
    person_id = min(actor.person_ids)
    found = DigestChoice.objects.filter(person_id=person_id).first()
    return found or DigestChoice(person_id=person_id, covered_until=timezone.now())


def preview(actor) -> Digest:
    """What the actor's next digest would hold if it were sent now (a weekly one's
    worth of requests when they have not chosen a digest)."""
    current = choice(actor)
    if current.pk is None or current.frequency == Frequency.NEVER:
        current.covered_until = timezone.now() - rules.PERIODS[Frequency.WEEKLY]
    return _digests(actor.coalition, {min(actor.person_ids): (current, actor)})[0]


def build(coalition, choices) -> list[Digest]:
    """The digests of ``choices`` (of people of ``coalition``, with ``person__user``):
    one per active member who may have one, empty ones included (the sender skips
    them). A person whose account holds several people of the coalition gets one."""
    users = {c.person.user_id: c.person.user for c in choices if c.person.user_id}
    actors = coalition_policy.person_actors(coalition, users.values())
    readers = {}
    for current in choices:
        actor = actors.get(current.person.user_id)
        if actor is None or not policy.allows(actor, "digest.choose"):
            continue
        if current.person_id == min(actor.person_ids) and actor.user.is_active:
            readers[current.person_id] = (current, actor)
    return _digests(coalition, readers)


def _digests(coalition, readers) -> list[Digest]:
    actors = {person_id: actor for person_id, (_c, actor) in readers.items()}
    unsent = updates.unsent_unseen(actors)
    since = {person_id: current.covered_until for person_id, (current, _a) in readers.items()}
    reaching = expertise.requests_reaching(actors, since)
    digests = []
    for person_id, (current, actor) in readers.items():
        items, asked = unsent[person_id], reaching[person_id]
        shown = items[-MAX_UPDATES:]  # the newest, still oldest first
        digests.append(
            Digest(
                choice=current,
                actor=actor,
                sections=rules.by_committee(shown, _committee_name),
                requests=asked[:MAX_REQUESTS],
                more_updates=len(items) - len(shown),
                more_requests=max(len(asked) - MAX_REQUESTS, 0),
                receipt_ids=[item.receipt_id for item in items],
            )
        )
    return digests


def _committee_name(item) -> str | None:
    committee = item.update.committee
    return committee.name if committee is not None else None


def due_batches(now=None) -> list[tuple[int, list[int]]]:
    """(coalition id, person ids) of the digests due now, at most ``BATCH_SIZE`` people
    a batch, each batch of one coalition."""
    now = now or timezone.now()
    due = DigestChoice.objects.none()
    for frequency in DIGESTING:
        limit = rules.due_if_covered_before(frequency, now)
        due |= DigestChoice.objects.filter(frequency=frequency, covered_until__lte=limit)
    rows = due.order_by("person__coalition_id", "person_id").values_list(
        "person__coalition_id", "person_id"
    )
    batches: list[tuple[int, list[int]]] = []
    for coalition_id, person_id in rows:
        if not batches or batches[-1][0] != coalition_id or len(batches[-1][1]) >= BATCH_SIZE:
            batches.append((coalition_id, []))
        batches[-1][1].append(person_id)
    return batches
