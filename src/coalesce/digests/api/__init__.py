"""JSON operations for digests, mounted under /coalitions (path /{slug}/digest).

The same selectors and service as the page: your choice, and what your next digest
holds so far; an unknown frequency is a 400 naming the field, and changes nothing.
"""

from datetime import datetime

from ninja import Field, Schema

from coalesce.accounts.api_auth import operations
from coalesce.coalitions.access import api_actor
from coalesce.core.api import Body, Slug, Text
from coalesce.digests import selectors, services

ops = operations("digests")
router = ops.router


class DigestUpdateOut(Schema):
    id: int = Field(alias="update.id")
    title: str = Field(alias="update.title")
    author_label: str
    asks_acknowledgement: bool = Field(alias="update.asks_acknowledgement")
    created_at: datetime = Field(alias="update.created_at")


class DigestSectionOut(Schema):
    committee: str | None = Field(description="None: updates to the whole coalition.")
    updates: list[DigestUpdateOut] = Field(alias="items")


class DigestRequestOut(Schema):
    id: int = Field(alias="item.id")
    topic: str = Field(alias="item.topic")
    text: str = Field(alias="item.text")
    asked_by: str = Field(alias="member.name")
    created_at: datetime = Field(alias="item.created_at")


class NextDigestOut(Schema):
    sections: list[DigestSectionOut]
    more_updates: int = Field(description="Older unseen updates the digest only counts.")
    requests: list[DigestRequestOut]
    more_requests: int
    is_empty: bool = Field(description="An empty digest is not sent.")


class DigestChoiceOut(Schema):
    frequency: str = Field(description="never, daily or weekly.")
    covered_until: datetime = Field(description="The next digest holds what came after.")
    next_digest: NextDigestOut


class DigestChoiceIn(Body):
    frequency: Text(8) = Field(description="never, daily or weekly.")


def _answer(actor):
    current = selectors.choice(actor)
    return {
        "frequency": current.frequency,
        "covered_until": current.covered_until,
        "next_digest": selectors.preview(actor),
    }


@ops.get(
    "/{slug}/digest",
    DigestChoiceOut,
    description="Policy action `digest.choose`: your digest choice and what your next "
    "digest holds so far.",
)
def get_digest(request, slug: Slug):
    return _answer(api_actor(request, slug, "digest.choose"))


@ops.put(
    "/{slug}/digest",
    DigestChoiceOut,
    description="Policy action `digest.choose`: never (each update e-mailed as it is "
    "posted), daily or weekly.",
)
def choose_digest(request, slug: Slug, payload: DigestChoiceIn):
    actor = api_actor(request, slug)
    services.choose(actor, frequency=payload.frequency, site_url=request.build_absolute_uri("/"))
    return _answer(actor)
