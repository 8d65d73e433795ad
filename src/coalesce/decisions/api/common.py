"""What the decision operations share: the reader a schema masks for."""


def reader(context):
    """The actor of the request a schema is being filled for (``access.api_actor``)."""
    return context["request"].actor
