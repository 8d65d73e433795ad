"""JSON operations for credit: the credit policy, outputs, contributions, a member's
choice of credit, and the equity view — over the same services and selectors as the
pages, so a name is masked here exactly as on the page (alias, counted, or left out).

Choice fields (``kind``, ``role``, ``degree``, ``consent``, ``name_order``…) are plain
strings so that an unknown value reaches the service and is answered 400 with the field;
crediting someone who is not an active member of the coalition is a 400 on
``membership_id``, and nothing is written.
"""

from datetime import date, datetime

from ninja import Field, Schema, Status

from coalesce.coalitions.access import api_actor
from coalesce.core.api import Body, Flag, Id, Limit, Offset, PathId, Slug, Text
from coalesce.credit import policy, selectors, services
from coalesce.credit.api._ops import ops
from coalesce.credit.limits import MAX_ROWS, MAX_TITLE, MAX_URL


class CreditPolicyOut(Schema):
    roles: list[str] = Field(description="Roles whose contributions earn credit.")
    name_order: str = Field(description="degree_alphabetical, degree_joined or alphabetical")
    count_unnamed: bool = Field(description="Count contributors who are not named.")
    minimum_degree: str = Field(description="lead, equal or supporting: credit from it up.")


class CreditPolicyIn(Body):
    roles: list[Text(20)] = Field(max_length=20)
    name_order: Text(30)
    count_unnamed: Flag
    minimum_degree: Text(12)


class OutputOut(Schema):
    id: int
    title: str
    kind: str = Field(description="statement, event, campaign or report")
    date: date
    is_public: bool
    url: str
    created_at: datetime


class OutputRowOut(OutputOut):
    contributors: int = Field(description="Contributing members the caller may see listed.")


class OutputIn(Body):
    title: Text(MAX_TITLE)
    kind: Text(12)
    date: Text(10) = Field(description="YYYY-MM-DD")
    is_public: Flag = False
    url: Text(MAX_URL) = ""


class MemberRef(Schema):
    id: int
    name: str = Field(description="The name, or the alias where the caller may not see it.")
    is_alias: bool


class ContributionOut(Schema):
    id: int
    member: MemberRef
    role: str
    degree: str = Field(description="lead, equal or supporting")
    consent: str | None = Field(
        None, description="public, private or none: shown to the member itself and custodians."
    )


class AcknowledgementOut(Schema):
    text: str
    names: list[str]
    unnamed_organisations: int
    unnamed_people: int
    public: bool = Field(description="The public line (what anyone may see), else internal.")


class OutputDetailOut(OutputOut):
    contributions: list[ContributionOut]
    hidden_contributions: int = Field(description="By members the caller may not see listed.")
    acknowledgement: AcknowledgementOut


class ContributionIn(Body):
    membership_id: Id = Field(description="An active member of the coalition.")
    role: Text(20)
    degree: Text(12)
    consent: Text(10) = Field("public", description="public, private or none")


class ConsentIn(Body):
    consent: Text(10) = Field(description="public, private or none")


class EquityRowOut(Schema):
    member: MemberRef
    contributed: int
    credited: int = Field(description="Outputs that credit it, named or privately.")
    private: int | None = Field(None, description="Credited privately (own row, custodians).")
    declined: int
    ratio: float | None
    flagged: bool = Field(description="Contributed three times or more, never credited.")


class GapOut(Schema):
    group: str = Field(description="An actor type, 'hidden' (type not shown) or 'person'.")
    label: str
    contributed: int
    credited: int
    ratio: float | None = Field(description="Credited rate here ÷ everyone else's.")
    is_gap: bool


class EquityOut(Schema):
    rows: list[EquityRowOut]
    gaps: list[GapOut]
    every_row: bool


def _member(row) -> dict:
    return {"id": row.id, "name": row.name, "is_alias": row.is_alias}


@ops.get(
    "/{slug}/credit/policy",
    CreditPolicyOut,
    description="Policy action `credit.view`: the charter's credit policy as rules.",
)
def get_credit_policy(request, slug: Slug):
    actor = api_actor(request, slug)
    policy.require(actor, "credit.view")
    return selectors.credit_policy(actor.coalition)


@ops.put(
    "/{slug}/credit/policy",
    CreditPolicyOut,
    description="Policy action `credit.policy` (steering committee): replace the credit policy.",
)
def update_credit_policy(request, slug: Slug, payload: CreditPolicyIn):
    return services.set_credit_policy(api_actor(request, slug), **payload.dict())


@ops.get(
    "/{slug}/credit/outputs",
    list[OutputRowOut],
    description="Policy action `credit.view`: outputs, newest first.",
)
def list_outputs(request, slug: Slug, offset: Offset = 0, limit: Limit = MAX_ROWS // 5):
    return selectors.outputs(api_actor(request, slug), offset=offset, limit=limit)


@ops.post(
    "/{slug}/credit/outputs",
    OutputOut,
    status=201,
    description="Policy action `credit.record_output` (steering committee, admins).",
)
def record_output(request, slug: Slug, payload: OutputIn):
    return Status(201, services.record_output(api_actor(request, slug), **payload.dict()))


def _detail(view) -> dict:
    found, line = view.output, view.line
    return {
        **{f: getattr(found, f) for f in OutputOut.model_fields},
        "contributions": [
            {
                "id": row.contribution.id,
                "member": _member(row.member),
                "role": row.contribution.role,
                "degree": row.contribution.degree,
                "consent": row.contribution.consent if row.consent_shown else None,
            }
            for row in view.rows
        ],
        "hidden_contributions": view.hidden,
        "acknowledgement": {
            "text": line.text,
            "names": list(line.names),
            "unnamed_organisations": line.unnamed_organisations,
            "unnamed_people": line.unnamed_people,
            "public": view.line_is_public,
        },
    }


@ops.get(
    "/{slug}/credit/outputs/{output_id}",
    OutputDetailOut,
    description="Policy action `credit.view`: one output, its contributions as the caller "
    "may see them, and its acknowledgement line (the public line of a public output).",
)
def get_output(request, slug: Slug, output_id: PathId):
    return _detail(selectors.output_view(api_actor(request, slug), output_id))


@ops.post(
    "/{slug}/credit/outputs/{output_id}/contributions",
    OutputDetailOut,
    status=201,
    description="Policy action `credit.contribute`: the steering committee and admins "
    "record anyone's contribution, an active member its own. 400 on `membership_id` for "
    "anyone who is not an active member of the coalition; 409 if recorded already.",
)
def record_contribution(request, slug: Slug, output_id: PathId, payload: ContributionIn):
    actor = api_actor(request, slug)
    services.record_contribution(actor, output_id, **payload.dict())
    return Status(201, _detail(selectors.output_view(actor, output_id)))


@ops.patch(
    "/{slug}/credit/contributions/{contribution_id}",
    OutputDetailOut,
    description="Policy action `credit.consent`: the member itself (or a custodian) "
    "chooses to be named, counted but not named, or not credited.",
)
def set_contribution_credit(request, slug: Slug, contribution_id: PathId, payload: ConsentIn):
    actor = api_actor(request, slug)
    changed = services.set_consent(actor, contribution_id, consent=payload.consent)
    return _detail(selectors.output_view(actor, changed.output_id))


@ops.get(
    "/{slug}/credit/equity",
    EquityOut,
    description="Policy action `credit.equity`: contributions, credits and their ratio per "
    "member (every row for the steering committee, admins and custodians, else one's own), "
    "and the credit gap by actor type.",
)
def get_credit_equity(request, slug: Slug):
    return selectors.equity(api_actor(request, slug))
