"""The demo's books: recorded through the services, balanced, with a queue and masks."""

from datetime import date
from decimal import Decimal

import pytest

from coalesce.accounts.models import User
from coalesce.audit.models import AuditEvent
from coalesce.coalitions.policy import actor_for
from coalesce.demo.load import load
from coalesce.demo.logins import LOGINS
from coalesce.finance import selectors
from coalesce.finance.models import EntryStatus

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_years_balanced_ledger_with_masked_payees(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    coalition = load()
    member = actor_for(User.objects.get(email=LOGINS["member"][0]), coalition)
    debits, credits = selectors.totals(member, year=date.today().year)
    assert debits == credits > Decimal("10000")
    rows = selectors.entries(member, year=date.today().year)
    assert len(rows) >= 8
    assert [r.description for r in rows if r.status == EntryStatus.PENDING] == [
        "Radio spots on community stations"
    ]
    payees = {r.description: r.payee for r in rows}
    assert payees["Safe transport for witnesses"].label == "Trusted driver"
    assert payees["Travel to the county hearings"].is_alias
    assert "Peter Njoroge" not in {p.label for p in payees.values()}
    budget = {b.name: b for b in selectors.budget(member, date.today().year)}
    assert budget["Meetings"].actual == Decimal("3050.00")
    approved = AuditEvent.objects.filter(coalition=coalition, action="finance.entry_approved")
    assert approved.count() == 2
