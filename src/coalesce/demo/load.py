"""Load the whole demo, once: a realistic, fictional coalition to explore Coalesce
with, and a login for every role (``demo.logins``).

The coalition and its members (``demo.coalition``), its decisions
(``demo.decisions``), its groundwork (``demo.groundwork``), its digests, updates, ledger,
statements, spokespeople, credit, expertise and meetings (``demo.updates`` …
``demo.meetings``),
the admin's training plans
and a finished session (``demo.training``), and a separate coalition beside it. Accounts
that exist before any invitation (the admin's and the other coalition's founder's) are
made as ``coalesce createadmin`` makes them.

Loading is idempotent: the demo is created once and left alone afterwards. E-mails the
services send while it loads (invitations, confirmations) are dropped: the loader takes
the links' tokens itself.
"""

from django.db import transaction

from coalesce.coalitions.models import Coalition
from coalesce.coalitions.policy import actor_for
from coalesce.demo import coalition as demo_coalition
from coalesce.demo import (
    credit,
    decisions,
    digests,
    expertise,
    finance,
    goals,
    groundwork,
    health,
    meetings,
    participation,
    spokespeople,
    statements,
    training,
    updates,
)
from coalesce.demo.front_door import first_account, mail_dropped
from coalesce.demo.logins import LOGINS


def load() -> Coalition | None:
    """Create the demo coalition once; return it, or None when it already exists."""
    if Coalition.objects.filter(slug=demo_coalition.DEMO_SLUG).exists():
        return None
    with mail_dropped(), transaction.atomic():
        return _build()


def _build() -> Coalition:
    founder_user = first_account(*LOGINS["admin"])
    coalition = demo_coalition.build(founder_user)
    decisions.load(coalition)
    founder = actor_for(founder_user, coalition)
    groundwork.load(founder)
    digests.load(coalition)  # before the worker sends the updates' e-mails
    updates.load(coalition)
    finance.load(coalition)
    statements.load(coalition)
    spokespeople.load(founder)
    credit.load(founder)
    expertise.load(coalition)
    # --- goals (issue 13) ---
    goals.load(founder)
    # --- health (issue 13) ---
    health.load(founder)
    # --- meetings (issue 13) ---
    meetings.load(coalition)
    # --- participation (issue 13) ---
    participation.load(coalition)
    training.load(founder_user)
    demo_coalition.found_other_coalition()
    return coalition
