from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect

from coalesce.core.errors import DomainError, Forbidden, NotFound


def apply_domain_error(form: forms.Form, error: DomainError, aliases: dict | None = None) -> None:
    """Show a service's error on the field it names, or on the form as a whole.

    ``aliases`` maps a service's field name to the form's, where they differ;
    ``answers.<id>`` (an application's answer) maps to the ``answer_<id>`` field.
    """
    field = (aliases or {}).get(error.field, error.field)
    if isinstance(field, str) and field.startswith("answers."):
        field = "answer_" + field.removeprefix("answers.")
    form.add_error(field if field in form.fields else None, error.message)


@dataclass(frozen=True)
class Submission:
    """What ``submit`` did: ``status`` is None when the write worked (``result`` is what
    it returned), otherwise the status to answer with."""

    status: int | None
    result: object = None


def submit(request, form: forms.Form, write, *, success: str, aliases=None) -> Submission:
    """Validate ``form`` and run ``write(cleaned_data)``.

    Worked: ``status`` None, ``result`` the write's return value, ``success`` queued as a
    message. Otherwise ``status`` is what to answer with: 400 for a form that does not
    parse, or the service error's own status, with the error shown on the form. A
    NotFound or Forbidden that names no field is about the page, not the input: it
    propagates and becomes an error page.
    """
    if not form.is_valid():
        return Submission(400)
    try:
        result = write(form.cleaned_data)
    except DomainError as error:
        if isinstance(error, NotFound | Forbidden) and error.field is None:
            raise
        apply_domain_error(form, error, aliases)
        return Submission(error.status)
    messages.success(request, success)
    return Submission(None, result)


def post_form(request, form, write, *, success, done, failed, aliases=None):
    """Answer a form's POST: ``submit`` it; when the write worked answer with ``done``
    (a URL to redirect to, or a function of the write's result giving a URL or a
    response), otherwise with ``failed(status)``."""
    submission = submit(request, form, write, success=success, aliases=aliases)
    if submission.status is not None:
        return failed(submission.status)
    answer = done(submission.result) if callable(done) else done
    return redirect(answer) if isinstance(answer, str) else answer


def form_page(request, form, write, *, success, done, render, failed=None, aliases=None):
    """A GET/POST form page: a GET answers ``render(200)``; a POST goes through
    ``post_form``, a failed write answering ``(failed or render)(status)``."""
    if request.method != "POST":
        return render(200)
    return post_form(
        request, form, write, success=success, done=done, failed=failed or render, aliases=aliases
    )


def download(filename: str, content_type: str, content=b"") -> HttpResponse:
    """An answer the browser saves as ``filename``: ``content``, and whatever is written
    to the answer after (a CSV writer, say)."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
