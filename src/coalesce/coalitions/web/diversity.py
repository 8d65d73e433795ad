"""The diversity page: who the members are, and who is missing."""

from django.urls import path
from django.utils.translation import gettext as _

from coalesce.coalitions import selectors
from coalesce.coalitions.web.pages import coalition_page, page
from coalesce.core import charts


@coalition_page("diversity.view")
def diversity(request, actor):
    data = selectors.diversity(actor)
    chart = charts.horizontal_bars(
        data["actor_types"],
        title=_("Member organisations by actor type"),
        chart_id="actor-types-chart",
    )
    return page(request, actor, "coalitions/diversity.html", diversity=data, chart=chart)


urlpatterns = [
    path("diversity/", diversity, name="diversity"),
]
