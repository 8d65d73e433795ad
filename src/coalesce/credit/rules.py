"""The acknowledgement line, as a pure function of the contributions and the policy.

``acknowledgement(entries, rules)`` takes one ``Entry`` per contribution to an output —
with the name the reader may see (the real one, an alias, or None when the reader may not
be told who it is) — and the coalition's credit ``Rules``. It answers the ``Line``:

- a contribution earns credit when its role is one the policy credits, its degree is at
  least the policy's minimum, and the member did not decline credit;
- a member is named when it earns credit and *every* contribution that earns it credit
  asked to be named (the most careful wish wins) and the reader may see a name;
- every other member that earns credit is counted, not named ("…and two member
  organisations"), when the policy counts unnamed contributors;
- names are ordered as the policy says: by best degree then alphabetically, by best
  degree then by date joined, or alphabetically.

Nothing here reads the database or decides visibility: ``selectors`` gives the names.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

LEAD, EQUAL, SUPPORTING = "lead", "equal", "supporting"
DEGREES = (LEAD, EQUAL, SUPPORTING)  # strongest first
PUBLIC, PRIVATE, NONE = "public", "private", "none"
DEGREE_ALPHABETICAL, DEGREE_JOINED, ALPHABETICAL = (
    "degree_alphabetical",
    "degree_joined",
    "alphabetical",
)

_NUMBERS = [
    gettext_lazy("one"),
    gettext_lazy("two"),
    gettext_lazy("three"),
    gettext_lazy("four"),
    gettext_lazy("five"),
    gettext_lazy("six"),
    gettext_lazy("seven"),
    gettext_lazy("eight"),
    gettext_lazy("nine"),
    gettext_lazy("ten"),
]


@dataclass(frozen=True)
class Entry:
    member: int  # the membership's id
    name: str | None  # what the reader may see; None: the reader may not be told
    is_organisation: bool
    role: str
    degree: str
    consent: str
    joined: object = 0  # anything that sorts: when the member joined


@dataclass(frozen=True)
class Rules:
    roles: frozenset
    order: str = DEGREE_ALPHABETICAL
    count_unnamed: bool = True
    minimum_degree: str = SUPPORTING


@dataclass(frozen=True)
class Line:
    names: tuple[str, ...]
    unnamed_organisations: int
    unnamed_people: int
    text: str

    def __str__(self):
        return self.text


def degrees_meeting(minimum: str) -> tuple[str, ...]:
    """The degrees at least as strong as ``minimum``."""
    return DEGREES[: DEGREES.index(minimum) + 1]


def earns_credit(entry: Entry, rules: Rules) -> bool:
    return (
        entry.role in rules.roles
        and entry.degree in degrees_meeting(rules.minimum_degree)
        and entry.consent != NONE
    )


@dataclass
class _Member:
    name: str | None
    is_organisation: bool
    joined: object
    best: int
    named: bool


def _members(entries, rules) -> dict[int, _Member]:
    members: dict[int, _Member] = {}
    for entry in entries:
        if not earns_credit(entry, rules):
            continue
        rank = DEGREES.index(entry.degree)
        found = members.get(entry.member)
        if found is None:
            members[entry.member] = _Member(
                entry.name, entry.is_organisation, entry.joined, rank, entry.consent == PUBLIC
            )
        else:
            found.best = min(found.best, rank)
            found.named = found.named and entry.consent == PUBLIC
    return members


def _sort_key(order: str):
    def key(item):
        member_id, member = item
        name = member.name.casefold()
        if order == ALPHABETICAL:
            return (name, member_id)
        if order == DEGREE_JOINED:
            return (member.best, member.joined, name, member_id)
        return (member.best, name, member_id)

    return key


def acknowledgement(entries, rules: Rules) -> Line:
    members = _members(entries, rules)
    named = sorted(
        ((pk, m) for pk, m in members.items() if m.named and m.name),
        key=_sort_key(rules.order),
    )
    unnamed = [m for m in members.values() if not (m.named and m.name)]
    organisations = people = 0
    if rules.count_unnamed:
        organisations = sum(1 for m in unnamed if m.is_organisation)
        people = len(unnamed) - organisations
    names = tuple(m.name for _pk, m in named)
    return Line(names, organisations, people, _text(names, organisations, people))


def _number(n: int) -> str:
    return str(_NUMBERS[n - 1]) if n <= len(_NUMBERS) else str(n)


def _text(names, organisations: int, people: int) -> str:
    parts = list(names)
    if organisations:
        parts.append(
            ngettext(
                "%(count)s member organisation", "%(count)s member organisations", organisations
            )
            % {"count": _number(organisations)}
        )
    if people:
        parts.append(
            ngettext("%(count)s individual member", "%(count)s individual members", people)
            % {"count": _number(people)}
        )
    if not parts:
        return ""
    listed = parts[0]
    if len(parts) > 1:
        listed = _("%(list)s and %(last)s") % {"list": ", ".join(parts[:-1]), "last": parts[-1]}
    return _("With contributions from %(contributors)s.") % {"contributors": listed}
