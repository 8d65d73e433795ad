"""The audit event a write by a coalition's actor leaves: the actor's user did ``action``
to ``obj`` in the actor's coalition, touching ``fields`` (names only)."""

from coalesce.audit.log import record


def record_by(actor, action, obj, fields=()):
    """``record`` for an actor of a coalition (``actor.user`` in ``actor.coalition``)."""
    return record(
        actor=actor.user, action=action, obj=obj, coalition=actor.coalition, fields=fields
    )
