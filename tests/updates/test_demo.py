"""The demo coalition's updates, posted through the services."""

import pytest
from django.core.management import call_command

from coalesce.audit.models import AuditEvent
from coalesce.updates.models import Receipt, Reply, Update

pytestmark = pytest.mark.django_db


def test_the_demo_has_updates_to_everyone_and_to_a_committee():
    call_command("load_demo")
    to_all = Update.objects.get(committee__isnull=True)
    assert to_all.asks_acknowledgement
    assert Update.objects.filter(committee__isnull=False).count() == 1
    acknowledged = Receipt.objects.filter(update=to_all, acknowledged_at__isnull=False)
    assert acknowledged.count() == 1 and Reply.objects.filter(update=to_all).count() == 1
    assert AuditEvent.objects.filter(action="update.post").count() == 2
