"""A coalition's audit log page (under /c/<slug>/audit/, namespace ``audit``)."""

from django.shortcuts import render
from django.urls import path

from coalesce.audit.models import AuditEvent
from coalesce.coalitions import policy
from coalesce.coalitions.web.pages import coalition_page

app_name = "audit"


@coalition_page("audit.view")
def audit_log(request, actor):
    events = list(
        AuditEvent.objects.filter(coalition=actor.coalition)
        .select_related("actor")
        .order_by("-id")[:200]
    )
    # Named under the membership-visibility rules, like the member directory.
    labels = policy.audit_actor_labels(actor, {e.actor for e in events if e.actor_id})
    rows = [(event, labels.get(event.actor_id, "")) for event in events]
    return render(
        request, "audit/log.html", {"coalition": actor.coalition, "actor": actor, "rows": rows}
    )


urlpatterns = [path("", audit_log, name="log")]
