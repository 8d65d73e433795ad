"""The coalition menu of ``coalition_base.html``: ``{% coalition_menu as menu %}``.

``menu.items`` are the links the actor may follow, in order, each with its ``label``,
``url``, ``current`` (the page shown is in its section) and ``button`` (drawn as a button);
``menu.current`` is the current item (None when the page is in no section of the menu).

A page belongs to the section of its URL's namespace (``finance:budget`` → Finance), or,
in the namespaces several sections share (``coalitions``, ``decisions``…), to the section
named for its URL in ``SECTION_OF``: the sub-pages of a section mark that section. The
names are only strings: this module imports nothing of the apps above ``core``.
"""

from dataclasses import dataclass

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from coalesce.core.templatetags.policy import can

register = template.Library()

# Pages of a shared namespace, and the section each marks.
SECTION_OF = {
    "coalitions:dashboard": "dashboard",
    "coalitions:next_steps": "dashboard",
    "coalitions:charter": "charter",
    "coalitions:charter_edit": "charter",
    "coalitions:members": "members",
    "coalitions:members_import": "members",
    "coalitions:members_import_confirm": "members",
    "coalitions:member": "members",
    "coalitions:member_contacts": "members",
    "coalitions:member_status": "members",
    "coalitions:member_protection": "members",
    "coalitions:member_conduct": "members",
    "coalition_accounts:invite": "members",
    "coalitions:committees": "committees",
    "coalitions:committee": "committees",
    "coalitions:committee_create": "committees",
    "coalitions:committee_edit": "committees",
    "coalitions:diversity": "diversity",
    "coalitions:focus_areas": "focus_areas",
    "coalitions:applications": "applications",
    "coalitions:application": "applications",
    "coalitions:requirements": "requirements",
    "coalitions:organisations": "organisations",
    "coalitions:staff": "staff",
    "coalitions:settings": "settings",
    "coalitions:apply": "apply",
    "coalition_accounts:join": "apply",
    "decisions:conflicts": "conflicts",
    "decisions:conflict": "conflicts",
    "decisions:conflict_create": "conflicts",
    "decisions:conflict_update": "conflicts",
    "digests:page": "updates",  # the e-mail digest is how some read the updates
}
# Namespaces that are one section each, named as the namespace (the rest of
# ``decisions`` is Decisions).
SECTION_NAMESPACES = frozenset({
    "decisions", "groundwork", "updates", "finance", "statements", "spokespeople", "credit",
    "expertise", "goals", "health", "meetings", "participation", "audit",
})  # fmt: skip


def _member_level(actor) -> bool:
    return bool(getattr(actor, "is_member_level", False))


def _own_participation(actor) -> bool:
    return _member_level(actor) and bool(getattr(actor, "own_membership_ids", None))


# (section, label, URL name, who sees it: an action of the policy or a test of the actor).
MENU = [
    ("dashboard", None, "coalitions:dashboard", None),
    ("charter", _("Charter"), "coalitions:charter", "charter.view"),
    ("members", _("Members"), "coalitions:members", "members.list"),
    ("decisions", _("Decisions"), "decisions:list", "decisions.list"),
    ("conflicts", _("Conflicts"), "decisions:conflicts", "conflicts.list"),
    ("groundwork", _("Groundwork"), "groundwork:index", _member_level),
    ("updates", _("Updates"), "updates:index", "updates.list"),
    ("finance", _("Finance"), "finance:ledger", "finance.view"),
    ("statements", _("Statements"), "statements:list", "statements.list"),
    ("spokespeople", _("Spokespeople"), "spokespeople:roster", "spokespeople.view"),
    ("credit", _("Credit"), "credit:outputs", "credit.view"),
    ("expertise", _("Expertise"), "expertise:index", "expertise.view"),
    ("goals", _("Goals"), "goals:index", "goals.view"),
    ("health", _("Health check"), "health:index", "health.view"),
    ("meetings", _("Meetings"), "meetings:index", "meetings.list"),
    ("participation", _("Participation"), "participation:index", "participation.list"),
    ("participation", _("Our participation"), "participation:mine", _own_participation),
    ("committees", _("Committees"), "coalitions:committees", "committees.list"),
    ("diversity", _("Diversity"), "coalitions:diversity", "diversity.view"),
    ("focus_areas", _("Focus areas"), "coalitions:focus_areas", "coalition.dashboard"),
    ("applications", _("Applications"), "coalitions:applications", "applications.list"),
    ("requirements", _("Requirements"), "coalitions:requirements", "requirements.manage"),
    ("organisations", _("Organisations"), "coalitions:organisations", "organisations.create"),
    ("staff", _("Staff"), "coalitions:staff", "staff.manage"),
    ("audit", _("Audit"), "audit:log", "audit.view"),
    ("settings", _("Settings"), "coalitions:settings", "coalition.edit"),
    ("apply", _("Apply to join"), "coalitions:apply", "applications.create"),
]


@dataclass(frozen=True)
class Item:
    section: str
    label: str
    url: str
    current: bool
    button: bool


def section_of(match) -> str | None:
    """The menu section of the page ``match`` (a ``ResolverMatch``) belongs to."""
    if match is None:
        return None
    name = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
    if name in SECTION_OF:
        return SECTION_OF[name]
    return match.namespace if match.namespace in SECTION_NAMESPACES else None


@register.simple_tag(takes_context=True)
def coalition_menu(context) -> dict:
    coalition, actor = context.get("coalition"), context.get("actor")
    request = context.get("request")
    here = section_of(getattr(request, "resolver_match", None))
    items, shown = [], set()
    for section, label, url_name, who in MENU:
        if section in shown:  # "Participation" or, failing it, "Our participation"
            continue
        if who is not None and not (who(actor) if callable(who) else can(actor, who)):
            continue
        try:
            url = reverse(url_name, kwargs={"slug": coalition.slug})
        except NoReverseMatch:  # a URL configuration without that app (some tests)
            continue
        shown.add(section)
        items.append(
            Item(section, label or coalition.name, url, section == here, section == "apply")
        )
    current = next((item for item in items if item.current), None)
    return {"items": items, "current": current}
