"""What the decision operations share: who the caller is, in the coalition at a slug."""

from coalesce.coalitions.access import api_actor


def actor_of(request, slug):
    """The caller as an actor in the coalition at ``slug``, kept on the request (as the
    pages do) so that a schema's resolvers mask what this reader may not see."""
    request.actor = api_actor(request, slug)
    return request.actor


def reader(context):
    """The actor of the request a schema is being filled for (see ``actor_of``)."""
    return context["request"].actor
