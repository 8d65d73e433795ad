"""Ask the permission policy from a template: ``{% if actor|can:"charter.edit" %}``.

Any domain's action, found through ``core.policy.policy_for``. Only for actions that need
no object; pages work out object rules in the view.
"""

from django import template

from coalesce.core.policy import policy_for

register = template.Library()


@register.filter
def can(actor, action: str) -> bool:
    """True when ``actor`` may do ``action`` (never raises: no actor means no)."""
    if actor is None or not hasattr(actor, "roles"):
        return False
    return policy_for(action).allows(actor, action)
