"""The done-when of issue 12: 100 statements among 12 organisations with constraints,
through the services and the database. The spread of assignments among the eligible
organisations is at most 1, and no opted-out organisation is ever assigned."""

from collections import Counter
from datetime import timedelta

import pytest

from coalesce.coalitions.models import MembershipStatus
from coalesce.spokespeople import services
from coalesce.spokespeople.models import Assignment
from tests.support import factories as f

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_hashing")]


def test_100_statements_among_12_organisations(world, actor, today):
    steering = actor("steering")
    orgs = [f.make_member(world.coalition, name=f"Simulated {n}") for n in range(12)]
    ids = [m.id for m in orgs]
    soon = today + timedelta(days=60)

    def grant(m, language="en", region="", starts=today, expires=soon):
        services.grant_mandate(
            steering,
            membership_id=m.id,
            topic="police-oversight",
            language=language,
            region=region,
            starts_on=starts,
            expires_on=expires,
        )

    for m in orgs[:8]:
        grant(m)  # eligible
    grant(orgs[8], language="fr")  # wrong language
    grant(orgs[9], region="North")  # a regional mandate only
    grant(orgs[10], expires=today + timedelta(days=1))  # expires before the statements
    grant(orgs[11])
    services.set_opt_out(steering, orgs[11].id, opted_out=True)  # for its safety
    grant(orgs[0], language="fr")  # a second mandate changes nothing for English
    f.make_member(world.coalition, status=MembershipStatus.SUSPENDED)  # not a candidate

    for n in range(100):
        request = services.request_voice(
            steering,
            title=f"Statement {n}",
            kind="statement",
            topic="police-oversight",
            language="en",
            needed_on=today + timedelta(days=5 + n % 20),
        )
        assignment = request.assignments.get()
        services.answer_assignment(steering, assignment.id, accept=True)

    accepted = Counter(
        Assignment.objects.filter(status="accepted").values_list("membership_id", flat=True)
    )
    eligible = ids[:8]
    assert sum(accepted.values()) == 100
    assert set(accepted) == set(eligible)
    assert max(accepted[i] for i in eligible) - min(accepted[i] for i in eligible) <= 1
    assert accepted[orgs[11].id] == 0  # opted out: never assigned
    assert all(accepted[m.id] == 0 for m in orgs[8:])
