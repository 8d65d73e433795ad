"""Coalitions: listing, founding, reading and changing one."""

from dataclasses import asdict
from datetime import datetime

from ninja import Field, Schema, Status

from coalesce.accounts.api_auth import user_of
from coalesce.coalitions import awaiting, policy, selectors, services
from coalesce.coalitions.access import api_actor
from coalesce.coalitions.api._ops import ops
from coalesce.coalitions.limits import MAX_COALITION_NAME, MAX_ORGANISATION_NAME
from coalesce.core.api import Body, Flag, Slug, Text
from coalesce.core.localisation import MAX_TIME_ZONE


class CoalitionSummary(Schema):
    slug: str
    name: str
    purpose: str
    has_public_page: bool
    is_mine: bool


class CoalitionOut(Schema):
    slug: str
    name: str
    purpose: str
    languages: str
    time_zone: str = Field(description="Where its times show for a member with no zone set.")
    has_public_page: bool
    join_mode: str = Field(description="invitation (by invitation only) or open (applications)")
    full: bool = Field(description="True when the caller sees the members' view.")
    roles: list[str]
    created_at: datetime | None = None
    charter_percent_agreed: int | None = None
    members_listed: int | None = None


class AwaitingOut(Schema):
    kind: str = Field(description="vote, poll (a meeting's), acknowledge (an update) or "
                      "applications (to review)")  # fmt: skip
    title: str = Field(description="What it is about (empty for applications).")
    url: str = Field(description="The page where it is done.")
    due: datetime | None = Field(None, description="When it closes, if it does.")
    count: int = Field(description="How many are behind the link (applications).")


class CoalitionIn(Body):
    """Found a coalition: the caller becomes its first active member (for the organisation
    named here, or as an individual), chair of its steering committee and admin."""

    name: Text(MAX_COALITION_NAME)
    purpose: Text(4000) = ""
    slug: Text(60) = ""
    languages: Text(120) = "en"
    time_zone: Text(MAX_TIME_ZONE) = Field("UTC", description="An IANA name: Africa/Nairobi")
    has_public_page: Flag = True
    join_mode: Text(20) = Field("invitation", description="invitation or open")
    founder_kind: Text(20) = Field("organisation", description="organisation or person")
    organisation_name: Text(MAX_ORGANISATION_NAME) = Field(
        "", description="When founder_kind is organisation."
    )
    actor_type: Text(40) = ""
    country: Text(60) = ""
    person_name: Text(160) = Field("", description="Your name; your display name if empty.")
    visibility: Text(20) = "members"
    alias: Text(80) = ""


class CoalitionPatch(Body):
    name: Text(MAX_COALITION_NAME) | None = None
    purpose: Text(4000) | None = None
    languages: Text(120) | None = None
    time_zone: Text(MAX_TIME_ZONE) | None = None
    has_public_page: Flag | None = None
    join_mode: Text(20) | None = None


def _coalition_out(actor) -> dict:
    coalition = actor.coalition
    out = {
        "slug": coalition.slug,
        "name": coalition.name,
        "purpose": coalition.purpose,
        "languages": coalition.languages,
        "time_zone": coalition.time_zone,
        "has_public_page": coalition.has_public_page,
        "join_mode": coalition.join_mode,
        "full": actor.is_member_level,
        "roles": sorted(str(r) for r in actor.roles),
    }
    if actor.is_member_level:
        _rows, listed = selectors.member_directory(actor, limit=0)
        out |= {
            "created_at": coalition.created_at,
            "charter_percent_agreed": selectors.charter(coalition)["percent_agreed"],
            "members_listed": listed,
        }
    return out


@ops.get(
    "",
    list[CoalitionSummary],
    anonymous=True,
    summary="Coalitions I belong to, then others with a public page",
)
def list_coalitions(request):
    mine, public = selectors.coalitions_for(user_of(request))

    def row(c, is_mine):
        return {
            "slug": c.slug,
            "name": c.name,
            "purpose": c.purpose,
            "has_public_page": c.has_public_page,
            "is_mine": is_mine,
        }

    return [row(c, True) for c in mine] + [row(c, False) for c in public[:200]]


@ops.post("", CoalitionOut, status=201)
def create_coalition(request, payload: CoalitionIn):
    coalition = services.found_coalition(user=user_of(request), **payload.dict())
    return Status(201, _coalition_out(policy.actor_for(user_of(request), coalition)))


@ops.get(
    "/{slug}",
    CoalitionOut,
    anonymous=True,
    description="Policy action `coalition.public_page`; members get the full view.",
)
def get_coalition(request, slug: Slug):
    actor = api_actor(request, slug, "coalition.public_page")
    return _coalition_out(actor)


@ops.patch("/{slug}", CoalitionOut)
def update_coalition(request, slug: Slug, payload: CoalitionPatch):
    actor = api_actor(request, slug)
    # Omitted (or null) fields keep their value.
    services.update_coalition(actor, **payload.dict(exclude_none=True))
    return _coalition_out(actor)


@ops.get(
    "/{slug}/awaiting",
    list[AwaitingOut],
    summary="What awaits me",
    description="Policy action `coalition.dashboard`: the dashboard's “what needs you” — "
    "decisions waiting for my vote, meeting polls I have not answered, updates asking me "
    "to acknowledge them, applications to review — the nearest deadline first.",
)
def list_awaiting(request, slug: Slug):
    actor = api_actor(request, slug, "coalition.dashboard")
    return [asdict(item) for item in awaiting.awaiting_for(actor)]
