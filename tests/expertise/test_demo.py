"""The demo's expertise: several members offer and need, one open request reaches the
member offering that help — all through the services (each write audited)."""

from django.core.management import call_command

from coalesce.accounts.models import User
from coalesce.audit.models import AuditEvent
from coalesce.coalitions.models import Coalition
from coalesce.coalitions.policy import actor_for
from coalesce.demo.logins import LOGINS
from coalesce.expertise import selectors
from coalesce.expertise.models import Entry, HelpRequest


def test_the_demo_shares_expertise_through_the_services(db):
    call_command("load_demo")
    coalition = Coalition.objects.get(slug="safer-communities")
    entries = Entry.objects.filter(coalition=coalition)
    assert entries.values("membership").distinct().count() >= 5
    assert {"offer", "need"} == set(entries.values_list("side", flat=True))
    assert AuditEvent.objects.filter(action="expertise.entry_added").count() == entries.count()
    asked = HelpRequest.objects.get(coalition=coalition, status="open")
    assert AuditEvent.objects.filter(action="expertise.request_posted").count() == 1
    member = actor_for(User.objects.get(email=LOGINS["member"][0]), coalition)
    rows, _total = selectors.directory(member)
    assert "Riverside Support Circle" in {row.member.name for row in rows}
    assert "Survivors of Police Abuse Support Group" not in {row.member.name for row in rows}
    chair = actor_for(User.objects.get(email=LOGINS["chair"][0]), coalition)
    assert selectors.help_request(chair, asked.id).answered
