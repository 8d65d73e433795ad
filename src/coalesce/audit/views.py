from django.shortcuts import render

from coalesce.audit.models import AuditEvent
from coalesce.core.web import coalition_page


@coalition_page("audit.view")
def audit_log(request, actor):
    events = (
        AuditEvent.objects.filter(coalition=actor.coalition)
        .select_related("actor")
        .order_by("-id")[:200]
    )
    return render(
        request, "audit/log.html", {"coalition": actor.coalition, "actor": actor, "events": events}
    )
