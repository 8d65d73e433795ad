"""“Leave it as it is”: the default of a service's keyword argument that a partial
update (the API's PATCH) may omit."""


class _Unchanged:
    def __repr__(self):
        return "UNCHANGED"


UNCHANGED = _Unchanged()


def unless_unchanged(value, current):
    """``value``, or ``current`` when the caller left it ``UNCHANGED``."""
    return current if value is UNCHANGED else value
