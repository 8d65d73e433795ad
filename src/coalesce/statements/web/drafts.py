"""The list of statements, a new draft, and the statement page with its versions,
comments, edits and "lock and send for approval"."""

from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from coalesce.coalitions.web.pages import coalition_page, page
from coalesce.core.forms import form_page, post_form
from coalesce.statements import policy, selectors, services
from coalesce.statements.web.common import (
    lock_categories,
    statement_page,
    statements_url,
)
from coalesce.statements.web.forms import CommentForm, EditForm, LockForm, StatementForm


@require_GET
@coalition_page("statements.list")
def statement_list(request, actor):
    return page(
        request,
        actor,
        "statements/list.html",
        statements=selectors.statements(actor),
        may_create=policy.allows(actor, "statements.create"),
    )


@coalition_page("statements.create")
def statement_create(request, actor):
    form = StatementForm(request.POST or None)
    return form_page(
        request,
        form,
        lambda data: services.create_statement(actor, **data),
        success=_("The draft is saved; members may comment on it now."),
        done=lambda statement: statements_url(actor, "statement", statement_id=statement.id),
        render=lambda status: page(request, actor, "statements/new.html", status=status, form=form),
    )


@require_GET
@coalition_page("statement.view")
def statement_view(request, actor, statement_id):
    return statement_page(request, actor, selectors.statement(actor, statement_id))


def _post(request, actor, statement_id, action, form_name, form, write, success, anchor=""):
    statement = selectors.statement(actor, statement_id)
    policy.require(actor, action, statement)
    return post_form(
        request,
        form,
        write,
        success=success,
        done=statements_url(actor, "statement", statement_id=statement.id) + anchor,
        failed=lambda status: statement_page(
            request, actor, statement, status=status, **{form_name: form}
        ),
    )


@require_POST
@coalition_page("statement.view")
def statement_edit(request, actor, statement_id):
    return _post(
        request,
        actor,
        statement_id,
        "statement.edit",
        "edit_form",
        EditForm(request.POST),
        lambda data: services.edit_statement(actor, statement_id, **data),
        _("The draft is saved."),
    )


@require_POST
@coalition_page("statement.view")
def statement_comment(request, actor, statement_id):
    return _post(
        request,
        actor,
        statement_id,
        "statement.comment",
        "comment_form",
        CommentForm(request.POST),
        lambda data: services.add_comment(actor, statement_id, body=data["body"]),
        _("Your comment is added."),
        "#comments",
    )


@require_POST
@coalition_page("statement.view")
def statement_lock(request, actor, statement_id):
    return _post(
        request,
        actor,
        statement_id,
        "statement.lock",
        "lock_form",
        LockForm(request.POST, categories=lock_categories(actor)),
        lambda data: services.lock_statement(actor, statement_id, **data),
        _("The text is locked and sent for approval."),
    )
