"""Categories of decisions and their rules: a category's first rule is set directly;
later versions come from adopted charter decisions (``closing``)."""

from fractions import Fraction

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from coalesce.coalitions.models import Committee
from coalesce.coalitions.services.rows import of_coalition
from coalesce.core.errors import Conflict as ConflictError
from coalesce.core.errors import DomainError
from coalesce.core.validation import clean_choice, clean_text
from coalesce.decisions import policy
from coalesce.decisions.models import Category, Electorate, Method, Rule, VoteUnit

MAX_WINDOW_HOURS = 24 * 90


@transaction.atomic
def create_category(actor, *, name, slug="", description=""):
    policy.require(actor, "categories.manage")
    name = clean_text(name, "name", max_length=120)
    slug = slugify(slug or name)[:60]
    if not slug:
        raise DomainError(_("Give the category a name with letters or digits."), "name")
    if Category.objects.filter(coalition=actor.coalition, slug=slug).exists():
        raise ConflictError(_("A category with this name already exists."), "name")
    return Category.objects.create(
        coalition=actor.coalition,
        name=name,
        slug=slug,
        description=clean_text(description, "description", max_length=2000, required=False),
    )


def ensure_charter_category(coalition) -> Category:
    category, _created = Category.objects.get_or_create(
        coalition=coalition,
        slug=Category.CHARTER_SLUG,
        defaults={"name": _("Charter and decision rules")},
    )
    return category


def clean_rule_terms(coalition, terms: dict) -> dict:
    """Validate a rule's terms; returns the fields of a Rule (without category/version)."""
    method = clean_choice(terms.get("method"), Method, "method")
    electorate = clean_choice(terms.get("electorate"), Electorate, "electorate")
    vote_unit = clean_choice(terms.get("vote_unit", VoteUnit.MEMBER), VoteUnit, "vote_unit")
    numerator, denominator = _threshold(method, terms)
    return dict(
        method=method,
        electorate=electorate,
        committee=_deciding_committee(coalition, electorate, terms.get("committee_id")),
        vote_unit=vote_unit,
        threshold_numerator=numerator,
        threshold_denominator=denominator,
        quorum_percent=_int(terms.get("quorum_percent", 50), "quorum_percent", 0, 100),
        window_hours=_int(terms.get("window_hours", 168), "window_hours", 1, MAX_WINDOW_HOURS),
        abstentions_count_for_quorum=bool(terms.get("abstentions_count_for_quorum", True)),
        secret=bool(terms.get("secret", False)),
    )


def _threshold(method, terms) -> tuple[int, int]:
    if method != Method.QUALIFIED_MAJORITY:
        return 1, 2
    numerator = _int(terms.get("threshold_numerator"), "threshold_numerator", 1, 100)
    denominator = _int(terms.get("threshold_denominator"), "threshold_denominator", 1, 100)
    if not Fraction(1, 2) <= Fraction(numerator, denominator) <= 1:
        raise DomainError(
            _("A qualified majority is a fraction between 1/2 and 1, such as 2/3."),
            "threshold_numerator",
        )
    return numerator, denominator


def _deciding_committee(coalition, electorate, committee_id) -> Committee | None:
    if electorate != Electorate.COMMITTEE:
        return None
    committee = Committee.objects.filter(coalition=coalition, pk=committee_id or 0).first()
    if committee is None:
        raise DomainError(_("Choose the committee that decides."), "committee_id")
    return committee


def _int(value, field, low, high) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError) as error:
        raise DomainError(_("Enter a whole number."), field) from error
    if not low <= number <= high:
        raise DomainError(
            _("Enter a number from %(low)d to %(high)d.") % {"low": low, "high": high}, field
        )
    return number


def current_rule(category) -> Rule | None:
    return category.rules.order_by("-version").first()


@transaction.atomic
def define_rule(actor, category_id, **terms):
    """Set a category's first rule. Later changes are decisions in the charter category."""
    policy.require(actor, "rules.define")
    category = category_of(actor, category_id, lock=True)
    if category.rules.exists():
        raise ConflictError(
            _("This category already has a rule: propose a change as a charter decision."),
            "category",
        )
    return Rule.objects.create(
        category=category, version=1, **clean_rule_terms(actor.coalition, terms)
    )


def category_of(actor, category_id, lock=False) -> Category:
    """The actor's coalition's category ``category_id`` (NotFound on the field if none)."""
    return of_coalition(
        Category.objects,
        actor,
        category_id,
        lock=lock,
        message=_("No such category."),
        field="category_id",
    )
