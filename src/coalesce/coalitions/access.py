"""Where a request meets a coalition: the coalition at a slug, and the actor in it."""

from coalesce.accounts.api_auth import user_of
from coalesce.coalitions.models import Coalition
from coalesce.coalitions.policy import Actor, actor_for
from coalesce.core.errors import NotFound


def actor_at(user, slug: str) -> Actor:
    """The actor for ``user`` in the coalition at ``slug`` (NotFound when there is none)."""
    coalition = Coalition.objects.filter(slug=slug).first()
    if coalition is None:
        raise NotFound()
    return actor_for(user, coalition)


def api_actor(request, slug: str) -> Actor:
    """The actor an API operation under ``/coalitions/{slug}`` acts as, kept on the
    request (as ``coalition_page`` does for pages) so that a schema's resolvers can mask
    what this reader may not see."""
    request.actor = actor_at(user_of(request), slug)
    return request.actor
