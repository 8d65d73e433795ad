"""The list of statements, a new draft, and the statement page with its versions,
comments, edits and "lock and send for approval"."""

from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from coalesce.coalitions.web.pages import coalition_page, coalition_url, page
from coalesce.core.forms import form_page
from coalesce.statements import policy, selectors, services
from coalesce.statements.web.common import (
    lock_categories,
    statement_page,
    statement_post,
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
        done=lambda statement: coalition_url(
            actor, "statements:statement", statement_id=statement.id
        ),
        render=lambda status: page(request, actor, "statements/new.html", status=status, form=form),
    )


@require_GET
@coalition_page("statement.view")
def statement_view(request, actor, statement_id):
    return statement_page(request, actor, selectors.statement(actor, statement_id))


@require_POST
@coalition_page("statement.view")
def statement_edit(request, actor, statement_id):
    return statement_post(
        request,
        actor,
        statement_id,
        "statement.edit",
        lambda data: services.edit_statement(actor, statement_id, **data),
        success=_("The draft is saved."),
        form=EditForm(request.POST),
        form_name="edit_form",
    )


@require_POST
@coalition_page("statement.view")
def statement_comment(request, actor, statement_id):
    return statement_post(
        request,
        actor,
        statement_id,
        "statement.comment",
        lambda data: services.add_comment(actor, statement_id, body=data["body"]),
        success=_("Your comment is added."),
        form=CommentForm(request.POST),
        form_name="comment_form",
        anchor="#comments",
    )


@require_POST
@coalition_page("statement.view")
def statement_lock(request, actor, statement_id):
    return statement_post(
        request,
        actor,
        statement_id,
        "statement.lock",
        lambda data: services.lock_statement(actor, statement_id, **data),
        success=_("The text is locked and sent for approval."),
        form=LockForm(request.POST, categories=lock_categories(actor)),
        form_name="lock_form",
    )
