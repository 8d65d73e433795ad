"""What the decision operations share: the one ``Operations`` of the "decisions" tag
(every module but the conflict register's declares on it), and the reader a schema
masks for."""

from coalesce.accounts.api_auth import operations

ops = operations("decisions")
router = ops.router


def reader(context):
    """The actor of the request a schema is being filled for (``access.api_actor``)."""
    return context["request"].actor
