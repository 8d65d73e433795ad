"""Writes of a live session: the facilitator's controls and the participants' answers.

Each write validates its input, checks the training policy (facilitator) or the
participant's token, and runs in one transaction with the session row locked, so
thirty phones answering at once all land and none is counted twice. Errors are
``DomainError`` (400, with the field), ``NotFound`` (404: an unknown session, code or
token), and ``Conflict`` (409: the session or the question has closed, answered
already).
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coalesce.core.errors import Conflict, DomainError, NotFound
from coalesce.core.validation import clean_text
from coalesce.training import policy
from coalesce.training.catalogue import get_module
from coalesce.training.limits import MAX_CARD, MAX_NAME, MAX_RECORD_FIELD  # noqa: F401
from coalesce.training.live import rules
from coalesce.training.models import (
    ActivityGroup,
    BoardCard,
    LiveSession,
    Participant,
    PointCheck,
    QuizAnswer,
)
from coalesce.training.services import own_plan, permitted

MAX_CARDS_PER_PARTICIPANT = 30  # per discussion
MAX_PARTICIPANTS = 500
MAX_CARDS_PER_BOARD = 1000  # per discussion


def _int(value, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise DomainError(_("Enter a whole number."), field)
    return value


# --- the facilitator ---------------------------------------------------------------


def open_session(user, plan_id, *, anonymous=False) -> LiveSession:
    """Start delivering a plan: a new session with a fresh join code, at the first item."""
    with transaction.atomic():
        plan = own_plan(user, plan_id, "plan.edit")
        policy.require(user, "sessions.open", plan)
        module = get_module(plan.module_id, plan.language)
        first = module.items()[0].id
        for _attempt in range(10):
            code = rules.new_code(rules.JOIN_CODE_LENGTH)
            if not LiveSession.objects.filter(code=code).exists():
                break
        else:  # pragma: no cover - 31^6 codes
            raise Conflict(_("No free join code; try again."))
        return LiveSession.objects.create(
            plan=plan,
            facilitator=user,
            module_id=module.id,
            language=plan.language,
            title=plan.title,
            code=code,
            anonymous=bool(anonymous),
            current_item=first,
            item_started_at=timezone.now(),
        )


def facilitated(user, session_id, *, lock=False, action="session.run") -> LiveSession:
    """The session, if ``user`` runs it; 404 for anybody else (ids are not confirmed)."""
    return permitted(user, LiveSession, session_id, action, lock=lock)


def _running(user, session_id) -> LiveSession:
    session = facilitated(user, session_id, lock=True)
    if not session.is_open:
        raise Conflict(_("This session has closed."))
    return session


def module_of(session):
    return get_module(session.module_id, session.language)


def item_of(session, item_id, field="item_id", kind=None):
    for item in module_of(session).items():
        if item.id == item_id:
            if kind and item.kind != kind:
                raise DomainError(_("This item is not a %(kind)s.") % {"kind": kind}, field)
            return item
    raise DomainError(_("Choose an item of this module."), field)


def _record_time_on_current_item(session, now) -> None:
    """Add the minutes spent on the current item (since ``item_started_at``) to its
    entry in ``progress`` (an item the room came back to keeps its earlier minutes)."""
    if not session.current_item:
        return
    seconds = (now - (session.item_started_at or now)).total_seconds()
    current = session.current_item
    earlier = next((p["minutes"] for p in session.progress if p["item"] == current), 0)
    session.progress = [
        *(p for p in session.progress if p["item"] != current),
        {"item": current, "minutes": earlier + rules.minutes_taken(seconds)},
    ]


def go_to(user, session_id, item_id) -> LiveSession:
    """Move the room to ``item_id``; the item being left is recorded with its minutes."""
    with transaction.atomic():
        session = _running(user, session_id)
        item_of(session, item_id)
        if session.current_item != item_id:
            now = timezone.now()
            _record_time_on_current_item(session, now)
            session.current_item = item_id
            session.item_started_at = now
        session.save(update_fields=["progress", "current_item", "item_started_at"])
        return session


def go_next(user, session_id) -> LiveSession:
    session = facilitated(user, session_id)
    ids = [item.id for item in module_of(session).items()]
    at = ids.index(session.current_item) if session.current_item in ids else -1
    if at + 1 >= len(ids):
        raise Conflict(_("This is the last item of the module."))
    return go_to(user, session_id, ids[at + 1])


def set_quiz(user, session_id, phase) -> LiveSession:
    """Open the pre- or post-test for answers ("" closes it). No timer is ever set."""
    if phase not in ("", *LiveSession.Phase.values):
        raise DomainError(_("Choose pre, post or nothing."), "phase")
    with transaction.atomic():
        session = _running(user, session_id)
        if phase and not module_of(session).questions:
            raise DomainError(_("This module has no assessment questions."), "phase")
        session.quiz_open = phase
        session.save(update_fields=["quiz_open"])
        return session


def close_session(user, session_id) -> LiveSession:
    """Close the session: no more answers, and no phone can be linked to its answers."""
    with transaction.atomic():
        session = _running(user, session_id)
        now = timezone.now()
        _record_time_on_current_item(session, now)
        session.status = LiveSession.Status.CLOSED
        session.quiz_open = ""
        session.closed_at = now
        session.save()
        session.participants.update(token_hash=None)
        return session


def _card(session, card_id, field="card_id") -> BoardCard:
    if isinstance(card_id, bool) or not isinstance(card_id, int):
        raise DomainError(_("Choose a card."), field)
    card = session.cards.filter(pk=card_id).first()
    if card is None:
        raise DomainError(_("There is no such card on this board."), field)
    return card


def merge_cards(user, session_id, card_id, into_id) -> BoardCard:
    """Merge one card into another of the same discussion (they said the same thing)."""
    with transaction.atomic():
        session = _running(user, session_id)
        card, into = _card(session, card_id), _card(session, into_id, "into_id")
        if card.pk == into.pk:
            raise DomainError(_("A card cannot be merged into itself."), "into_id")
        if card.item_id != into.item_id:
            raise DomainError(_("Both cards must be on the same discussion."), "into_id")
        target = into.merged_into or into
        if target.pk == card.pk:
            raise DomainError(_("A card cannot be merged into itself."), "into_id")
        card.merged.update(merged_into=target)
        card.merged_into = target
        card.point = target.point
        card.save(update_fields=["merged_into", "point"])
        return target


def unmerge_card(user, session_id, card_id) -> BoardCard:
    with transaction.atomic():
        session = _running(user, session_id)
        card = _card(session, card_id)
        card.merged_into = None
        card.save(update_fields=["merged_into"])
        return card


def move_card(user, session_id, card_id, *, point=None, direction=None) -> BoardCard:
    """Place a card under an expected point (``point``; -1 for "not sorted"), or move it
    up or down the board (``direction``). Merged cards move with theirs."""
    with transaction.atomic():
        session = _running(user, session_id)
        card = _card(session, card_id)
        if card.merged_into_id:
            card = card.merged_into
        item = item_of(session, card.item_id, kind="discussion")
        if point is not None:
            point = _int(point, "point")
            if point != -1 and not 0 <= point < len(item.expected_points):
                raise DomainError(_("Choose one of this discussion's expected points."), "point")
            card.point = None if point == -1 else point
            card.save(update_fields=["point"])
            card.merged.update(point=card.point)
        if direction is not None:
            if direction not in ("up", "down"):
                raise DomainError(_("Move a card up or down."), "direction")
            _reorder(session, card, direction)
        return card


def _reorder(session, card, direction):
    column = list(
        session.cards.filter(item_id=card.item_id, merged_into=None, point=card.point)
        .order_by("position", "id")
    )  # fmt: skip
    at = next(i for i, c in enumerate(column) if c.pk == card.pk)
    swap = at - 1 if direction == "up" else at + 1
    if 0 <= swap < len(column):
        column[at], column[swap] = column[swap], column[at]
    for position, c in enumerate(column):
        if c.position != position:
            BoardCard.objects.filter(pk=c.pk).update(position=position)


def check_point(user, session_id, item_id, point, confirmed=True) -> bool:
    """Confirm (or un-confirm) that the room raised expected point ``point``."""
    with transaction.atomic():
        session = _running(user, session_id)
        item = item_of(session, item_id, kind="discussion")
        point = _int(point, "point")
        if not 0 <= point < len(item.expected_points):
            raise DomainError(_("Choose one of this discussion's expected points."), "point")
        if confirmed:
            PointCheck.objects.get_or_create(session=session, item_id=item.id, point=point)
        else:
            PointCheck.objects.filter(session=session, item_id=item.id, point=point).delete()
        return bool(confirmed)


def make_groups(user, session_id, item_id, rng=None) -> list[ActivityGroup]:
    """Form the activity's groups at random, to the module's size, from who has joined.

    Forming again reshuffles, unless a group has already recorded something.
    """
    with transaction.atomic():
        session = _running(user, session_id)
        item = item_of(session, item_id, kind="activity")
        existing = session.groups.filter(item_id=item.id)
        if any(g.record for g in existing):
            raise Conflict(_("A group has already recorded its answers; the groups stay."))
        people = list(session.participants.filter(on_paper=False).order_by("id"))
        if not people:
            raise DomainError(_("Nobody has joined yet."), "item_id")
        existing.delete()
        groups = []
        for number, members in enumerate(
            rules.form_groups(people, item.activity.group_size, rng), start=1
        ):
            group = ActivityGroup.objects.create(session=session, item_id=item.id, number=number)
            group.members.set(members)
            groups.append(group)
        return groups


def add_paper_participant(user, session_id, label) -> Participant:
    """Somebody who answers the test on paper; the facilitator types their answers in."""
    with transaction.atomic():
        session = _running(user, session_id)
        label = clean_text(label, "label", max_length=MAX_NAME)
        return _new_participant(session, label, token=None, on_paper=True)


def record_paper_answers(user, session_id, participant_id, phase, choices) -> int:
    """Type in (or correct) a paper participant's answers for one test."""
    with transaction.atomic():
        session = _running(user, session_id)
        if isinstance(participant_id, bool) or not isinstance(participant_id, int):
            raise DomainError(_("Choose a participant."), "participant_id")
        participant = session.participants.filter(pk=participant_id, on_paper=True).first()
        if participant is None:
            raise DomainError(_("Choose a participant who answers on paper."), "participant_id")
        phase = _phase(phase)
        checked = _choices(session, choices)
        participant.answers.filter(phase=phase).delete()
        _store_answers(session, participant, phase, checked)
        return len(checked)


# --- participants -------------------------------------------------------------------


def _phase(phase) -> str:
    if phase not in LiveSession.Phase.values:
        raise DomainError(_("Choose the pre-test or the post-test."), "phase")
    return phase


def _choices(session, choices) -> dict[str, int]:
    if not isinstance(choices, dict):
        raise DomainError(_("Answers must map question ids to option numbers."), "answers")
    questions = {q.id: q for q in module_of(session).questions}
    checked = {}
    for question_id, choice in choices.items():
        question = questions.get(question_id)
        if question is None:
            raise DomainError(_("There is no question “%(id)s”.") % {"id": str(question_id)[:60]},
                              "answers")  # fmt: skip
        if choice is None or choice == "":
            continue
        if isinstance(choice, bool) or not isinstance(choice, int):
            raise DomainError(_("Choose one of the options."), "answers")
        if not 0 <= choice < len(question.options):
            raise DomainError(
                _("Question %(n)s has options 1 to %(max)d.")
                % {"n": question.number or question.id, "max": len(question.options)},
                "answers",
            )
        checked[question_id] = choice
    if not checked:
        raise DomainError(_("Answer at least one question."), "answers")
    return checked


def _store_answers(session, participant, phase, checked):
    QuizAnswer.objects.bulk_create(
        QuizAnswer(session=session, participant=participant, phase=phase, question_id=q, choice=c)
        for q, c in checked.items()
    )


def _new_participant(session, display_name, *, token, on_paper=False) -> Participant:
    if session.participants.count() >= MAX_PARTICIPANTS:
        raise Conflict(_("This session is full."))
    for _attempt in range(20):
        code = rules.new_code(rules.PARTICIPANT_CODE_LENGTH)
        if not session.participants.filter(code=code).exists():
            break
    return Participant.objects.create(
        session=session,
        code=code,
        display_name=display_name,
        token_hash=rules.token_hash(token) if token else None,
        on_paper=on_paper,
    )


def open_session_by_code(code) -> LiveSession:
    """The session a join code names; 404 for none, 409 once it has closed."""
    code = rules.normalise_code(code)
    session = LiveSession.objects.filter(code=code).first() if code else None
    if session is None:
        raise NotFound(_("There is no session with this code. Check the code on the screen."))
    if not session.is_open:
        raise Conflict(_("This session has closed."))
    return session


def join(code, display_name="") -> tuple[Participant, str]:
    """Join with the code on the screen; returns the participant and its secret token.

    In an anonymous session a display name is not asked for and not kept.
    """
    with transaction.atomic():
        session = open_session_by_code(code)
        session = LiveSession.objects.select_for_update().get(pk=session.pk)
        name = "" if session.anonymous else clean_text(display_name, "display_name",
                                                   max_length=MAX_NAME, required=False)  # fmt: skip
        token = rules.new_token()
        return _new_participant(session, name, token=token), token


def participant(code, token) -> Participant:
    """The participant a phone's token names in the session of ``code``."""
    session = open_session_by_code(code)
    if not isinstance(token, str) or not token or len(token) > 100:
        raise NotFound(_("Join the session first."))
    found = (
        Participant.objects.select_related("session")
        .filter(session=session, token_hash=rules.token_hash(token))
        .first()
    )
    if found is None:
        raise NotFound(_("Join the session first."))
    return found


def _locked_session(participant) -> LiveSession:
    session = LiveSession.objects.select_for_update().get(pk=participant.session_id)
    if not session.is_open:
        raise Conflict(_("This session has closed."))
    return session


def post_card(participant, item_id, text) -> BoardCard:
    """Put an answer on the board of the discussion the room is on now."""
    text = clean_text(text, "text", max_length=MAX_CARD)
    with transaction.atomic():
        session = _locked_session(participant)
        if item_id != session.current_item:
            raise Conflict(_("This discussion has closed; the room has moved on."), "item_id")
        item_of(session, item_id, kind="discussion")
        mine = session.cards.filter(item_id=item_id, participant=participant).count()
        if not session.anonymous and mine >= MAX_CARDS_PER_PARTICIPANT:
            raise Conflict(_("You have sent the most answers one person can send here."))
        board = session.cards.filter(item_id=item_id)
        if board.count() >= MAX_CARDS_PER_BOARD:
            raise Conflict(_("This board is full."))
        last = board.order_by("-position").first()
        return BoardCard.objects.create(
            session=session,
            item_id=item_id,
            text=text,
            # In an anonymous session the card carries neither a name nor a link.
            author_label="" if session.anonymous else participant.display_name,
            participant=None if session.anonymous else participant,
            position=(last.position + 1) if last else 0,
        )


def answer_quiz(participant, phase, choices) -> int:
    """Hand in the pre- or post-test, all questions at once, once."""
    phase = _phase(phase)
    with transaction.atomic():
        session = _locked_session(participant)
        if session.quiz_open != phase:
            raise Conflict(_("The %(phase)s is not open.") % {"phase": _phase_name(phase)},
                           "phase")  # fmt: skip
        checked = _choices(session, choices)
        if participant.answers.filter(phase=phase).exists():
            raise Conflict(_("You have already handed in the %(phase)s.")
                           % {"phase": _phase_name(phase)}, "phase")  # fmt: skip
        try:
            _store_answers(session, participant, phase, checked)
        except IntegrityError as error:
            raise Conflict(_("You have already handed in the %(phase)s.")
                           % {"phase": _phase_name(phase)}, "phase") from error  # fmt: skip
        return len(checked)


def _phase_name(phase) -> str:
    return str(LiveSession.Phase(phase).label)


def group_of(participant, item_id) -> ActivityGroup | None:
    return participant.groups.filter(item_id=item_id).first()


def record_group(participant, item_id, values) -> ActivityGroup:
    """Write (or correct) what the participant's group records for the activity."""
    with transaction.atomic():
        session = _locked_session(participant)
        if item_id != session.current_item:
            raise Conflict(_("This activity has closed; the room has moved on."), "item_id")
        item = item_of(session, item_id, kind="activity")
        group = group_of(participant, item_id)
        if group is None:
            raise Conflict(_("You are not in a group yet; wait for the facilitator."), "item_id")
        if not isinstance(values, dict):
            raise DomainError(_("Send the record as fields and values."), "record")
        fields = item.activity.record
        unknown = set(values) - set(fields)
        if unknown:
            raise DomainError(_("Unknown field: %(f)s.") % {"f": ", ".join(sorted(unknown))[:80]},
                              "record")  # fmt: skip
        record = dict(group.record)
        for name in fields:
            if name in values:
                record[name] = clean_text(values[name], "record", max_length=MAX_RECORD_FIELD,
                                     required=False)  # fmt: skip
        if not any(record.values()):
            raise DomainError(_("Write at least one answer."), "record")
        group.record = record
        group.save(update_fields=["record"])
        return group
