"""The updates pages: parse → authorise (``coalition_page``) → service or selector → page.

No GET writes: opening an update does not mark it read — the reader says so with "I have
read this" (or by acknowledging or replying), and the e-mail's acknowledgement link
opens a page with a button that sends the acknowledgement.
"""

from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coalesce.coalitions.web.pages import coalition_page, coalition_url, page
from coalesce.core.forms import form_page, post_form
from coalesce.updates import policy, selectors, services
from coalesce.updates.web.forms import PreferenceForm, ReplyForm, SettingsForm, UpdateForm


def _posted(request):
    return request.POST if request.method == "POST" else None


def _form_page(request, actor, form, status, *, heading, note="", submit=None):
    return page(
        request,
        actor,
        "updates/form_page.html",
        status=status,
        form=form,
        heading=heading,
        note=note,
        submit=submit or _("Save"),
    )


@coalition_page("updates.list")
def index(request, actor):
    rows = selectors.updates(actor)
    unread = sum(1 for u in rows if u.my_opened_at is None and u.author_id != actor.user.id)
    return page(request, actor, "updates/index.html", rows=rows, unread=unread)


@coalition_page("updates.post")
def new(request, actor):
    form = UpdateForm(_posted(request), audiences=selectors.audiences(actor))
    return form_page(
        request,
        form,
        lambda data: services.post_update(
            actor,
            title=data["title"],
            body=data["body"],
            committee_id=data["committee"] or None,
            asks_acknowledgement=data["asks_acknowledgement"],
            site_url=request.build_absolute_uri("/"),
        ),
        success=_("Your update is posted; the e-mails are on their way."),
        done=lambda posted: coalition_url(actor, "updates:update", posted.id),
        render=lambda status: _form_page(
            request,
            actor,
            form,
            status,
            heading=_("New update"),
            note=_(
                "Everyone in the audience reads it here and gets it by e-mail (plain, with no "
                "images and nothing that tracks opening)."
            ),
            submit=_("Post the update"),
        ),
    )


def update_page(request, actor, update, *, reply_form=None, status=200):
    context = {
        "update": update,
        "replies": selectors.replies(actor, update),
        "may_read": policy.allows(actor, "update.read", update),
        "may_acknowledge": policy.allows(actor, "update.acknowledge", update),
        "tally": (
            selectors.counts(actor, update)
            if policy.allows(actor, "update.counts", update)
            else None
        ),
    }
    if policy.allows(actor, "update.reply", update):
        context["reply_form"] = reply_form or ReplyForm()
    return page(request, actor, "updates/update.html", status=status, **context)


@coalition_page("updates.list")
def update(request, actor, update_id):
    return update_page(request, actor, selectors.update(actor, update_id))


@require_POST
@coalition_page("updates.list")
def read(request, actor, update_id):
    services.mark_read(actor, update_id)
    return redirect(coalition_url(actor, "updates:update", update_id))


@require_POST
@coalition_page("updates.list")
def acknowledge(request, actor, update_id):
    services.acknowledge(actor, update_id)
    return redirect(coalition_url(actor, "updates:update", update_id))


@require_POST
@coalition_page("updates.list")
def reply(request, actor, update_id):
    found = selectors.update(actor, update_id)
    policy.require(actor, "update.reply", found)
    form = ReplyForm(request.POST)
    return post_form(
        request,
        form,
        lambda data: services.reply(actor, found.id, body=data["body"]),
        success=_("Your reply is added."),
        done=coalition_url(actor, "updates:update", found.id) + "#replies",
        failed=lambda status: update_page(request, actor, found, reply_form=form, status=status),
    )


@coalition_page("update.acknowledge_link")
def link(request, actor, token):
    """The e-mail's link: a GET shows what it acknowledges and a button; the POST does it."""
    if request.method == "POST":
        services.acknowledge_by_link(actor, token)
        return page(request, actor, "updates/link.html", done=True)
    receipt = services.receipt_for_link(token, actor.coalition)
    used = receipt.acknowledged_at is not None
    return page(
        request, actor, "updates/link.html", receipt=receipt, used=used, status=409 if used else 200
    )


@coalition_page("updates.settings")
def settings_page(request, actor):
    current = selectors.settings(actor)
    form = SettingsForm(_posted(request), initial={"members_may_post": current.members_may_post})
    return form_page(
        request,
        form,
        lambda data: services.set_settings(actor, members_may_post=data["members_may_post"]),
        success=_("The settings are saved."),
        done=coalition_url(actor, "updates:index"),
        render=lambda status: _form_page(
            request,
            actor,
            form,
            status,
            heading=_("Update settings"),
            note=_(
                "The steering committee and admins always post to the whole coalition, and a "
                "committee's members to their committee."
            ),
        ),
    )


@coalition_page("updates.preference")
def preference(request, actor):
    current = selectors.preference(actor)
    form = PreferenceForm(
        _posted(request), initial={"counted_not_named": current.counted_not_named}
    )
    return form_page(
        request,
        form,
        lambda data: services.set_preference(actor, counted_not_named=data["counted_not_named"]),
        success=_("Your choice is saved."),
        done=coalition_url(actor, "updates:preference"),
        render=lambda status: _form_page(
            request, actor, form, status, heading=_("Being named as a reader")
        ),
    )
