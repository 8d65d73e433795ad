from django import template

from coalesce.core.markdown import render

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    """``{{ proposal.body|markdown }}``: Markdown rendered and sanitised."""
    return render(text)
