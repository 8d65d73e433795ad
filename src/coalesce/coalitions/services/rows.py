"""The one lookup every write starts from: a row of the actor's coalition, or 404."""

from coalesce.core.errors import NotFound


def of_coalition(rows, actor, pk, *, lock=False, message="Not found.", field=None):
    """Row ``pk`` of ``rows`` (a manager or queryset) in the actor's coalition, locked for
    update if ``lock``; NotFound (``message``, ``field``) when there is none."""
    queryset = rows.filter(coalition=actor.coalition, pk=pk)
    found = (queryset.select_for_update() if lock else queryset).first()
    if found is None:
        raise NotFound(message, field)
    return found
