"""JSON operations of a live session: the facilitator's controls and the participants' phones.

Thin wrappers over ``live_services`` (writes), ``live_selectors`` (reads) and
``groundwork.services.session_to_coalition``. Two kinds of caller:

* **The facilitator** (``/sessions…``): a signed-in person (bearer token or browser
  session, 401 otherwise). A session run by anybody else answers 404, as if it did not
  exist. Every control answers with the session's state (what the control room shows).
* **Participants** (``/live…``): no account. ``POST /live/join`` with the code on the
  screen returns a secret token; every other participant operation sends it back in the
  ``X-Participant-Token`` header. A missing or wrong token is 404 "Join the session
  first"; an unknown code 404; a closed session 409. Accounts are ignored: a signed-in
  person joining is not recorded as that person.

Anonymity: in an anonymous session the service keeps no display name and links no card
to its participant; the facilitator's operations show participants only by their
four-character code. Text limits (cards 500, group records 300, names 60 characters)
are the services' and answered 400 with the field; the schema only caps what may be
sent at all (422 beyond).
"""

from datetime import datetime
from typing import Annotated

from django.urls import NoReverseMatch, reverse
from ninja import Field, Header, Path, Router, Schema, Status

from coalesce.accounts.api_auth import PROTECTED, user_of
from coalesce.coalitions.limits import MAX_COALITION_NAME
from coalesce.core.api import ERRORS, MAX_ID, Body, ErrorOut, Flag, Text
from coalesce.groundwork import services as groundwork
from coalesce.training import live_selectors as read
from coalesce.training import live_services as live
from coalesce.training.api import AgendaOut, agenda_out
from coalesce.training.limits import MAX_CARD, MAX_NAME, MAX_RECORD_FIELD

router = Router(tags=["live sessions"])

Id = Annotated[int, Path(ge=1, le=MAX_ID)]
Code = Annotated[str, Path(max_length=40)]
Token = Annotated[
    str,
    Header(
        alias="X-Participant-Token",
        max_length=1000,
        description="The token `POST /live/join` returned.",
    ),
]
Choice = Annotated[int, Field(ge=-1000, le=1000)]
Answers = Annotated[
    dict[Text(60), Choice | None],
    Field(max_length=100, description="Question id → the chosen option's index (from 0)."),
]

PARTICIPANT = (
    "**Participant operation: no account.** Send the token that `join_live_session` "
    "returned in the `X-Participant-Token` header; without it (or with a wrong one) the "
    "answer is 404 “Join the session first”. 404 for an unknown code, 409 once the "
    "session has closed. "
)
FACILITATOR = "Facilitator only: anybody else gets 404. "
NO_ACCOUNT = {"security": []}  # participants authenticate with their token header


# --- schemas: the facilitator ------------------------------------------------------------


class SessionSummary(Schema):
    id: int
    title: str
    module_id: str
    plan_id: int
    code: str = Field(description="The join code shown on the screen.")
    join_path: str = Field(description="Where a phone joins (the QR code's address).")
    status: str = Field(description="open or closed")
    anonymous: bool
    quiz_open: str = Field(description='"pre", "post" or "" (no test open).')
    participants: int
    started_at: datetime
    closed_at: datetime | None = None
    coalition_id: int | None = Field(None, description="The coalition it was carried into.")


class ItemOut(Schema):
    id: str
    number: str
    title: str
    kind: str
    minutes: int


class TimerOut(Schema):
    planned_minutes: int
    elapsed_minutes: int
    elapsed_seconds: int
    remaining_minutes: int = Field(description="Negative when over.")
    over: bool


class MergedCardOut(Schema):
    id: int
    text: str
    author: str = Field(description="The display name; empty in an anonymous session.")


class CardOut(MergedCardOut):
    point: int | None = Field(description="The expected point it is placed under, if any.")
    suggestion: int | None = Field(description="The expected point it seems to raise.")
    merged: list[MergedCardOut]


class PointOut(Schema):
    index: int
    text: str
    confirmed: bool
    suggested: int = Field(description="Unsorted cards that seem to raise it.")
    cards: list[CardOut]


class BoardOut(Schema):
    item_id: str
    card_count: int
    confirmed: int
    points: list[PointOut]
    unsorted: list[CardOut]


class GroupOut(Schema):
    id: int
    number: int
    members: list[str] = Field(description="Display names, or codes when anonymous.")
    record: dict[str, str]


class DoneOut(Schema):
    item: str
    minutes: int


class SessionOut(SessionSummary):
    item: ItemOut | None
    position: int = Field(description="1-based place of the current item.")
    item_count: int
    timer: TimerOut | None
    handed_in: dict[str, int] = Field(description="Phase → how many handed in the test.")
    board: BoardOut | None = Field(description="The current discussion's board.")
    groups: list[GroupOut] = Field(description="The current activity's groups.")
    done: list[DoneOut]
    rest: AgendaOut | None = Field(description="What is left, re-fitted to the time left.")
    rest_error: str = Field(description="Why the rest cannot be re-fitted, if it cannot.")


class OpenIn(Body):
    anonymous: Flag = False


class GoIn(Body):
    item_id: Text(60) | None = None
    next: Flag = Field(False, description="Move to the next item instead of `item_id`.")


class QuizIn(Body):
    phase: Text(10) = Field(description='"pre", "post", or "" to close the test.')


class MergeIn(Body):
    into_id: Annotated[int, Field(ge=1, le=MAX_ID)]


class MoveIn(Body):
    point: Annotated[int, Field(ge=-1, le=1000)] | None = Field(
        None, description="Expected point index to place it under; -1 for not sorted."
    )
    direction: Text(10) | None = Field(None, description='"up" or "down".')


class PointIn(Body):
    item_id: Text(60)
    point: Annotated[int, Field(ge=-1000, le=1000)]
    confirmed: Flag = True


class GroupsIn(Body):
    item_id: Text(60)


class PaperParticipantIn(Body):
    label: Text(MAX_NAME)


class PaperParticipantOut(Schema):
    id: int
    code: str
    label: str
    on_paper: bool


class PaperAnswersIn(Body):
    phase: Text(10)
    answers: Answers


class StoredOut(Schema):
    phase: str
    answered: int = Field(description="How many questions were answered.")


class WrongOut(Schema):
    option: str
    count: int


class PhaseNumbers(Schema):
    pre: int
    post: int


class PhaseShares(Schema):
    pre: float | None
    post: float | None


class ParticipantScoreOut(Schema):
    participant: str = Field(description="Display name, or code when anonymous.")
    pre: int | None
    post: int | None
    out_of: int
    change: int | None


class QuestionResultOut(Schema):
    question_id: str
    number: str
    text: str
    answered: PhaseNumbers
    correct: PhaseNumbers
    share_correct: PhaseShares
    most_chosen_wrong: dict[str, WrongOut | None]


class ResultsOut(Schema):
    out_of: int
    takers: PhaseNumbers
    mean: PhaseShares
    mean_change: float | None
    participants: list[ParticipantScoreOut]
    questions: list[QuestionResultOut]


class SessionCoalitionIn(Body):
    coalition_slug: Text(60) = Field("", description="An existing coalition you steer…")
    name: Text(MAX_COALITION_NAME) = Field("", description="…or the name of a new coalition.")


class CarriedOut(Schema):
    slug: str
    created: bool
    partners: int = Field(description="Prospective partners added.")
    challenges: int = Field(description="Challenges added to the register.")
    policies: int = Field(description="Charter policies given the handout's guidance.")


# --- schemas: participants -----------------------------------------------------------------


class LiveJoinIn(Body):
    code: Text(40)
    display_name: Text(MAX_NAME) = Field("", description="Ignored in an anonymous session.")


class LiveJoinOut(Schema):
    session_code: str
    participant_code: str = Field(description="How the facilitator sees you when anonymous.")
    token: str = Field(description="Send it as `X-Participant-Token`; it is shown only once.")
    anonymous: bool


class QuestionOut(Schema):
    id: str
    number: str
    text: str
    options: list[str]


class PhoneItemOut(ItemOut):
    prompts: list[str]
    record_fields: list[str] = Field(description="What an activity's groups record.")


class PhoneOut(Schema):
    session_code: str
    title: str
    anonymous: bool
    participant_code: str
    display_name: str
    item: PhoneItemOut | None
    my_cards: list[str] = Field(description="What you sent to this discussion's board.")
    group: GroupOut | None
    quiz_phase: str = Field(description='The test open now: "pre", "post" or "".')
    questions: list[QuestionOut] = Field(description="The open test's questions, no key.")
    handed_in: bool


class CardIn(Body):
    item_id: Text(60)
    text: Text(MAX_CARD)


class PostedCardOut(Schema):
    id: int
    item_id: str
    text: str


class AnswerIn(Body):
    phase: Text(10)
    answers: Answers


class RecordIn(Body):
    item_id: Text(60)
    record: Annotated[dict[Text(100), Text(MAX_RECORD_FIELD)], Field(max_length=20)]


# --- conversions ---------------------------------------------------------------------------


def join_path(code: str) -> str:
    try:
        return reverse("live:enter", args=[code])
    except NoReverseMatch:  # the participants' pages are not mounted
        return f"/live/{code}/join/"


def _summary(session, participants: int) -> dict:
    return {
        "id": session.pk,
        "title": session.title,
        "module_id": session.module_id,
        "plan_id": session.plan_id,
        "code": session.code,
        "join_path": join_path(session.code),
        "status": session.status,
        "anonymous": session.anonymous,
        "quiz_open": session.quiz_open,
        "participants": participants,
        "started_at": session.started_at,
        "closed_at": session.closed_at,
        "coalition_id": session.coalition_id,
    }


def _item(item) -> dict | None:
    if item is None:
        return None
    return {
        "id": item.id,
        "number": item.number,
        "title": item.title,
        "kind": item.kind,
        "minutes": item.minutes,
    }


def _card(card) -> dict:
    return {
        "id": card.id,
        "text": card.text,
        "author": card.author,
        "point": card.point,
        "suggestion": card.suggestion,
        "merged": [{"id": m.id, "text": m.text, "author": m.author} for m in card.merged],
    }


def _board(board) -> dict | None:
    if board is None:
        return None
    return {
        "item_id": board.item.id,
        "card_count": board.card_count,
        "confirmed": board.confirmed,
        "points": [
            {
                "index": p.index,
                "text": p.text,
                "confirmed": p.confirmed,
                "suggested": p.suggested,
                "cards": [_card(c) for c in p.cards],
            }
            for p in board.points
        ],
        "unsorted": [_card(c) for c in board.unsorted],
    }


def _group(group) -> dict:
    return {
        "id": group.id,
        "number": group.number,
        "members": list(group.members),
        "record": {str(k): str(v) for k, v in (group.record or {}).items()},
    }


def _state(user, session_id) -> dict:
    room = read.room(user, session_id)
    timer = room.timer
    return {
        **_summary(room.session, room.participants),
        "item": _item(room.item),
        "position": room.position,
        "item_count": room.item_count,
        "timer": None
        if timer is None
        else {
            "planned_minutes": timer.planned_minutes,
            "elapsed_minutes": timer.elapsed_minutes,
            "elapsed_seconds": timer.elapsed_seconds,
            "remaining_minutes": timer.remaining_minutes,
            "over": timer.over,
        },
        "handed_in": {phase: room.handed_in.get(phase, 0) for phase in ("pre", "post")},
        "board": _board(room.board),
        "groups": [_group(g) for g in room.groups],
        "done": [{"item": d["item"], "minutes": d["minutes"]} for d in room.done],
        "rest": agenda_out(room.rest) if room.rest is not None else None,
        "rest_error": room.rest_error,
    }


def _results(results) -> dict:
    phases = ("pre", "post")
    return {
        "out_of": results.out_of,
        "takers": {ph: results.takers(ph) for ph in phases},
        "mean": {ph: results.mean(ph) for ph in phases},
        "mean_change": results.mean_change,
        "participants": [
            {
                "participant": p.participant,
                "pre": p.pre,
                "post": p.post,
                "out_of": p.out_of,
                "change": p.change,
            }
            for p in results.participants
        ],
        "questions": [
            {
                "question_id": q.question_id,
                "number": q.number,
                "text": q.text,
                "answered": {ph: q.answered.get(ph, 0) for ph in phases},
                "correct": {ph: q.correct.get(ph, 0) for ph in phases},
                "share_correct": {ph: q.share_correct(ph) for ph in phases},
                "most_chosen_wrong": {
                    ph: (
                        None
                        if q.most_chosen_wrong.get(ph) is None
                        else {
                            "option": q.most_chosen_wrong[ph][0],
                            "count": q.most_chosen_wrong[ph][1],
                        }
                    )
                    for ph in phases
                },
            }
            for q in results.questions
        ],
    }


def _phone(phone) -> dict:
    item = phone.item
    questions = []
    if phone.quiz_phase:
        questions = [
            {"id": q.id, "number": q.number, "text": q.text, "options": list(q.options)}
            for q in phone.module.questions
        ]
    return {
        "session_code": phone.session.code,
        "title": phone.session.title,
        "anonymous": phone.session.anonymous,
        "participant_code": phone.participant.code,
        "display_name": phone.participant.display_name,
        "item": None
        if item is None
        else {
            **_item(item),
            "prompts": list(item.prompts),
            "record_fields": list(item.activity.record) if item.activity else [],
        },
        "my_cards": list(phone.my_cards),
        "group": _group(phone.group) if phone.group is not None else None,
        "quiz_phase": phone.quiz_phase,
        "questions": questions,
        "handed_in": phone.handed_in,
    }


# --- the facilitator's operations ---------------------------------------------------------


@router.get(
    "/sessions",
    auth=PROTECTED,
    response={200: list[SessionSummary], ERRORS: ErrorOut},
    operation_id="list_live_sessions",
    description="The live sessions you facilitate, newest first.",
)
def list_live_sessions(request):
    found = read.sessions(user_of(request))[:500]
    return [_summary(s, s.participant_count) for s in found]


@router.post(
    "/plans/{plan_id}/sessions",
    auth=PROTECTED,
    response={201: SessionOut, ERRORS: ErrorOut},
    operation_id="open_live_session",
    description="Open a live session of one of your plans, at its first item, with a "
    "fresh join code. Another person's plan answers 404.",
)
def open_live_session(request, plan_id: Id, payload: OpenIn):
    user = user_of(request)
    session = live.open_session(user, plan_id, anonymous=payload.anonymous)
    return Status(201, _state(user, session.pk))


@router.get(
    "/sessions/{session_id}",
    auth=PROTECTED,
    response={200: SessionOut, ERRORS: ErrorOut},
    operation_id="get_live_session",
    description=FACILITATOR + "What the control room shows: the join code, the current "
    "item and its timer, the board or the groups, the tests handed in, the rest of the "
    "agenda re-fitted to the time left.",
)
def get_live_session(request, session_id: Id):
    return _state(user_of(request), session_id)


def control(path: str, operation_id: str, description: str):
    """A facilitator's control: POST, answers the session's new state (or a JSON error)."""
    return router.post(
        path,
        auth=PROTECTED,
        response={200: SessionOut, ERRORS: ErrorOut},
        operation_id=operation_id,
        description=FACILITATOR + description,
    )


@control(
    "/sessions/{session_id}/go",
    "go_to_item",
    "Move the room to `item_id`, or to the next item with "
    "`next: true` (409 after the last). 409 once the session has closed.",
)
def go_to_item(request, session_id: Id, payload: GoIn):
    user = user_of(request)
    if payload.next:
        live.go_next(user, session_id)
    else:
        live.go_to(user, session_id, payload.item_id)
    return _state(user, session_id)


@control(
    "/sessions/{session_id}/quiz",
    "set_live_quiz",
    'Open the pre-test or the post-test ("" closes it). No timer is ever set.',
)
def set_live_quiz(request, session_id: Id, payload: QuizIn):
    user = user_of(request)
    live.set_quiz(user, session_id, payload.phase)
    return _state(user, session_id)


@control(
    "/sessions/{session_id}/close",
    "close_live_session",
    "Close the session: no more answers, and the phones' "
    "tokens are forgotten. 409 if it has closed already.",
)
def close_live_session(request, session_id: Id):
    user = user_of(request)
    live.close_session(user, session_id)
    return _state(user, session_id)


@control(
    "/sessions/{session_id}/cards/{card_id}/merge",
    "merge_board_card",
    "Merge a card into another of the same discussion.",
)
def merge_board_card(request, session_id: Id, card_id: Id, payload: MergeIn):
    user = user_of(request)
    live.merge_cards(user, session_id, card_id, payload.into_id)
    return _state(user, session_id)


@control(
    "/sessions/{session_id}/cards/{card_id}/unmerge",
    "unmerge_board_card",
    "Take a merged card out again.",
)
def unmerge_board_card(request, session_id: Id, card_id: Id):
    user = user_of(request)
    live.unmerge_card(user, session_id, card_id)
    return _state(user, session_id)


@control(
    "/sessions/{session_id}/cards/{card_id}/move",
    "move_board_card",
    "Place a card under an expected point (`point`; -1 takes "
    'it back to the unsorted cards) and/or move it `"up"` or `"down"` its column.',
)
def move_board_card(request, session_id: Id, card_id: Id, payload: MoveIn):
    user = user_of(request)
    live.move_card(user, session_id, card_id, point=payload.point, direction=payload.direction)
    return _state(user, session_id)


@control(
    "/sessions/{session_id}/points",
    "check_expected_point",
    "Confirm (or, with `confirmed: false`, un-confirm) that "
    "the room raised one of a discussion's expected points.",
)
def check_expected_point(request, session_id: Id, payload: PointIn):
    user = user_of(request)
    live.check_point(user, session_id, payload.item_id, payload.point, payload.confirmed)
    return _state(user, session_id)


@router.post(
    "/sessions/{session_id}/groups",
    auth=PROTECTED,
    response={200: list[GroupOut], ERRORS: ErrorOut},
    operation_id="form_activity_groups",
    description=FACILITATOR + "Form an activity's groups at random, to the module's "
    "group size, from who has joined (again: reshuffle; 409 once a group has recorded).",
)
def form_activity_groups(request, session_id: Id, payload: GroupsIn):
    user = user_of(request)
    live.make_groups(user, session_id, payload.item_id)
    session = live.facilitated(user, session_id)
    item = live.item_of(session, payload.item_id, kind="activity")
    return [_group(g) for g in read.groups(session, item)]


@router.post(
    "/sessions/{session_id}/paper-participants",
    auth=PROTECTED,
    response={201: PaperParticipantOut, ERRORS: ErrorOut},
    operation_id="add_paper_participant",
    description=FACILITATOR + "Somebody who answers the test on printed sheets; you type "
    "their answers in. `label` (up to 60 characters) names the sheet.",
)
def add_paper_participant(request, session_id: Id, payload: PaperParticipantIn):
    found = live.add_paper_participant(user_of(request), session_id, payload.label)
    return Status(201, {"id": found.pk, "code": found.code, "label": found.label, "on_paper": True})


@router.post(
    "/sessions/{session_id}/paper-participants/{participant_id}/answers",
    auth=PROTECTED,
    response={200: StoredOut, ERRORS: ErrorOut},
    operation_id="record_paper_answers",
    description=FACILITATOR + "Type in (or correct: replaces) a paper participant's "
    "answers to the pre- or post-test.",
)
def record_paper_answers(request, session_id: Id, participant_id: Id, payload: PaperAnswersIn):
    answered = live.record_paper_answers(
        user_of(request), session_id, participant_id, payload.phase, dict(payload.answers)
    )
    return {"phase": payload.phase, "answered": answered}


@router.get(
    "/sessions/{session_id}/results",
    auth=PROTECTED,
    response={200: ResultsOut, ERRORS: ErrorOut},
    operation_id="get_live_results",
    description=FACILITATOR + "Scores per participant (display name, or code when "
    "anonymous) and per question (share correct, most chosen wrong option), the means "
    "and the change from the pre-test to the post-test.",
)
def get_live_results(request, session_id: Id):
    return _results(read.results(user_of(request), session_id))


@router.post(
    "/sessions/{session_id}/coalition",
    auth=PROTECTED,
    response={200: CarriedOut, 201: CarriedOut, ERRORS: ErrorOut},
    operation_id="session_into_coalition",
    description=FACILITATOR + "Carry a closed session's work into a coalition: a new one "
    "(`name`, 201) or one whose charter you keep (`coalition_slug`, 200). The groups' "
    "partners become prospective partners, their challenges and strategies the "
    "challenge register, the handout's policies the charter's guidance. Running it again "
    "adds only what is new. 409 while the session is open.",
)
def session_into_coalition(request, session_id: Id, payload: SessionCoalitionIn):
    carried = groundwork.session_to_coalition(
        user_of(request), session_id, coalition_slug=payload.coalition_slug, name=payload.name
    )
    body = {
        "slug": carried.coalition.slug,
        "created": carried.created,
        "partners": carried.partners,
        "challenges": carried.challenges,
        "policies": carried.policies,
    }
    return Status(201 if carried.created else 200, body)


# --- the participants' operations ---------------------------------------------------------


@router.post(
    "/live/join",
    auth=None,
    openapi_extra=NO_ACCOUNT,
    response={201: LiveJoinOut, ERRORS: ErrorOut},
    operation_id="join_live_session",
    description="**Participant operation: no account.** Join with the code on the screen "
    "and, unless the session is anonymous, a display name (optional, up to 60 "
    "characters). Keep the token: the other participant operations need it in the "
    "`X-Participant-Token` header. 404 for an unknown code, 409 once it has closed.",
)
def join_live_session(request, payload: LiveJoinIn):
    participant, token = live.join(payload.code, payload.display_name)
    body = {
        "session_code": participant.session.code,
        "participant_code": participant.code,
        "token": token,
        "anonymous": participant.session.anonymous,
    }
    return Status(201, body)


@router.get(
    "/live/{code}",
    auth=None,
    openapi_extra=NO_ACCOUNT,
    response={200: PhoneOut, ERRORS: ErrorOut},
    operation_id="get_live_phone",
    description=PARTICIPANT + "What the phone shows now: the item with its prompts (or "
    "an activity's record fields and your group), the open test's questions (never the "
    "answer key) and whether you have handed it in.",
)
def get_live_phone(request, code: Code, token: Token = ""):
    return _phone(read.phone(code, token))


@router.post(
    "/live/{code}/cards",
    auth=None,
    openapi_extra=NO_ACCOUNT,
    response={201: PostedCardOut, ERRORS: ErrorOut},
    operation_id="post_board_card",
    description=PARTICIPANT + "Put an answer (up to 500 characters) on the board of the "
    "discussion the room is on; 409 once the room has moved on.",
)
def post_board_card(request, code: Code, payload: CardIn, token: Token = ""):
    card = live.post_card(live.participant(code, token), payload.item_id, payload.text)
    return Status(201, {"id": card.pk, "item_id": card.item_id, "text": card.text})


@router.post(
    "/live/{code}/quiz",
    auth=None,
    openapi_extra=NO_ACCOUNT,
    response={201: StoredOut, ERRORS: ErrorOut},
    operation_id="answer_live_quiz",
    description=PARTICIPANT + "Hand in the open test, all answers at once, once: 409 if "
    "you have handed it in already or the test is not open; nothing is stored then.",
)
def answer_live_quiz(request, code: Code, payload: AnswerIn, token: Token = ""):
    answered = live.answer_quiz(live.participant(code, token), payload.phase, dict(payload.answers))
    return Status(201, {"phase": payload.phase, "answered": answered})


@router.post(
    "/live/{code}/group",
    auth=None,
    openapi_extra=NO_ACCOUNT,
    response={200: GroupOut, ERRORS: ErrorOut},
    operation_id="record_group_work",
    description=PARTICIPANT + "Write (or correct) what your group records for the "
    "activity the room is on: its record fields, each up to 300 characters.",
)
def record_group_work(request, code: Code, payload: RecordIn, token: Token = ""):
    me = live.participant(code, token)
    group = live.record_group(me, payload.item_id, dict(payload.record))
    members = sorted(m.label for m in group.members.all())
    return _group(read.GroupView(group.pk, group.number, members, dict(group.record)))
