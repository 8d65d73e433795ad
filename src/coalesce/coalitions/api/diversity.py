"""Who the coalition's members are: actor types, countries and focus areas."""

from ninja import Schema

from coalesce.coalitions import selectors
from coalesce.coalitions.access import api_actor
from coalesce.coalitions.api._ops import ops, plain
from coalesce.core.api import Slug


class ShareOut(Schema):
    code: str
    label: str
    count: int


class DiversityOut(Schema):
    organisations: int
    actor_types: list[ShareOut]
    missing_actor_types: list[ShareOut]
    countries: list[ShareOut]
    focus_areas: list[ShareOut]
    missing_focus_areas: list[ShareOut]


@ops.get("/{slug}/diversity", DiversityOut, tags=["diversity"])
def get_diversity(request, slug: Slug):
    actor = api_actor(request, slug, "diversity.view")
    found = selectors.diversity(actor)
    return {
        key: (value if isinstance(value, int) else [plain(s) for s in value])
        for key, value in found.items()
    }
