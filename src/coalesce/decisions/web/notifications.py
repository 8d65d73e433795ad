"""The reader's notifications in a coalition, and marking them read."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from coalesce.coalitions.web.pages import coalition_page, page
from coalesce.decisions import selectors, services
from coalesce.decisions.web.common import GET_POST, decisions_url


@GET_POST
@coalition_page("decisions.list")
def notifications(request, actor):
    if request.method == "POST":
        changed = services.mark_notifications_read(actor)
        if changed:
            messages.success(request, _("All notifications are marked as read."))
        return redirect(decisions_url(actor, "notifications"))
    found = list(selectors.notifications(actor))
    return page(
        request,
        actor,
        "decisions/notifications.html",
        notifications=found,
        unread=sum(1 for n in found if n.read_at is None),
    )
