"""The rules of updates as pure functions (no database): who may post where, and how
receipts are counted and named. ``policy`` and ``selectors`` apply them."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Poster:
    """What the rule of posting needs to know about an actor."""

    steering: bool = False
    admin: bool = False
    active_member: bool = False
    committee_ids: frozenset = frozenset()  # committees the actor holds a seat on


def may_post(poster: Poster, committee_id: int | None, *, members_may_post: bool) -> bool:
    """The whole coalition (``committee_id`` None): the steering committee and admins,
    and any active member where the coalition allows it. A committee: its seat holders
    and the steering committee (who read every committee's updates)."""
    if committee_id is None:
        return poster.steering or poster.admin or (members_may_post and poster.active_member)
    return poster.steering or committee_id in poster.committee_ids


def may_post_somewhere(poster: Poster, *, members_may_post: bool) -> bool:
    return may_post(poster, None, members_may_post=members_may_post) or bool(poster.committee_ids)


@dataclass(frozen=True)
class ReceiptFacts:
    """One recipient's receipt as a viewer may know it. ``name`` is None when the viewer
    may not see who they are, or they chose to be counted but not named."""

    delivered: bool
    opened: bool
    acknowledged: bool
    name: str | None = None


@dataclass(frozen=True)
class Tally:
    """Counts over every recipient the viewer may know of, and the names the viewer may
    read (each member once: several people of one organisation share its name)."""

    recipients: int
    delivered: int
    opened: int
    acknowledged: int
    opened_names: tuple = ()
    acknowledged_names: tuple = ()


def _names(facts, attribute) -> tuple:
    names = {f.name for f in facts if getattr(f, attribute) and f.name}
    return tuple(sorted(names, key=lambda n: (n.casefold(), n)))


def tally(facts) -> Tally:
    """Count every recipient; name only those with a name, each name once, sorted."""
    facts = list(facts)
    return Tally(
        recipients=len(facts),
        delivered=sum(f.delivered for f in facts),
        opened=sum(f.opened for f in facts),
        acknowledged=sum(f.acknowledged for f in facts),
        opened_names=_names(facts, "opened"),
        acknowledged_names=_names(facts, "acknowledged"),
    )
