"""The demo coalition's digests: the committee chair reads updates in a weekly digest,
the member in a daily one (through ``digests.services``, as on the digest page)."""

from coalesce.accounts.models import User
from coalesce.coalitions.models import Coalition
from coalesce.coalitions.policy import actor_for
from coalesce.demo.logins import LOGINS
from coalesce.digests import services

CHOICES = {"chair": "weekly", "member": "daily"}


def load(coalition: Coalition) -> None:
    for role, frequency in CHOICES.items():
        actor = actor_for(User.objects.get(email=LOGINS[role][0]), coalition)
        services.choose(actor, frequency=frequency)
