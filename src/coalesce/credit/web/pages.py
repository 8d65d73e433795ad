"""The credit pages: outputs, one output with its contributions and acknowledgement line,
recording a contribution, a member's choice of credit, the credit policy, the equity view.

Same shape as the other coalition pages: ``coalition_page`` loads the coalition and the
actor and checks the action; writes are POST-only (or a form page's POST) and go through
``credit.services``; bad input re-renders the form with the error on its field, the
service's status, and nothing saved. Every name comes from ``credit.selectors``.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from coalesce.coalitions.web.pages import coalition_page, coalition_url, page
from coalesce.core.forms import form_page, post_form
from coalesce.credit import policy, selectors, services
from coalesce.credit.web.forms import ConsentForm, ContributionForm, CreditPolicyForm, OutputForm

GET_POST = require_http_methods(["GET", "POST"])


def _outputs_page(request, actor, form=None, status=200):
    if form is None and policy.allows(actor, "credit.record_output"):
        form = OutputForm()
    return page(
        request,
        actor,
        "credit/outputs.html",
        outputs=selectors.outputs(actor),
        form=form,
        status=status,
    )


@require_GET
@coalition_page("credit.view")
def outputs(request, actor):
    return _outputs_page(request, actor)


@require_POST
@coalition_page("credit.record_output")
def output_add(request, actor):
    form = OutputForm(request.POST)
    return post_form(
        request,
        form,
        lambda data: services.record_output(actor, **data),
        success=_("The output is recorded."),
        done=lambda output: coalition_url(actor, "credit:output", output_id=output.pk),
        failed=lambda status: _outputs_page(request, actor, form, status),
    )


@require_GET
@coalition_page("credit.view")
def output(request, actor, output_id):
    view = selectors.output_view(actor, output_id)
    # The member's own choice of credit, changed in place (its own rows, or a custodian's).
    rows = [(row, _consent_form(row) if row.consent_shown else None) for row in view.rows]
    return page(
        request,
        actor,
        "credit/output.html",
        view=view,
        rows=rows,
        may_contribute=policy.allows(actor, "credit.contribute"),
    )


def _consent_form(row):
    contribution = row.contribution
    return ConsentForm(initial={"consent": contribution.consent}, auto_id=f"c{contribution.pk}_%s")


@GET_POST
@coalition_page("credit.contribute")
def contribute(request, actor, output_id):
    found = selectors.output(actor, output_id)
    form = ContributionForm(request.POST or None, members=selectors.contributor_choices(actor))
    return form_page(
        request,
        form,
        lambda data: services.record_contribution(actor, found.pk, **data),
        success=_("The contribution is recorded."),
        done=coalition_url(actor, "credit:output", output_id=found.pk),
        render=lambda status: page(
            request, actor, "credit/contribute.html", form=form, output=found, status=status
        ),
    )


@require_POST
@coalition_page("credit.consent")
def consent(request, actor, contribution_id):
    # The service checks the value: a bad one is a 400 page, and nothing changes.
    changed = services.set_consent(actor, contribution_id, consent=request.POST.get("consent"))
    messages.success(request, _("Your choice of credit is saved."))
    return redirect(coalition_url(actor, "credit:output", output_id=changed.output_id))


@GET_POST
@coalition_page("credit.policy")
def policy_edit(request, actor):
    found = selectors.credit_policy(actor.coalition)
    form = CreditPolicyForm(
        request.POST or None,
        initial={
            "roles": found.roles,
            "minimum_degree": found.minimum_degree,
            "name_order": found.name_order,
            "count_unnamed": found.count_unnamed,
        },
    )
    return form_page(
        request,
        form,
        lambda data: services.set_credit_policy(actor, **data),
        success=_("The credit policy is saved."),
        done=coalition_url(actor, "coalitions:charter") + "#sharing_credit",
        render=lambda status: page(request, actor, "credit/policy.html", form=form, status=status),
    )


@require_GET
@coalition_page("credit.equity")
def equity(request, actor):
    return page(request, actor, "credit/equity.html", equity=selectors.equity(actor))
