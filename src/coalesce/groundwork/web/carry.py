"""“Into a real coalition”: a finished training session's work carried into a new
coalition or one whose charter the facilitator keeps. The page sits among the session's
pages (``training:session_coalition``, composed into the training namespace by
``coalesce.urls``): training links to it but does not know groundwork.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coalesce.core.errors import DomainError, Forbidden, NotFound
from coalesce.core.forms import apply_domain_error
from coalesce.groundwork import selectors, services
from coalesce.groundwork.web.forms import IntoCoalitionForm

GET_POST = require_http_methods(["GET", "POST"])


@GET_POST
@login_required
def session_coalition(request, session_id):
    preview = selectors.carry_preview(request.user, session_id)
    coalitions = list(selectors.coalitions_kept_by(request.user))
    form = IntoCoalitionForm(request.POST or None, coalitions=coalitions)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                carried = services.session_to_coalition(
                    request.user,
                    preview.session.pk,
                    coalition_slug=form.cleaned_data.get("coalition", ""),
                    name=form.cleaned_data["name"],
                )
            except DomainError as error:
                if isinstance(error, NotFound | Forbidden) and error.field is None:
                    raise
                apply_domain_error(form, error, {"slug": "name"})
                status = error.status
            else:
                messages.success(request, _carried_message(carried))
                return redirect(
                    reverse("groundwork:index", kwargs={"slug": carried.coalition.slug})
                )
    return render(
        request,
        "groundwork/session_coalition.html",
        {
            "session": preview.session,
            "module": preview.module,
            "preview": preview,
            "form": form,
        },
        status=status,
    )


def _carried_message(carried) -> str:
    counts = _(
        "%(partners)d new prospective partners, %(challenges)d new challenges, "
        "guidance on %(policies)d charter policies."
    ) % {
        "partners": carried.partners,
        "challenges": carried.challenges,
        "policies": carried.policies,
    }
    if carried.created:
        return _("The coalition “%(name)s” is created: %(counts)s") % {
            "name": carried.coalition.name,
            "counts": counts,
        }
    return _("Added to “%(name)s”: %(counts)s") % {"name": carried.coalition.name, "counts": counts}


# Joined to the training namespace's patterns in coalesce.urls (same names as ever).
training_urlpatterns = [
    path("sessions/<int:session_id>/coalition/", session_coalition, name="session_coalition"),
]
