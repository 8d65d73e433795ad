"""``{{ moment|iso }}``: a time for a ``<time datetime>`` attribute, to the second, with its
offset (HTML refuses Python's microseconds). Built in to every template (settings)."""

from datetime import datetime

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def iso(moment) -> str:
    if not isinstance(moment, datetime):
        return ""
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return moment.replace(microsecond=0).isoformat()
