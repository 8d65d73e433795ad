"""The demo coalition's health checks, written through the services: a first wave,
answered by every demo person who has an account and an active membership, then closed
early by the founder; and a second wave, open for a month.

The demo has only a handful of people with accounts (fewer than 5), so the first wave's
results show "fewer than 5 answers" everywhere: that is the withholding at work. Its
participation and the charter completeness are shown beside it."""

from datetime import timedelta

from django.utils import timezone

from coalesce.coalitions.models import MembershipStatus, Person
from coalesce.coalitions.policy import actor_for
from coalesce.health import services
from coalesce.health.items import ITEM_KEYS

FIRST = "Health check, first round"
SECOND = "Health check, second round"
# One answer per person, in turn: the scores differ a little from person to person.
PATTERNS = (4, 3, 5, 2, 4)


def _answerers(coalition):
    people = (
        Person.objects.filter(coalition=coalition, user__isnull=False)
        .filter(own_membership__status=MembershipStatus.ACTIVE)
        .union(
            Person.objects.filter(
                coalition=coalition,
                user__isnull=False,
                organisation__membership__status=MembershipStatus.ACTIVE,
            )
        )
    )
    users = sorted((person.user for person in people), key=lambda user: user.pk)
    return [actor_for(user, coalition) for user in users]


def load(founder) -> None:
    coalition = founder.coalition
    month = timezone.localdate() + timedelta(days=30)
    first = services.open_wave(founder, title=FIRST, closes_on=month)
    for index, person in enumerate(_answerers(coalition)):
        base = PATTERNS[index % len(PATTERNS)]
        scores = {key: max(1, min(5, base - (n % 2))) for n, key in enumerate(ITEM_KEYS)}
        size = "small" if index % 2 else "large"
        services.answer(person, first.pk, scores=scores, size=size)
    services.close_wave(founder, first.pk)
    services.open_wave(founder, title=SECOND, closes_on=month)
