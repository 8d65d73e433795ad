from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

KINDS = {
    "talking_points": _("Talking points"),
    "discussion": _("Discussion"),
    "activity": _("Activity"),
    "video": _("Video"),
    "wrap_up": _("Wrap-up"),
}
ADAPTATION_KINDS = {"less": _("Less time"), "more": _("More time")}


@register.filter
def kind_label(kind: str) -> str:
    return KINDS.get(kind, kind)


@register.filter
def adaptation_label(kind: str) -> str:
    return ADAPTATION_KINDS.get(kind, kind)


@register.filter
def hours_minutes(minutes) -> str:
    """120 → "2 h 0 min"; 45 → "45 min"."""
    try:
        minutes = int(minutes)
    except (TypeError, ValueError):
        return ""
    if minutes < 60:
        return _("%(m)d min") % {"m": minutes}
    return _("%(h)d h %(m)d min") % {"h": minutes // 60, "m": minutes % 60}
