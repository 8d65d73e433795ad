"""The demo coalition's credit ledger, built through the services: the equity view flags
the member that translates everything and is never credited."""

import pytest
from django.core.management import call_command

from coalesce.accounts.models import User
from coalesce.coalitions.models import Coalition
from coalesce.coalitions.policy import actor_for
from coalesce.credit import selectors
from coalesce.credit.models import Output

pytestmark = pytest.mark.django_db


def test_the_demo_has_outputs_lines_and_a_flag():
    call_command("load_demo")
    coalition = Coalition.objects.get(slug="safer-communities")
    steering = actor_for(User.objects.get(email="steering@demo.coalesce.test"), coalition)
    assert len(selectors.outputs(steering)) == 4
    statement = Output.objects.get(coalition=coalition, kind="statement")
    line = selectors.public_line(statement).text
    assert line.startswith("With contributions from Women for Safe Neighbourhoods")
    assert "Survivors of Police Abuse" not in line  # pseudonymous: counted
    equity = selectors.equity(steering)
    assert [row.member.name for row in equity.rows if row.flagged] == ["Community Radio Network"]
    assert {g.group for g in equity.gaps if g.is_gap} == {"media"}
