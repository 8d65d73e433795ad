"""JSON operations of a live session's participants (``/live…``): no account.

``POST /live/join`` with the code on the screen returns a secret token; every other
participant operation sends it back in the ``X-Participant-Token`` header. A missing or
wrong token is 404 "Join the session first"; an unknown code 404; a closed session
409. Accounts are ignored: a signed-in person joining is not recorded as that person.
In an anonymous session the service keeps no display name and links no card to its
participant. Text limits (cards 500, group records 300, names 60 characters) are the
services' and answered 400 with the field; the schema only caps what may be sent.
"""

from typing import Annotated

from ninja import Field, Header, Path, Schema, Status

from coalesce.accounts.api_auth import operations
from coalesce.core.api import Body, Text, text_keys
from coalesce.training.api import ItemOut
from coalesce.training.limits import MAX_CARD, MAX_NAME, MAX_RECORD_FIELD
from coalesce.training.live import selectors as read
from coalesce.training.live import services as live
from coalesce.training.live.api.schemas import Answers, GroupOut, StoredOut

ops = operations("live sessions")
router = ops.router

Code = Annotated[str, Path(max_length=40)]
Token = Annotated[
    str,
    Header(
        alias="X-Participant-Token",
        max_length=1000,
        description="The token `POST /live/join` returned.",
    ),
]

PARTICIPANT = (
    "**Participant operation: no account.** Send the token that `join_live_session` "
    "returned in the `X-Participant-Token` header; without it (or with a wrong one) the "
    "answer is 404 “Join the session first”. 404 for an unknown code, 409 once the "
    "session has closed. "
)


# --- schemas ---------------------------------------------------------------------------


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

    @staticmethod
    def resolve_record_fields(item) -> list[str]:
        return list(item.activity.record) if item.activity else []


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

    @staticmethod
    def resolve_session_code(phone) -> str:
        return phone.session.code

    @staticmethod
    def resolve_title(phone) -> str:
        return phone.session.title

    @staticmethod
    def resolve_anonymous(phone) -> bool:
        return phone.session.anonymous

    @staticmethod
    def resolve_participant_code(phone) -> str:
        return phone.participant.code

    @staticmethod
    def resolve_display_name(phone) -> str:
        return phone.participant.display_name

    @staticmethod
    def resolve_questions(phone) -> list:
        """The open test's questions; none while no test is open."""
        return list(phone.module.questions) if phone.quiz_phase else []


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
    record: Annotated[
        dict[Text(100), Text(MAX_RECORD_FIELD)],
        Field(max_length=20, json_schema_extra=text_keys),
    ]


# --- operations -------------------------------------------------------------------------


@ops.post(
    "/live/join",
    LiveJoinOut,
    status=201,
    no_account=True,
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


@ops.get(
    "/live/{code}",
    PhoneOut,
    no_account=True,
    description=PARTICIPANT + "What the phone shows now: the item with its prompts (or "
    "an activity's record fields and your group), the open test's questions (never the "
    "answer key) and whether you have handed it in.",
)
def get_live_phone(request, code: Code, token: Token = ""):
    return read.phone(code, token)


@ops.post(
    "/live/{code}/cards",
    PostedCardOut,
    status=201,
    no_account=True,
    description=PARTICIPANT + "Put an answer (up to 500 characters) on the board of the "
    "discussion the room is on; 409 once the room has moved on.",
)
def post_board_card(request, code: Code, payload: CardIn, token: Token = ""):
    return Status(201, live.post_card(live.participant(code, token), payload.item_id, payload.text))


@ops.post(
    "/live/{code}/quiz",
    StoredOut,
    status=201,
    no_account=True,
    description=PARTICIPANT + "Hand in the open test, all answers at once, once: 409 if "
    "you have handed it in already or the test is not open; nothing is stored then.",
)
def answer_live_quiz(request, code: Code, payload: AnswerIn, token: Token = ""):
    answered = live.answer_quiz(live.participant(code, token), payload.phase, dict(payload.answers))
    return Status(201, {"phase": payload.phase, "answered": answered})


@ops.post(
    "/live/{code}/group",
    GroupOut,
    no_account=True,
    description=PARTICIPANT + "Write (or correct) what your group records for the "
    "activity the room is on: its record fields, each up to 300 characters.",
)
def record_group_work(request, code: Code, payload: RecordIn, token: Token = ""):
    me = live.participant(code, token)
    return read.group_view(live.record_group(me, payload.item_id, dict(payload.record)))
