"""A synthetic coalition at the size of the largest real ones, for scale benchmarks.

``generate(factor=1, seed=1)`` makes, at factor 1: one coalition with 1,500 member
organisations of every actor type in 100 countries, 200 individual members, 20,000
people, 50 committees with seats (``synthetic.coalitions``), and 2,000 proposals with
200,000 ballots plus 20 proposals on which every organisation voted
(``synthetic.decisions``). ``factor`` multiplies the counts (0.01 for tests, 10 for the
growth benchmark; ``synthetic.sizes``).

Rows are built in Python and written with ``bulk_create``: no per-row saves and no
per-row audit events. Closed proposals store the outcome the real close computes
(``services.stored_result`` of ``tally.decide`` over the generated counts), so pages
show consistent figures. The coalition's audit history (``synthetic.audit``) is
appended to the one hash chain (computed here, then written in bulk), so ``coalesce
verify_audit`` still passes, and one event records the generation itself.

Everything but timestamps follows from ``seed``: the same seed and factor give the
same names, memberships, seats, ballots and outcomes. Login accounts (password
``PASSWORD``): ``admin@<slug>.coalesce.test`` (administrator), ``custodian@…``,
``steering@…`` (steering committee), ``chair@…`` (chairs a committee), ``member@…``
and ``voter<n>@…`` (representatives of member organisations).
"""

import hashlib
import random
import time

from django.db import transaction

from coalesce.audit import log
from coalesce.coalitions.models import (
    Coalition,
    CommitteeSeat,
    Membership,
    Organisation,
    Person,
)
from coalesce.decisions.models import Ballot, Proposal, SecretBallot
from coalesce.demo.synthetic import audit, coalitions, decisions
from coalesce.demo.synthetic.coalitions import PASSWORD
from coalesce.demo.synthetic.sizes import Sizes

__all__ = ["PASSWORD", "SLUG", "Sizes", "fingerprint", "generate"]

SLUG = "synthetic"


def generate(*, factor: float = 1.0, seed: int = 1, slug: str = SLUG, log_to=None) -> dict:
    """Create the synthetic coalition ``slug``; returns counts and timings."""
    sizes = Sizes.for_factor(factor)
    rng = random.Random(seed)
    timings = {}
    started = time.perf_counter()

    def step(name):
        timings[name] = round(time.perf_counter() - started - sum(timings.values()), 2)
        if log_to:
            log_to(f"  {name}: {timings[name]} s")

    with transaction.atomic():
        if Coalition.objects.filter(slug=slug).exists():
            raise ValueError(f"A coalition with the address {slug!r} already exists.")
        world = coalitions.build(rng, sizes, slug)
        step("accounts, coalition, organisations, people, memberships, committees")
        decision_counts = decisions.generate(rng, sizes, world)
        step("proposals, electors and ballots")
        audit.history(rng, sizes, world)
        log.record(
            actor=world["users"]["admin"],
            action="synthetic.generate",
            obj=world["coalition"],
            coalition=world["coalition"],
        )
        step("audit history")
    return {
        "slug": slug,
        "factor": factor,
        "seed": seed,
        "seconds": round(time.perf_counter() - started, 2),
        "steps": timings,
        "counts": {
            "organisations": sizes.organisations,
            "countries": sizes.countries,
            "individual members": sizes.individuals,
            "people": sizes.people,
            "memberships": sizes.organisations + sizes.individuals,
            "committees": sizes.committees,
            "committee seats": world["seats"],
            **decision_counts,
            "audit events": sizes.audit_events + 1,
        },
        "logins": {role: user.email for role, user in world["users"].items() if role != "voters"}
        | {"voters": [u.email for u in world["users"]["voters"]]},
        "password": PASSWORD,
    }


def fingerprint(slug: str = SLUG) -> str:
    """A digest of the generated content (not ids or timestamps): equal for equal seeds."""
    coalition = Coalition.objects.get(slug=slug)
    parts = [
        list(
            Organisation.objects.filter(coalition=coalition)
            .order_by("id")
            .values_list("name", "actor_type", "country")
        ),
        list(Person.objects.filter(coalition=coalition).order_by("id").values_list("full_name")),
        list(
            Membership.objects.filter(coalition=coalition)
            .order_by("id")
            .values_list("status", "visibility", "alias")
        ),
        list(
            CommitteeSeat.objects.filter(committee__coalition=coalition)
            .order_by("id")
            .values_list("committee__name", "role")
        ),
        list(
            Proposal.objects.filter(coalition=coalition)
            .order_by("id")
            .values_list("title", "status", "outcome", "category__slug")
        ),
        [p.result for p in Proposal.objects.filter(coalition=coalition).order_by("id")],
        list(
            Ballot.objects.filter(proposal__coalition=coalition)
            .order_by("id")
            .values_list("position")
        ),
        list(
            SecretBallot.objects.filter(proposal__coalition=coalition)
            .order_by("position")
            .values_list("position")
        ),
    ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()
