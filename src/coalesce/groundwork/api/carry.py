"""``session_into_coalition``: a closed training session's work carried into a coalition.

Listed among the live-session operations (``/training/sessions/{id}/coalition``, tag
"live sessions"), declared here because the carrying is groundwork's: training sits
below groundwork and does not know it.
"""

from ninja import Field, Schema, Status

from coalesce.accounts.api_auth import operations, user_of
from coalesce.coalitions.limits import MAX_COALITION_NAME
from coalesce.core.api import Body, Text
from coalesce.groundwork import services
from coalesce.training.live.api.facilitator import FACILITATOR
from coalesce.training.live.api.schemas import Id

ops = operations("live sessions")
router = ops.router


class SessionCoalitionIn(Body):
    coalition_slug: Text(60) = Field("", description="An existing coalition you steer…")
    name: Text(MAX_COALITION_NAME) = Field("", description="…or the name of a new coalition.")


class CarriedOut(Schema):
    slug: str
    created: bool
    partners: int = Field(description="Prospective partners added.")
    challenges: int = Field(description="Challenges added to the register.")
    policies: int = Field(description="Charter policies given the handout's guidance.")

    @staticmethod
    def resolve_slug(carried) -> str:
        return carried.coalition.slug


@ops.post(
    "/sessions/{session_id}/coalition",
    {200: CarriedOut, 201: CarriedOut},
    description=FACILITATOR + "Carry a closed session's work into a coalition: a new one "
    "(`name`, 201) or one whose charter you keep (`coalition_slug`, 200). The groups' "
    "partners become prospective partners, their challenges and strategies the "
    "challenge register, the handout's policies the charter's guidance. Running it again "
    "adds only what is new. 409 while the session is open.",
)
def session_into_coalition(request, session_id: Id, payload: SessionCoalitionIn):
    carried = services.session_to_coalition(
        user_of(request), session_id, coalition_slug=payload.coalition_slug, name=payload.name
    )
    return Status(201 if carried.created else 200, carried)
