"""Ask the permission policy from a template: ``{% if actor|can:"charter.edit" %}``."""

from django import template

from coalesce.coalitions import policy

register = template.Library()


@register.filter
def can(actor, action: str) -> bool:
    """True when ``actor`` may do ``action`` (never raises: no actor means no)."""
    if not isinstance(actor, policy.Actor):
        return False
    return policy.allows(actor, action)
