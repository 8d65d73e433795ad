from django.shortcuts import render

from coalesce.coalitions import selectors
from coalesce.core.web import coalition_page


def page(request, actor, template, **context):
    return render(request, template, {"coalition": actor.coalition, "actor": actor, **context})


@coalition_page("coalition.public_page")
def dashboard(request, actor):
    return page(request, actor, "coalitions/dashboard.html")


@coalition_page("charter.view")
def charter(request, actor):
    return page(
        request, actor, "coalitions/charter.html", charter=selectors.charter(actor.coalition)
    )


@coalition_page("members.list")
def members(request, actor):
    rows, total = selectors.member_directory(actor)
    return page(request, actor, "coalitions/members.html", rows=rows, total=total)


@coalition_page("committees.list")
def committees(request, actor):
    return page(
        request, actor, "coalitions/committees.html", committees=selectors.committees(actor)
    )


@coalition_page("diversity.view")
def diversity(request, actor):
    return page(request, actor, "coalitions/diversity.html", diversity=selectors.diversity(actor))
