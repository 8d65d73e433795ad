"""JSON operations for spokespeople, mounted under /coalitions (paths /{slug}/spokespeople…).

The same selectors and services as the pages: a membership is shown by name or alias as
the caller may see it, an organisation that opted out for safety appears only to itself
and the steering committee, and who was proposed or declined only to them. Choice fields
are plain strings so that an unknown value reaches the service and is answered 400 with
the field; an expired mandate is a 409.
"""

from datetime import date

from ninja import Field, Schema, Status

from coalesce.accounts.api_auth import operations
from coalesce.coalitions.access import api_actor
from coalesce.core.api import Body, Flag, Id, PathId, Slug, Text
from coalesce.spokespeople import selectors, services
from coalesce.spokespeople.limits import MAX_LANGUAGE, MAX_REGION, MAX_TITLE, MAX_TOPIC

ops = operations("spokespeople")
router = ops.router


class VoiceMemberOut(Schema):
    id: int
    name: str = Field(description="The real name, or the alias where it is hidden from you.")
    is_alias: bool


class VoiceMandateOut(Schema):
    id: int
    member: VoiceMemberOut
    speaker: str = Field(description="The person who speaks; empty when none or hidden.")
    topic: str
    language: str
    region: str = Field(description="Empty: for the whole coalition.")
    starts_on: date
    expires_on: date
    state: str = Field(description="valid, upcoming, expired or ended")
    opted_out: bool = Field(description="Only ever true for the member and the steering.")


class VoiceTurnOut(Schema):
    id: int
    status: str = Field(description="proposed, accepted or declined")
    member: VoiceMemberOut
    mandate: VoiceMandateOut


class VoiceRequestOut(Schema):
    id: int
    title: str
    kind: str
    topic: str
    language: str
    region: str
    needed_on: date
    voice: VoiceTurnOut | None = Field(
        None, description="Accepted; or proposed, shown to the organisation and the steering."
    )
    history: list[VoiceTurnOut] = Field(description="Declined turns, for the same people.")


class SafetyOptOutOut(Schema):
    member: VoiceMemberOut
    opted_out: bool


class VoiceNeedIn(Body):
    topic: Text(MAX_TOPIC)
    language: Text(MAX_LANGUAGE)
    region: Text(MAX_REGION) = ""


class MandateGrantIn(VoiceNeedIn):
    membership_id: Id
    person_id: Id | None = None
    starts_on: date
    expires_on: date


class MandateRenewIn(Body):
    expires_on: date


class VoiceRequestIn(VoiceNeedIn):
    title: Text(MAX_TITLE)
    kind: Text(20) = Field(description="statement, media or event")
    needed_on: date


class VoiceAssignIn(Body):
    mandate_id: Id


class VoiceAnswerIn(Body):
    accept: Flag


class SafetyOptOutIn(Body):
    opted_out: Flag


@ops.get(
    "/{slug}/spokespeople/mandates",
    list[VoiceMandateOut],
    description="Policy action `spokespeople.view`: the roster, as the caller may see it "
    "(expired and ended mandates for the steering committee only).",
)
def list_mandates(
    request, slug: Slug, topic: Text(MAX_TOPIC) = "", language: Text(MAX_LANGUAGE) = ""
):
    return selectors.roster(api_actor(request, slug), topic=topic, language=language)


@ops.post(
    "/{slug}/spokespeople/mandates",
    VoiceMandateOut,
    status=201,
    description="Policy action `spokespeople.grant` (steering committee).",
)
def grant_mandate(request, slug: Slug, payload: MandateGrantIn):
    actor = api_actor(request, slug)
    mandate = services.grant_mandate(actor, **payload.dict())
    return Status(201, selectors.mandate(actor, mandate.id))


@ops.post(
    "/{slug}/spokespeople/mandates/{mandate_id}/renew",
    VoiceMandateOut,
    description="Policy action `spokespeople.grant`: a new expiry date. 409 once ended.",
)
def renew_mandate(request, slug: Slug, mandate_id: PathId, payload: MandateRenewIn):
    actor = api_actor(request, slug)
    return selectors.mandate(actor, services.renew_mandate(actor, mandate_id, **payload.dict()).id)


@ops.post(
    "/{slug}/spokespeople/mandates/{mandate_id}/end",
    VoiceMandateOut,
    description="Policy action `spokespeople.grant`: ends the mandate now; a proposal "
    "waiting under it passes to the next in line. 409 if it has ended already.",
)
def end_mandate(request, slug: Slug, mandate_id: PathId):
    actor = api_actor(request, slug)
    return selectors.mandate(actor, services.end_mandate(actor, mandate_id).id)


@ops.get(
    "/{slug}/spokespeople/requests",
    list[VoiceRequestOut],
    description="Policy action `spokespeople.view`: requests for a voice.",
)
def list_voice_requests(request, slug: Slug):
    return selectors.requests(api_actor(request, slug))


@ops.post(
    "/{slug}/spokespeople/requests",
    VoiceRequestOut,
    status=201,
    description="Policy action `spokespeople.request` (steering committee): records the "
    "request and proposes the organisation whose turn it is (none if no mandate matches).",
)
def create_voice_request(request, slug: Slug, payload: VoiceRequestIn):
    actor = api_actor(request, slug)
    voice_request = services.request_voice(actor, **payload.dict())
    return Status(201, selectors.request(actor, voice_request.id))


@ops.get(
    "/{slug}/spokespeople/requests/{request_id}",
    VoiceRequestOut,
    description="Policy action `spokespeople.view`.",
)
def get_voice_request(request, slug: Slug, request_id: PathId):
    return selectors.request(api_actor(request, slug), request_id)


@ops.post(
    "/{slug}/spokespeople/requests/{request_id}/assign",
    VoiceRequestOut,
    description="Policy action `spokespeople.request`: ask this mandate's organisation "
    "instead. 409 if the mandate expired or ended, or the request has its voice already.",
)
def assign_voice(request, slug: Slug, request_id: PathId, payload: VoiceAssignIn):
    actor = api_actor(request, slug)
    services.assign_voice(actor, request_id, mandate_id=payload.mandate_id)
    return selectors.request(actor, request_id)


@ops.post(
    "/{slug}/spokespeople/assignments/{assignment_id}/answer",
    VoiceRequestOut,
    description="Policy action `spokespeople.answer` (the organisation asked, or the "
    "steering committee): accept, or decline to pass the voice on. 409 if the mandate "
    "expired or it was answered already; 404 for someone else's.",
)
def answer_assignment(request, slug: Slug, assignment_id: PathId, payload: VoiceAnswerIn):
    actor = api_actor(request, slug)
    assignment = services.answer_assignment(actor, assignment_id, accept=payload.accept)
    return selectors.request(actor, assignment.request_id)


@ops.get(
    "/{slug}/spokespeople/safety/{membership_id}",
    SafetyOptOutOut,
    description="Policy action `spokespeople.opt_out` (the member itself or the steering "
    "committee): whether the organisation is never proposed, for its safety.",
)
def get_safety_opt_out(request, slug: Slug, membership_id: PathId):
    return selectors.opt_out(api_actor(request, slug), membership_id)


@ops.put(
    "/{slug}/spokespeople/safety/{membership_id}",
    SafetyOptOutOut,
    description="Policy action `spokespeople.opt_out`: set it; opting out withdraws the "
    "proposals waiting for its answer, without a trace.",
)
def set_safety_opt_out(request, slug: Slug, membership_id: PathId, payload: SafetyOptOutIn):
    actor = api_actor(request, slug)
    services.set_opt_out(actor, membership_id, opted_out=payload.opted_out)
    return selectors.opt_out(actor, membership_id)
