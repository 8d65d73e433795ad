"""Reads of a live session for the facilitator's screens, the participants' phones and
the API. Each builds one plain object with a bounded number of queries."""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from coalesce.core.errors import DomainError
from coalesce.training import policy, selectors
from coalesce.training.agenda import Agenda, refit
from coalesce.training.live import assessment, matching, rules, services
from coalesce.training.models import LiveSession, Participant
from coalesce.training.schema import Item, Module


def sessions(user):
    policy.require(user, "sessions.list")
    return (
        LiveSession.objects.filter(facilitator=user)
        .annotate(participant_count=Count("participants"))
        .order_by("-started_at", "-id")
    )


@dataclass
class CardView:
    id: int
    text: str
    author: str
    point: int | None
    suggestion: int | None  # the expected point it seems to raise (not yet placed)
    merged: list = field(default_factory=list)  # CardView of cards merged into it


@dataclass
class PointView:
    index: int
    text: str
    confirmed: bool
    suggested: int  # unsorted cards that seem to raise it
    cards: list


@dataclass
class Board:
    item: Item
    points: list[PointView]
    unsorted: list[CardView]
    card_count: int

    @property
    def confirmed(self) -> int:
        return sum(1 for p in self.points if p.confirmed)


@dataclass
class GroupView:
    id: int
    number: int
    members: list[str]
    record: dict


def board(session: LiveSession, item: Item) -> Board:
    """The shared board of one discussion: cards under the points they were placed at."""
    cards = list(session.cards.filter(item_id=item.id).order_by("position", "id"))
    confirmed = set(
        session.checks.filter(item_id=item.id).values_list("point", flat=True)
    )  # fmt: skip
    views = {}
    for card in cards:
        suggestion = None
        if card.point is None and card.merged_into_id is None:
            suggestion = matching.suggest(card.text, item.expected_points)
        views[card.pk] = CardView(card.pk, card.text, card.author_label, card.point, suggestion)
    tops = []
    for card in cards:
        if card.merged_into_id and card.merged_into_id in views:
            views[card.merged_into_id].merged.append(views[card.pk])
        else:
            tops.append(views[card.pk])
    points = [
        PointView(
            index=i,
            text=text,
            confirmed=i in confirmed,
            suggested=sum(1 for c in tops if c.point is None and c.suggestion == i),
            cards=[c for c in tops if c.point == i],
        )
        for i, text in enumerate(item.expected_points)
    ]
    unsorted = [c for c in tops if c.point is None]
    return Board(item=item, points=points, unsorted=unsorted, card_count=len(cards))


def group_view(group) -> GroupView:
    members = sorted(m.label for m in group.members.all())
    return GroupView(group.pk, group.number, members, dict(group.record or {}))


def groups(session: LiveSession, item: Item) -> list[GroupView]:
    rows = session.groups.filter(item_id=item.id).prefetch_related("members").order_by("number")
    return [group_view(g) for g in rows]


@dataclass
class Room:
    """Everything the facilitator's screen shows."""

    session: LiveSession
    module: Module
    item: Item | None
    position: int  # 1-based place of the current item
    item_count: int
    timer: rules.Timer | None
    participants: int
    board: Board | None
    groups: list[GroupView]
    handed_in: dict  # phase → how many have handed in the test
    rest: Agenda | None  # what is left, re-fitted to the time left
    rest_error: str = ""
    done: list = field(default_factory=list)


def _planned_minutes(agenda: Agenda | None, item: Item) -> int:
    if agenda is not None:
        for slot in agenda.slots:
            if slot.item.id == item.id:
                return slot.minutes
    return item.minutes


def _rest(session, agenda):
    if agenda is None or not session.is_open:
        return None, ""
    used = sum(p["minutes"] for p in session.progress)
    if session.item_started_at:
        used += int((timezone.now() - session.item_started_at).total_seconds() // 60)
    done = [p["item"] for p in session.progress if p["item"] != session.current_item]
    try:
        return refit(agenda, done, used, now=timezone.localtime().replace(microsecond=0)), ""
    except DomainError as error:
        return None, error.message


def room(user, session_id) -> Room:
    session = services.facilitated(user, session_id)
    module = services.module_of(session)
    items = module.items()
    item = next((i for i in items if i.id == session.current_item), None)
    agenda, _error = selectors.agenda_or_error(session.plan)
    timer = None
    if item is not None and session.item_started_at and session.is_open:
        elapsed = int((timezone.now() - session.item_started_at).total_seconds())
        timer = rules.Timer(_planned_minutes(agenda, item), max(0, elapsed))
    handed_in = dict(
        session.answers.values("phase")
        .annotate(n=Count("participant", distinct=True))
        .values_list("phase", "n")
    )  # fmt: skip
    rest, rest_error = _rest(session, agenda)
    return Room(
        session=session,
        module=module,
        item=item,
        position=(items.index(item) + 1) if item else 0,
        item_count=len(items),
        timer=timer,
        participants=session.participants.filter(on_paper=False).count(),
        board=board(session, item) if item is not None and item.kind == "discussion" else None,
        groups=groups(session, item) if item is not None and item.kind == "activity" else [],
        handed_in=handed_in,
        rest=rest,
        rest_error=rest_error,
        done=list(session.progress),
    )


def boards(user, session_id) -> list[Board]:
    """Every discussion's board, for the session's record after (or during) it."""
    return boards_of(services.facilitated(user, session_id))


def boards_of(session: LiveSession) -> list[Board]:
    module = services.module_of(session)
    return [board(session, item) for item in module.items() if item.kind == "discussion"]


def all_groups(user, session_id) -> list[tuple[Item, list[GroupView]]]:
    return all_groups_of(services.facilitated(user, session_id))


def all_groups_of(session: LiveSession) -> list[tuple[Item, list[GroupView]]]:
    module = services.module_of(session)
    return [(i, groups(session, i)) for i in module.items() if i.kind == "activity"]


def results(user, session_id) -> assessment.Results:
    """Scores per participant (by display name, or code when anonymous) and question."""
    return results_of(services.facilitated(user, session_id, action="session.results"))


def results_of(session: LiveSession) -> assessment.Results:
    """``results`` for a session already authorised (callers showing more than one read)."""
    module = services.module_of(session)
    people = list(session.participants.order_by("id"))
    labels = unique_labels(people)
    answers = [
        assessment.Answer(labels[pid], phase, qid, choice)
        for pid, phase, qid, choice in session.answers.values_list(
            "participant_id", "phase", "question_id", "choice"
        )
    ]
    took = {a.participant for a in answers}
    taken = [labels[p.pk] for p in people if labels[p.pk] in took]
    return assessment.score(module.questions, answers, taken)


def unique_labels(people) -> dict[int, str]:
    """Each participant's label (name, or code when anonymous), made unique: two people
    who typed the same name are told apart by their codes, so their scores never add up."""
    counts = Counter(p.label for p in people)
    return {p.pk: p.label if counts[p.label] == 1 else f"{p.label} ({p.code})" for p in people}


def choices_by_label(session) -> dict[tuple[str, str, str], int]:
    """(participant label, phase, question id) → the option chosen, for every answer."""
    labels = unique_labels(session.participants.order_by("id"))
    return {
        (labels[pid], phase, qid): choice
        for pid, phase, qid, choice in session.answers.values_list(
            "participant_id", "phase", "question_id", "choice"
        )
    }


def paper_people(session) -> list[Participant]:
    """The session's paper participants, each with how many answers it has per test."""
    return list(
        session.participants.filter(on_paper=True)
        .annotate(
            pre=Count("answers", filter=Q(answers__phase="pre")),
            post=Count("answers", filter=Q(answers__phase="post")),
        )
        .order_by("id")
    )


def chosen_options(session, participant_id: int, phase: str) -> dict[str, int]:
    """Question id → the option one participant chose in one test."""
    return dict(
        session.answers.filter(participant_id=participant_id, phase=phase).values_list(
            "question_id", "choice"
        )
    )


# --- the participant's phone --------------------------------------------------------


@dataclass
class Phone:
    """What a participant's phone shows now."""

    participant: Participant
    session: LiveSession
    module: Module
    item: Item | None
    my_cards: list[str]
    group: GroupView | None
    quiz_phase: str  # the test open now, or ""
    handed_in: bool  # this participant has handed in the open test


def phone(code, token) -> Phone:
    me = services.participant(code, token)
    session = me.session
    module = services.module_of(session)
    item = next((i for i in module.items() if i.id == session.current_item), None)
    my_cards, group = [], None
    if item is not None and item.kind == "discussion" and not session.anonymous:
        my_cards = list(
            session.cards.filter(item_id=item.id, participant=me).values_list("text", flat=True)
        )
    if item is not None and item.kind == "activity":
        found = services.group_of(me, item.id)
        if found is not None:
            group = group_view(found)
    handed_in = bool(session.quiz_open) and me.answers.filter(phase=session.quiz_open).exists()
    return Phone(me, session, module, item, my_cards, group, session.quiz_open, handed_in)
