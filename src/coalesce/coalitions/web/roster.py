"""Importing members from a file: upload → preview of every row → confirm.

The preview writes nothing. The confirm form carries the file's text back (in a hidden
field) and the service checks it all again before writing, all or nothing.
"""

import csv
import io

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coalesce.coalitions import member_file, roster
from coalesce.coalitions.web.forms.roster import ConfirmForm, ImportForm
from coalesce.coalitions.web.pages import coalition_page, page
from coalesce.core.forms import apply_domain_error

CONFIRMED_FILENAME = "confirmed.csv"


def _file_text(data: bytes, filename: str) -> str:
    """The file as CSV text, for the confirm form to post back."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(member_file.raw_rows(data, filename))
    return out.getvalue()


def _render(request, actor, *, form=None, preview=None, content="", status=200):
    return page(
        request,
        actor,
        "coalitions/members_import.html",
        status=status,
        form=form or ImportForm(),
        preview=preview,
        confirm=ConfirmForm(initial={"content": content}) if content else None,
        columns=member_file.COLUMNS,
    )


def _uploaded(form) -> tuple[bytes, str]:
    """The upload's bytes, never more than the limit read into memory."""
    upload = form.cleaned_data["file"]
    if upload.size > member_file.MAX_IMPORT_BYTES:
        raise member_file.too_big()
    data = upload.read(member_file.MAX_IMPORT_BYTES + 1)
    if len(data) > member_file.MAX_IMPORT_BYTES:
        raise member_file.too_big()
    return data, upload.name or ""


@coalition_page("members.import")
def members_import(request, actor):
    if request.method != "POST":
        return _render(request, actor)
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render(request, actor, form=form, status=400)
    try:
        data, filename = _uploaded(form)
        preview = roster.preview_import(actor, data=data, filename=filename)
        content = _file_text(data, filename) if not preview.errors and preview.new else ""
    except member_file.MemberFileError as error:
        apply_domain_error(form, error, {"columns": "file"})
        return _render(request, actor, form=form, status=error.status)
    return _render(request, actor, preview=preview, content=content)


@require_POST
@coalition_page("members.import")
def members_import_confirm(request, actor):
    form = ConfirmForm(request.POST)
    if not form.is_valid():
        return _render(request, actor, status=400)
    content = form.cleaned_data["content"]
    try:
        done = roster.import_members(
            actor, data=content.encode("utf-8"), filename=CONFIRMED_FILENAME
        )
    except roster.ImportRefused as error:
        messages.error(request, error.message)
        return _render(request, actor, preview=error.preview, status=error.status)
    except member_file.MemberFileError as error:
        upload = ImportForm()
        apply_domain_error(upload, error, {"columns": "file"})
        return _render(request, actor, form=upload, status=error.status)
    messages.success(
        request,
        _("%(new)d members imported; %(existing)d were already registered.")
        % {"new": done.imported, "existing": done.existing},
    )
    return redirect("coalitions:members", actor.coalition.slug)


urlpatterns = [
    path("members/import/", members_import, name="members_import"),
    path("members/import/confirm/", members_import_confirm, name="members_import_confirm"),
]
