"""Pages for members, applications, eligibility requirements and diversity."""

from django.urls import path

from coalesce.coalitions import selectors
from coalesce.core.web import coalition_page, page


@coalition_page("members.list")
def members(request, actor):
    rows, total = selectors.member_directory(actor)
    return page(request, actor, "coalitions/members.html", rows=rows, total=total)


@coalition_page("diversity.view")
def diversity(request, actor):
    return page(request, actor, "coalitions/diversity.html", diversity=selectors.diversity(actor))


urlpatterns = [
    path("members/", members, name="members"),
    path("diversity/", diversity, name="diversity"),
]
