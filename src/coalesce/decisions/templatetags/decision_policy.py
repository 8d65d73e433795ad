"""Ask the decisions policy from a template: ``{% if actor|may:"decisions.list" %}``.

Only for actions that need no object; pages work out object rules in the view.
"""

from django import template

from coalesce.coalitions.policy import Actor
from coalesce.decisions import policy

register = template.Library()


@register.filter
def may(actor, action: str) -> bool:
    """True when ``actor`` may do ``action`` (never raises: no actor means no)."""
    if not isinstance(actor, Actor):
        return False
    return policy.allows(actor, action)
