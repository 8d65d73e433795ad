"""What the statements pages share: URLs and the statement page's context."""

from django import forms as django_forms

from coalesce.coalitions.web.pages import coalition_url, page
from coalesce.core.forms import post_form
from coalesce.decisions.models import Category
from coalesce.statements import policy, selectors, services
from coalesce.statements.web.forms import CommentForm, EditForm, LockForm


def lock_categories(actor) -> list:
    """Decision categories the text may be sent to: those with a rule (one query)."""
    return list(
        Category.objects.filter(coalition=actor.coalition, rules__isnull=False)
        .distinct()
        .order_by("name")
    )


def statement_page(request, actor, statement, *, status=200, **forms):
    """The statement: its text (locked or current), versions and comments, and the forms
    the actor may use (a form given in ``forms`` comes back with its errors)."""
    found = selectors.versions(statement)
    current = found[0]
    context = {
        "statement": statement,
        "current": current,
        "versions": found,
        "window_open": services.comment_window_open(statement, current),
        "window_closes": selectors.comment_window_closes(statement, current),
        "signatories": selectors.signatories(actor, statement),
        "may_sign": policy.allows(actor, "statement.sign", statement),
        "may_reopen": policy.allows(actor, "statement.reopen", statement),
        "may_publish": policy.allows(actor, "statement.publish", statement),
    }
    if policy.allows(actor, "statement.edit", statement):
        context["edit_form"] = forms.get("edit_form") or EditForm(
            initial={"title": statement.title, "text": current.text}
        )
    if policy.allows(actor, "statement.lock", statement):
        context["lock_form"] = forms.get("lock_form") or LockForm(categories=lock_categories(actor))
    if context["window_open"] and policy.allows(actor, "statement.comment", statement):
        context["comment_form"] = forms.get("comment_form") or CommentForm()
    if forms.get("error"):
        context["error"] = forms["error"]
    return page(request, actor, "statements/statement.html", status=status, **context)


def statement_post(request, actor, statement_id, action, write, *, success, form=None, **where):
    """A write on one statement: check ``action`` on it, then ``post_form``: back to the
    statement (at ``where["anchor"]``), or the statement with ``form`` (named
    ``where["form_name"]``) showing its errors — or, for a one-button write without a
    form, with the error above the page — and the service's status."""
    statement = selectors.statement(actor, statement_id)
    policy.require(actor, action, statement)
    sent = form if form is not None else django_forms.Form({})

    def failed(status):
        if form is not None:
            return statement_page(
                request, actor, statement, status=status, **{where["form_name"]: form}
            )
        error = " ".join(sent.non_field_errors())
        return statement_page(request, actor, statement, status=status, error=error)

    return post_form(
        request,
        sent,
        write,
        success=success,
        done=coalition_url(actor, "statements:statement", statement_id=statement.id)
        + where.get("anchor", ""),
        failed=failed,
    )
