"""Pages for the coalition itself, its charter and its committees."""

from django.urls import path

from coalesce.coalitions import selectors
from coalesce.core.web import coalition_page, page


@coalition_page("coalition.public_page")
def dashboard(request, actor):
    return page(request, actor, "coalitions/dashboard.html")


@coalition_page("charter.view")
def charter(request, actor):
    return page(
        request, actor, "coalitions/charter.html", charter=selectors.charter(actor.coalition)
    )


@coalition_page("committees.list")
def committees(request, actor):
    return page(
        request, actor, "coalitions/committees.html", committees=selectors.committees(actor)
    )


urlpatterns = [
    path("", dashboard, name="dashboard"),
    path("charter/", charter, name="charter"),
    path("committees/", committees, name="committees"),
]
