"""A hook for apps above decisions: be told when a proposal's outcome is recorded.

``register(callback)`` once (in an ``AppConfig.ready``); ``closing.close_proposal`` calls
``recorded(proposal)`` in its transaction, after the outcome is stored, and each callback
is called with the proposal (``proposal.outcome`` is set). A callback that raises undoes
the closing with it.
"""

_CALLBACKS: list = []


def register(callback) -> None:
    if callback not in _CALLBACKS:
        _CALLBACKS.append(callback)


def recorded(proposal) -> None:
    for callback in _CALLBACKS:
        callback(proposal)
