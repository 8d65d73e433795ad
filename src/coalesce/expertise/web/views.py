"""The expertise pages: my organisation's offers and needs, the directory, requests.

Same shape as the other coalition pages: ``coalition_page`` loads the coalition and
the actor and checks the action; reads go through ``expertise.selectors``, writes are
POST-only through ``expertise.services`` and end in a redirect with a message; bad input
re-renders the page with the error on its field, the service's status, and nothing
saved. Members are shown only as ``member_row`` gives them (an alias where the reader
may not see the identity).
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from coalesce.coalitions.web.pages import coalition_page, coalition_url, page
from coalesce.core.forms import form_page, post_form
from coalesce.expertise import policy, selectors, services
from coalesce.expertise.limits import DIRECTORY_PAGE
from coalesce.expertise.models import Side
from coalesce.expertise.web.forms import DirectoryForm, EntryForm, RequestForm, ResponseForm


def _index(request, actor, *, form=None, status=200):
    own = selectors.own_expertise(actor)
    return page(
        request,
        actor,
        "expertise/index.html",
        status=status,
        own=own,
        lists=[
            ("offers", _("What we can offer"), own.offers, _("Nothing offered yet.")),
            ("needs", _("What we need"), own.needs, _("No needs listed yet.")),
        ],
        form=(form or EntryForm(auto_id="entry_%s")) if own.may_edit else None,
    )


@require_GET
@coalition_page("expertise.view")
def index(request, actor):
    return _index(request, actor)


@require_POST
@coalition_page("expertise.edit")
def entry_add(request, actor):
    form = EntryForm(request.POST, auto_id="entry_%s")
    return post_form(
        request,
        form,
        lambda data: services.add_entry(actor, **data),
        success=_("It is on your organisation's list."),
        done=coalition_url(actor, "expertise:index"),
        failed=lambda status: _index(request, actor, form=form, status=status),
    )


@require_POST
@coalition_page("expertise.view")
def entry_remove(request, actor, entry_id):
    services.remove_entry(actor, entry_id)
    messages.success(request, _("It is off the list."))
    back = request.POST.get("next") == "directory"
    return redirect(coalition_url(actor, "expertise:directory" if back else "expertise:index"))


@require_GET
@coalition_page("expertise.view")
def directory(request, actor):
    data = request.GET.copy()
    data.setdefault("side", Side.OFFER)  # offers, unless the search says otherwise
    form = DirectoryForm(data)
    filters = form.cleaned_data if form.is_valid() else {}
    try:
        offset = max(int(request.GET.get("offset", 0)), 0)
    except ValueError:
        offset = 0
    rows, total = selectors.directory(
        actor,
        query=filters.get("q", ""),
        side=filters.get("side", Side.OFFER),
        topic=filters.get("topic", ""),
        kind=filters.get("kind", ""),
        language=filters.get("language", ""),
        offset=min(offset, 1_000_000),
        limit=DIRECTORY_PAGE,
    )
    return page(
        request,
        actor,
        "expertise/directory.html",
        form=form,
        rows=[(row, policy.allows(actor, "expertise.edit", row.item.membership)) for row in rows],
        total=total,
        first=offset + 1,
        last=offset + len(rows),
        next_offset=offset + DIRECTORY_PAGE if offset + DIRECTORY_PAGE < total else None,
        previous_offset=max(offset - DIRECTORY_PAGE, 0) if offset else None,
    )


@require_GET
@coalition_page("expertise.view")
def requests(request, actor):
    return page(
        request,
        actor,
        "expertise/requests.html",
        **selectors.request_lists(actor),
        may_request=policy.allows(actor, "expertise.request"),
    )


@coalition_page("expertise.request")
def request_new(request, actor):
    form = RequestForm(request.POST or None, auto_id="request_%s")
    return form_page(
        request,
        form,
        lambda data: services.post_request(actor, **data),
        success=_("Your request is posted; members who offer this kind of help will see it."),
        done=lambda posted: coalition_url(actor, "expertise:request", request_id=posted.id),
        render=lambda status: page(
            request, actor, "expertise/request_form.html", form=form, status=status
        ),
    )


def _request_page(request, actor, request_id, *, form=None, status=200):
    view = selectors.help_request(actor, request_id)
    if view.may_respond:
        form = form or ResponseForm(auto_id="response_%s")
    return page(request, actor, "expertise/request.html", view=view, form=form, status=status)


@require_GET
@coalition_page("expertise.view")
def help_request(request, actor, request_id):
    return _request_page(request, actor, request_id)


@require_POST
@coalition_page("expertise.request")
def respond(request, actor, request_id):
    form = ResponseForm(request.POST, auto_id="response_%s")
    return post_form(
        request,
        form,
        lambda data: services.respond(actor, request_id, **data),
        success=_("Your answer is sent to the member that asked."),
        done=coalition_url(actor, "expertise:request", request_id=request_id),
        failed=lambda status: _request_page(request, actor, request_id, form=form, status=status),
    )


@require_POST
@coalition_page("expertise.view")
def close(request, actor, request_id):
    services.close_request(actor, request_id)
    messages.success(request, _("The request is closed."))
    return redirect(coalition_url(actor, "expertise:request", request_id=request_id))
