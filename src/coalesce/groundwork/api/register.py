"""JSON operations for a coalition's groundwork: prospective partners and the challenge
register (often first written by a training room, see ``session_into_coalition``).

Mounted under ``/coalitions`` with the conventions of ``coalesce.coalitions.api``: the
coalition is loaded and the actor worked out once with ``api_actor``; reads check
``groundwork.view`` (member level), writes go to ``groundwork.services`` which check
``groundwork.edit`` (steering committee and admins). Text is limited by the services
(300 characters, 400 with the field); the schema only caps what may be sent at all.
Choice fields (``actor_type``, ``status``) are plain strings so that an unknown value
reaches the service and is answered 400 with the field.
"""

from datetime import datetime
from typing import Annotated

from ninja import Field, Schema, Status

from coalesce.accounts.api_auth import operations
from coalesce.coalitions.access import api_actor
from coalesce.coalitions.invitations.links import invitation_link
from coalesce.coalitions.limits import MAX_ORGANISATION_NAME
from coalesce.core.api import Body, Flag, Id, PathId, Slug, Text
from coalesce.groundwork import services
from coalesce.groundwork.limits import MAX_FIELD
from coalesce.groundwork.models import Level as LevelChoice

ops = operations("groundwork")
router = ops.router

MAX_ROWS = 1000
Long = Text(MAX_FIELD)
# 1 low, 2 medium, 3 high (groundwork.models.Level)
Level = Annotated[int, Field(ge=min(LevelChoice.values), le=max(LevelChoice.values))]


class PartnerOut(Schema):
    id: int
    description: str
    actor_type: str = Field(description="The kind of organisation, guessed if not given.")
    status: str = Field(description="prospective, approached, joined or declined")
    influence: int | None = Field(None, description="1 low, 2 medium, 3 high; null: not known")
    interest: int | None = Field(None, description="1 low, 2 medium, 3 high; null: not known")
    relationship: str = Field(description="none, some or strong")
    invited: bool = Field(description="An invitation was sent to someone there.")
    membership_id: int | None = Field(None, description="The membership it became, if any.")
    from_training: bool = Field(description="Carried in from a training session.")
    created_at: datetime

    @staticmethod
    def resolve_invited(partner) -> bool:
        return partner.invitation_id is not None

    @staticmethod
    def resolve_from_training(partner) -> bool:
        return partner.source_session_id is not None


class ChallengeOut(Schema):
    id: int
    challenge: str
    partner: str = Field(description="With whom the challenge is expected.")
    strategy: str
    status: str = Field(description="open or addressed")
    from_training: bool
    goal_ids: list[int] = Field(description="The coalition's goals it is linked to.")
    created_at: datetime

    @staticmethod
    def resolve_from_training(challenge) -> bool:
        return challenge.source_session_id is not None

    @staticmethod
    def resolve_goal_ids(challenge) -> list[int]:
        return sorted(goal.pk for goal in challenge.goals.all())


class GroundworkOut(Schema):
    partners: list[PartnerOut]
    challenges: list[ChallengeOut]


class PartnerIn(Body):
    description: Long
    actor_type: Text(40) = Field("", description="Guessed from the description if empty.")


class PartnerStatusIn(Body):
    status: Text(20)


class PartnerMapIn(Body):
    status: Text(20) | None = None
    influence: Level | None = Field(None, description="1 low, 2 medium, 3 high; null: not known")
    interest: Level | None = Field(None, description="1 low, 2 medium, 3 high; null: not known")
    relationship: Text(20) | None = None


class PartnerInviteIn(Body):
    email: Text(254)


class PartnerConvertIn(Body):
    name: Text(MAX_ORGANISATION_NAME)
    actor_type: Text(40)
    country: Text(10)
    email: Text(254) = Field("", description="A representative to invite (optional).")


class ChallengeIn(Body):
    challenge: Long
    strategy: Long = ""
    partner: Long = ""


class ChallengePatch(Body):
    status: Text(20) | None = Field(None, description="open or addressed")
    strategy: Long | None = None


@ops.get(
    "/{slug}/groundwork",
    GroundworkOut,
    description="Policy action `groundwork.view`: prospective partners and the challenge register.",
)
def list_groundwork(request, slug: Slug):
    actor = api_actor(request, slug, "groundwork.view")
    coalition = actor.coalition
    return {
        "partners": list(coalition.prospective_partners.all()[:MAX_ROWS]),
        "challenges": list(coalition.challenges.all()[:MAX_ROWS]),
    }


@ops.post(
    "/{slug}/groundwork/partners",
    PartnerOut,
    status=201,
    description="Policy action `groundwork.edit`. 409 if the partner is already listed.",
)
def add_prospective_partner(request, slug: Slug, payload: PartnerIn):
    partner = services.add_partner(
        api_actor(request, slug), description=payload.description, actor_type=payload.actor_type
    )
    return Status(201, partner)


@ops.post(
    "/{slug}/groundwork/partners/{partner_id}/status",
    PartnerOut,
    description="Policy action `groundwork.edit`.",
)
def set_partner_status(request, slug: Slug, partner_id: PathId, payload: PartnerStatusIn):
    partner = services.set_partner_status(api_actor(request, slug), partner_id, payload.status)
    return partner


@ops.patch(
    "/{slug}/groundwork/partners/{partner_id}",
    PartnerOut,
    description="Policy action `groundwork.edit`: status and place on the stakeholder map. "
    "Influence and interest are replaced (null: not known yet).",
)
def update_prospective_partner(request, slug: Slug, partner_id: PathId, payload: PartnerMapIn):
    partner = services.update_partner(api_actor(request, slug), partner_id, **payload.dict())
    return partner


@ops.post(
    "/{slug}/groundwork/partners/{partner_id}/invite",
    PartnerOut,
    description="Policy action `partner.invite`: e-mails an invitation whose application "
    "starts with the partner's name and kind. 409 if the partner is a member already.",
)
def invite_prospective_partner(request, slug: Slug, partner_id: PathId, payload: PartnerInviteIn):
    partner = services.invite_partner(
        api_actor(request, slug), partner_id, email=payload.email, link_for=invitation_link(request)
    )
    return partner


@ops.post(
    "/{slug}/groundwork/partners/{partner_id}/convert",
    PartnerOut,
    description="Policy action `partner.convert` (steering committee): registers the "
    "organisation as a member awaiting the code-of-conduct acknowledgement, and invites "
    "its representative if an e-mail address is given.",
)
def convert_prospective_partner(request, slug: Slug, partner_id: PathId, payload: PartnerConvertIn):
    partner = services.convert_partner(
        api_actor(request, slug), partner_id, **payload.dict(), link_for=invitation_link(request)
    )
    return partner


@ops.post(
    "/{slug}/groundwork/challenges",
    ChallengeOut,
    status=201,
    description="Policy action `groundwork.edit`. 409 if the register has it already "
    "(same challenge, same partner).",
)
def add_challenge(request, slug: Slug, payload: ChallengeIn):
    challenge = services.add_challenge(
        api_actor(request, slug),
        challenge=payload.challenge,
        strategy=payload.strategy,
        partner=payload.partner,
    )
    return Status(201, challenge)


@ops.patch(
    "/{slug}/groundwork/challenges/{challenge_id}",
    ChallengeOut,
    description="Policy action `groundwork.edit`: mark a challenge addressed (or open "
    "again) and/or change its strategy. Omitted fields keep their value.",
)
def update_challenge(request, slug: Slug, challenge_id: PathId, payload: ChallengePatch):
    challenge = services.update_challenge(
        api_actor(request, slug), challenge_id, status=payload.status, strategy=payload.strategy
    )
    return challenge


class ChallengeGoalIn(Body):
    goal_id: Id = Field(description="A goal of the coalition.")
    linked: Flag = Field(True, description="false removes the link.")


@ops.post(
    "/{slug}/groundwork/challenges/{challenge_id}/goals",
    ChallengeOut,
    description="Policy action `groundwork.edit`: link the challenge to a goal of the "
    "coalition (or, with `linked` false, unlink it); 400 on `goal_id` for a goal of "
    "another coalition. The goal's page lists the challenges linked to it.",
)
def link_challenge_goal(request, slug: Slug, challenge_id: PathId, payload: ChallengeGoalIn):
    return services.link_goal(api_actor(request, slug), challenge_id, **payload.dict())
