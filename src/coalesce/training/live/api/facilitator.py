"""JSON operations of a live session's facilitator (``/sessions…``): a signed-in person
(bearer token or browser session, 401 otherwise). A session run by anybody else answers
404, as if it did not exist. Every control answers with the session's state (what the
control room shows).

Thin wrappers over ``live.services`` (writes) and ``live.selectors`` (reads). In an
anonymous session the facilitator sees participants only by their four-character code.
Text limits are the services' and answered 400 with the field; the schema only caps
what may be sent at all (422 beyond). Carrying a closed session into a coalition is
groundwork's operation (``groundwork.api.carry``).
"""

from datetime import datetime
from typing import Annotated

from django.urls import NoReverseMatch, reverse
from ninja import Field, Schema, Status

from coalesce.accounts.api_auth import operations, user_of
from coalesce.core.api import MAX_ID, Body, Flag, Text
from coalesce.training.api import AgendaOut, ItemOut
from coalesce.training.limits import MAX_NAME
from coalesce.training.live import selectors as read
from coalesce.training.live import services as live
from coalesce.training.live.api.schemas import Answers, GroupOut, Id, StoredOut

ops = operations("live sessions")
router = ops.router

FACILITATOR = "Facilitator only: anybody else gets 404. "
PHASES = ("pre", "post")


# --- schemas ---------------------------------------------------------------------------


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

    @staticmethod
    def resolve_item_id(board) -> str:
        return board.item.id


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

    @staticmethod
    def resolve_on_paper(participant) -> bool:
        return True


class PaperAnswersIn(Body):
    phase: Text(10)
    answers: Answers


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

    @staticmethod
    def resolve_answered(question) -> dict:
        return {phase: question.answered.get(phase, 0) for phase in PHASES}

    @staticmethod
    def resolve_correct(question) -> dict:
        return {phase: question.correct.get(phase, 0) for phase in PHASES}

    @staticmethod
    def resolve_share_correct(question) -> dict:
        return {phase: question.share_correct(phase) for phase in PHASES}

    @staticmethod
    def resolve_most_chosen_wrong(question) -> dict:
        wrong = question.most_chosen_wrong
        return {
            phase: None
            if wrong.get(phase) is None
            else {"option": wrong[phase][0], "count": wrong[phase][1]}
            for phase in PHASES
        }


class ResultsOut(Schema):
    out_of: int
    takers: PhaseNumbers
    mean: PhaseShares
    mean_change: float | None
    participants: list[ParticipantScoreOut]
    questions: list[QuestionResultOut]

    @staticmethod
    def resolve_takers(results) -> dict:
        return {phase: results.takers(phase) for phase in PHASES}

    @staticmethod
    def resolve_mean(results) -> dict:
        return {phase: results.mean(phase) for phase in PHASES}


# --- conversions: what a session answers combines the session and its room ------------


def join_path(code: str) -> str:
    try:
        return reverse("live:enter", args=[code])
    except NoReverseMatch:  # the participants' pages are not mounted
        return f"/live/{code}/join/"


def _summary(session, participants: int) -> dict:
    fields = SessionSummary.model_fields.keys() - {"id", "join_path", "participants"}
    return {
        **{name: getattr(session, name) for name in fields},
        "id": session.pk,
        "join_path": join_path(session.code),
        "participants": participants,
    }


def _state(user, session_id) -> dict:
    room = read.room(user, session_id)
    return {
        **_summary(room.session, room.participants),
        "item": room.item,
        "position": room.position,
        "item_count": room.item_count,
        "timer": room.timer,
        "handed_in": {phase: room.handed_in.get(phase, 0) for phase in PHASES},
        "board": room.board,
        "groups": room.groups,
        "done": room.done,
        "rest": room.rest,
        "rest_error": room.rest_error,
    }


# --- operations -------------------------------------------------------------------------


@ops.get(
    "/sessions",
    list[SessionSummary],
    description="The live sessions you facilitate, newest first.",
)
def list_live_sessions(request):
    found = read.sessions(user_of(request))[:500]
    return [_summary(s, s.participant_count) for s in found]


@ops.post(
    "/plans/{plan_id}/sessions",
    SessionOut,
    status=201,
    description="Open a live session of one of your plans, at its first item, with a "
    "fresh join code. Another person's plan answers 404.",
)
def open_live_session(request, plan_id: Id, payload: OpenIn):
    user = user_of(request)
    session = live.open_session(user, plan_id, anonymous=payload.anonymous)
    return Status(201, _state(user, session.pk))


@ops.get(
    "/sessions/{session_id}",
    SessionOut,
    description=FACILITATOR + "What the control room shows: the join code, the current "
    "item and its timer, the board or the groups, the tests handed in, the rest of the "
    "agenda re-fitted to the time left.",
)
def get_live_session(request, session_id: Id):
    return _state(user_of(request), session_id)


def control(path: str, description: str):
    """A facilitator's control: POST, answers the session's new state (or a JSON error)."""
    return ops.post(path, SessionOut, description=FACILITATOR + description)


def _changed(request, session_id, change, *args, **kwargs) -> dict:
    """A control's answer: ``change`` (a ``live`` function of the user, the session id and
    ``args``) done, the session's new state."""
    user = user_of(request)
    change(user, session_id, *args, **kwargs)
    return _state(user, session_id)


@control(
    "/sessions/{session_id}/go",
    "Move the room to `item_id`, or to the next item with "
    "`next: true` (409 after the last). 409 once the session has closed.",
)
def go_to_item(request, session_id: Id, payload: GoIn):
    if payload.next:
        return _changed(request, session_id, live.go_next)
    return _changed(request, session_id, live.go_to, payload.item_id)


@control(
    "/sessions/{session_id}/quiz",
    'Open the pre-test or the post-test ("" closes it). No timer is ever set.',
)
def set_live_quiz(request, session_id: Id, payload: QuizIn):
    return _changed(request, session_id, live.set_quiz, payload.phase)


@control(
    "/sessions/{session_id}/close",
    "Close the session: no more answers, and the phones' "
    "tokens are forgotten. 409 if it has closed already.",
)
def close_live_session(request, session_id: Id):
    return _changed(request, session_id, live.close_session)


@control(
    "/sessions/{session_id}/cards/{card_id}/merge",
    "Merge a card into another of the same discussion.",
)
def merge_board_card(request, session_id: Id, card_id: Id, payload: MergeIn):
    return _changed(request, session_id, live.merge_cards, card_id, payload.into_id)


@control(
    "/sessions/{session_id}/cards/{card_id}/unmerge",
    "Take a merged card out again.",
)
def unmerge_board_card(request, session_id: Id, card_id: Id):
    return _changed(request, session_id, live.unmerge_card, card_id)


@control(
    "/sessions/{session_id}/cards/{card_id}/move",
    "Place a card under an expected point (`point`; -1 takes "
    'it back to the unsorted cards) and/or move it `"up"` or `"down"` its column.',
)
def move_board_card(request, session_id: Id, card_id: Id, payload: MoveIn):
    return _changed(
        request,
        session_id,
        live.move_card,
        card_id,
        point=payload.point,
        direction=payload.direction,
    )


@control(
    "/sessions/{session_id}/points",
    "Confirm (or, with `confirmed: false`, un-confirm) that "
    "the room raised one of a discussion's expected points.",
)
def check_expected_point(request, session_id: Id, payload: PointIn):
    return _changed(
        request, session_id, live.check_point, payload.item_id, payload.point, payload.confirmed
    )


@ops.post(
    "/sessions/{session_id}/groups",
    list[GroupOut],
    description=FACILITATOR + "Form an activity's groups at random, to the module's "
    "group size, from who has joined (again: reshuffle; 409 once a group has recorded).",
)
def form_activity_groups(request, session_id: Id, payload: GroupsIn):
    user = user_of(request)
    live.make_groups(user, session_id, payload.item_id)
    session = live.facilitated(user, session_id)
    item = live.item_of(session, payload.item_id, kind="activity")
    return read.groups(session, item)


@ops.post(
    "/sessions/{session_id}/paper-participants",
    PaperParticipantOut,
    status=201,
    description=FACILITATOR + "Somebody who answers the test on printed sheets; you type "
    "their answers in. `label` (up to 60 characters) names the sheet.",
)
def add_paper_participant(request, session_id: Id, payload: PaperParticipantIn):
    return Status(201, live.add_paper_participant(user_of(request), session_id, payload.label))


@ops.post(
    "/sessions/{session_id}/paper-participants/{participant_id}/answers",
    StoredOut,
    description=FACILITATOR + "Type in (or correct: replaces) a paper participant's "
    "answers to the pre- or post-test.",
)
def record_paper_answers(request, session_id: Id, participant_id: Id, payload: PaperAnswersIn):
    answered = live.record_paper_answers(
        user_of(request), session_id, participant_id, payload.phase, dict(payload.answers)
    )
    return {"phase": payload.phase, "answered": answered}


@ops.get(
    "/sessions/{session_id}/results",
    ResultsOut,
    description=FACILITATOR + "Scores per participant (display name, or code when "
    "anonymous) and per question (share correct, most chosen wrong option), the means "
    "and the change from the pre-test to the post-test.",
)
def get_live_results(request, session_id: Id):
    return read.results(user_of(request), session_id)
