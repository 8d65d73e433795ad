"""The health check's fixed catalogue: two statements per theme, in the project's own
words, each answered 1 (strongly disagree) to 5 (strongly agree).

No item is copied from a published instrument. ``source`` names only the category of a
public framework the item is written towards (the Principles of Partnership of the
Global Humanitarian Platform, 2007; the names of the Wilder Collaboration Factors), and
``licence`` says so on every item. A reverse-scored item counts as 6 − its answer, so
that for every item a higher score is healthier.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

POP = _("Principles of Partnership (Global Humanitarian Platform, 2007)")
WILDER = _("Wilder Collaboration Factors (Mattessich & Monsey)")
LICENCE = _(
    "Item text: Coalesce, AGPL-compatible project text; category name cited from %(source)s."
)


@dataclass(frozen=True)
class Theme:
    key: str
    label: str


@dataclass(frozen=True)
class Item:
    key: str
    theme: str
    text: str
    framework: str
    category: str
    reverse: bool = False

    @property
    def source(self) -> str:
        """The framework and the category of it, in the language being spoken."""
        return f"{self.framework}: {self.category}"

    @property
    def licence(self) -> str:
        return LICENCE % {"source": self.framework}


THEMES = (
    Theme("equity", _("Equity")),
    Theme("transparency", _("Transparency")),
    Theme("mutual_benefit", _("Mutual benefit")),
    Theme("decisions", _("Decision structures")),
    Theme("effectiveness", _("Effectiveness")),
    Theme("communication", _("Communication")),
    Theme("marginalisation", _("Feeling included")),
)
THEME_LABELS = {theme.key: theme.label for theme in THEMES}

ITEMS = (
    Item(
        "equity_voice",
        "equity",
        _("My organisation's voice counts as much as any other member's."),
        POP,
        _("Equality"),
    ),
    Item(
        "equity_roles",
        "equity",
        _("Roles and visible tasks are shared fairly among members, not kept by a few."),
        POP,
        _("Equality"),
    ),
    Item(
        "transparency_money",
        "transparency",
        _("I can find out how the coalition's money is raised and spent."),
        POP,
        _("Transparency"),
    ),
    Item(
        "transparency_reasons",
        "transparency",
        _("When the coalition decides something, I can learn why and who was involved."),
        POP,
        _("Transparency"),
    ),
    Item(
        "benefit_gain",
        "mutual_benefit",
        _("Taking part brings my organisation something worth the time it costs."),
        WILDER,
        _("Members see collaboration as in their self-interest"),
    ),
    Item(
        "benefit_fair",
        "mutual_benefit",
        _("Credit for what we achieve together is shared fairly."),
        POP,
        _("Complementarity"),
    ),
    Item(
        "decisions_clear",
        "decisions",
        _("I know how decisions are made here and who makes them."),
        WILDER,
        _("Multiple layers of participation"),
    ),
    Item(
        "decisions_followed",
        "decisions",
        _("The coalition keeps to the decision rules it agreed."),
        WILDER,
        _("Clear roles and policy guidelines"),
    ),
    Item(
        "effectiveness_progress",
        "effectiveness",
        _("We are making progress towards the goals we set ourselves."),
        POP,
        _("Results-oriented approach"),
    ),
    Item(
        "effectiveness_follow",
        "effectiveness",
        _("What we agree to do gets done."),
        POP,
        _("Responsibility"),
    ),
    Item(
        "communication_informed",
        "communication",
        _("I hear about what matters in time to act on it."),
        WILDER,
        _("Open and frequent communication"),
    ),
    Item(
        "communication_unheard",
        "communication",
        _("Messages from my organisation often go unanswered."),
        WILDER,
        _("Established informal relationships and communication links"),
        reverse=True,
    ),
    Item(
        "marginalisation_passed",
        "marginalisation",
        _("I sometimes feel my organisation's views are passed over."),
        POP,
        _("Equality"),
        reverse=True,
    ),
    Item(
        "marginalisation_safe",
        "marginalisation",
        _("I can raise a disagreement without fear of how others will treat my organisation."),
        WILDER,
        _("Mutual respect, understanding and trust"),
    ),
)
ITEM_KEYS = tuple(item.key for item in ITEMS)
BY_KEY = {item.key: item for item in ITEMS}
REVERSED = frozenset(item.key for item in ITEMS if item.reverse)
THEME_OF = {item.key: item.theme for item in ITEMS}
