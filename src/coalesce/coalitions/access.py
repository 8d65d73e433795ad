"""Where a request meets a coalition: the coalition at a slug, and the actor in it."""

from coalesce.accounts.api_auth import user_of
from coalesce.coalitions.models import Coalition
from coalesce.coalitions.policy import Actor, actor_for
from coalesce.core.errors import NotFound
from coalesce.core.policy import policy_for


def actor_at(user, slug: str) -> Actor:
    """The actor for ``user`` in the coalition at ``slug`` (NotFound when there is none)."""
    coalition = Coalition.objects.filter(slug=slug).first()
    if coalition is None:
        raise NotFound()
    return actor_for(user, coalition)


def api_actor(request, slug: str, action: str | None = None) -> Actor:
    """The actor an API operation under ``/coalitions/{slug}`` acts as, kept on the
    request (as ``coalition_page`` does for pages) so that a schema's resolvers can mask
    what this reader may not see.

    With ``action`` (of any coalition domain: ``core.policy.policy_for`` finds its rules,
    as for ``coalition_page``) the actor must be allowed it: NotFound or Forbidden
    otherwise. Leave it out where the rule needs the object, or a service checks it."""
    request.actor = actor_at(user_of(request), slug)
    if action is not None:
        policy_for(action).require(request.actor, action)
    return request.actor
