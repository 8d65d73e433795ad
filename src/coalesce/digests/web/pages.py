"""The digest page: choose never / daily / weekly, and see what the next digest holds."""

from django.urls import reverse
from django.utils.translation import gettext as _

from coalesce.coalitions.web.pages import coalition_page, page
from coalesce.core.forms import form_page
from coalesce.digests import selectors, services
from coalesce.digests.web.forms import DigestForm


@coalition_page("digest.choose")
def digest_page(request, actor):
    current = selectors.choice(actor)
    form = DigestForm(
        request.POST if request.method == "POST" else None,
        initial={"frequency": current.frequency},
    )
    return form_page(
        request,
        form,
        lambda data: services.choose(
            actor, frequency=data["frequency"], site_url=request.build_absolute_uri("/")
        ),
        success=_("Your choice is saved."),
        done=reverse("digests:page", args=[actor.coalition.slug]),
        render=lambda status: page(
            request,
            actor,
            "digests/page.html",
            status=status,
            form=form,
            choice=current,
            next_digest=selectors.preview(actor),
        ),
    )
