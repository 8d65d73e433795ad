"""What other apps add to the charter page, without coalitions importing them.

An app registers a provider (``register(provider)``, from its ``AppConfig.ready``):
``provider(actor)`` returns template context for the charter page (decisions adds the
rule in force per category and the decisions that changed the charter).
``sections_for(actor)`` merges what every provider returns.
"""

from collections.abc import Callable

_providers: list[Callable] = []


def register(provider: Callable) -> None:
    if provider not in _providers:
        _providers.append(provider)


def sections_for(actor) -> dict:
    context = {}
    for provider in _providers:
        context.update(provider(actor))
    return context
