"""Categories of decisions and their rules: the list with every version, a new
category, and a category's first rule."""

from django.utils.translation import gettext as _

from coalesce.coalitions.web.pages import coalition_page, page
from coalesce.core.forms import form_page
from coalesce.decisions import policy, selectors, services
from coalesce.decisions.web.common import GET_POST, decisions_url, int_param
from coalesce.decisions.web.forms import CategoryForm, DefineRuleForm


def _create_category(actor, data):
    category = services.create_category(actor, **data)
    services.ensure_charter_category(actor.coalition)  # where its rule may later change
    return category


@GET_POST
@coalition_page("decisions.list")
def rules(request, actor):
    if request.method == "POST":
        policy.require(actor, "categories.manage")  # before anything is written
    may_manage = policy.allows(actor, "categories.manage")
    form = CategoryForm(request.POST or None) if may_manage else None
    return form_page(
        request,
        form,
        lambda data: _create_category(actor, data),
        success=_("The category is created. Give it a decision rule next."),
        done=lambda category: decisions_url(actor, "rule_define") + f"?category={category.id}",
        render=lambda status: _rules_page(request, actor, form, status),
    )


def _rules_page(request, actor, form, status):
    categories = selectors.categories_with_rules(actor)
    return page(
        request,
        actor,
        "decisions/rules.html",
        categories=categories,
        charter=selectors.charter_category(categories),
        form=form,
        may_define=policy.allows(actor, "rules.define"),
        may_propose=policy.allows(actor, "proposal.create"),
        status=status,
    )


def _define_rule(actor, form):
    rule = services.define_rule(actor, form.cleaned_data["category_id"], **form.rule_terms())
    services.ensure_charter_category(actor.coalition)  # where this rule may later change
    return rule


@GET_POST
@coalition_page("rules.define")
def rule_define(request, actor):
    without_rule = selectors.categories_without_rule(actor)
    initial = {}
    chosen = int_param(request, "category")
    if any(c.id == chosen for c in without_rule):
        initial["category_id"] = chosen
    form = DefineRuleForm(
        request.POST or None,
        categories=without_rule,
        committees=selectors.committees(actor),
        initial=initial,
    )
    return form_page(
        request,
        form,
        lambda data: _define_rule(actor, form),
        success=_("The decision rule is set."),
        aliases={"category": "category_id"},
        done=lambda rule: (
            decisions_url(actor, "rules") + f"#category-{form.cleaned_data['category_id']}"
        ),
        render=lambda status: page(
            request,
            actor,
            "decisions/rule_form.html",
            form=form,
            without_rule=without_rule,
            status=status,
        ),
    )
