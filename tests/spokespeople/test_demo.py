"""The demo coalition has a roster, an opted-out organisation and answered requests."""

import pytest

from coalesce.audit.models import AuditEvent
from coalesce.demo.load import load
from coalesce.spokespeople.models import Assignment, Mandate, SafetyOptOut


@pytest.mark.django_db
def test_the_demo_roster_was_built_through_the_services(fast_hashing):
    coalition = load()
    assert Mandate.objects.filter(coalition=coalition).count() == 8
    opted_out = SafetyOptOut.objects.get(coalition=coalition).membership
    assert opted_out.visibility == "pseudonymous"
    assert not Assignment.objects.filter(membership=opted_out).exists()
    assert Assignment.objects.filter(status="accepted").count() == 3
    assert Assignment.objects.filter(status="declined").count() == 1
    assert AuditEvent.objects.filter(action="spokespeople.grant").count() == 8
