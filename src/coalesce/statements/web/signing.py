"""Signing a locked text for one's own membership, opening it for editing again, and
publishing it."""

from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coalesce.coalitions.web.pages import coalition_page, coalition_url, page
from coalesce.core.forms import form_page
from coalesce.statements import policy, selectors, services
from coalesce.statements.limits import MAX_LOGO_BYTES
from coalesce.statements.models import SignatureMode
from coalesce.statements.web.common import statement_post
from coalesce.statements.web.forms import SignForm


def _sign(actor, statement, data):
    """Sign with the form's data; an uploaded logo is read no further than one byte past
    the limit (the service refuses it then)."""
    fields = dict(data)
    upload = fields.pop("logo", None)
    logo = upload.read(MAX_LOGO_BYTES + 1) if upload else None
    return services.sign(actor, statement.id, **fields, logo=logo)


def _sign_page(request, actor, statement, form, own, status=200):
    return page(
        request,
        actor,
        "statements/sign.html",
        status=status,
        statement=statement,
        form=form,
        own=own,
        signatories=selectors.signatories(actor, statement),
    )


@coalition_page("statement.view")
def statement_sign(request, actor, statement_id):
    statement = selectors.statement(actor, statement_id)
    policy.require(actor, "statement.sign", statement)
    own = selectors.own_signatures(actor, statement)
    first = own[0] if own else None
    initial = {"text_hash": statement.locked_hash, "mode": SignatureMode.NAMED}
    if first is not None:
        initial["membership_id"] = first.membership_id
        if first.signature is not None:
            initial["mode"] = first.signature.mode
        elif first.pseudonymous:
            initial["mode"] = SignatureMode.ALIAS
    form = SignForm(request.POST or None, request.FILES or None, own=own, initial=initial)
    return form_page(
        request,
        form,
        lambda data: _sign(actor, statement, data),
        success=_("Your signature is recorded."),
        done=coalition_url(actor, "statements:statement", statement_id=statement.id),
        render=lambda status: _sign_page(request, actor, statement, form, own, status),
        aliases={"text_hash": None},
    )


@require_POST
@coalition_page("statement.view")
def statement_reopen(request, actor, statement_id):
    return statement_post(
        request,
        actor,
        statement_id,
        "statement.reopen",
        lambda _data: services.reopen_statement(actor, statement_id),
        success=_("The text is open for editing again; signatures wait for the new text."),
    )


@require_POST
@coalition_page("statement.view")
def statement_publish(request, actor, statement_id):
    return statement_post(
        request,
        actor,
        statement_id,
        "statement.publish",
        lambda _data: services.publish_statement(actor, statement_id),
        success=_("The statement is published."),
    )
