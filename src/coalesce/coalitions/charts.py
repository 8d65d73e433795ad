"""Small hand-written SVG charts, safe to inline under a strict Content Security Policy.

No style attributes, no scripts, no external requests: only SVG presentation
attributes. Every chart has a <title> and <desc> and role="img"; pages show the same
numbers in a table beside it for screen readers and for copying.
"""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

WIDTH = 400
ROW = 44
LABEL_Y = 16
BAR_Y = 22
BAR_HEIGHT = 14
BAR_WIDTH = 320  # room for the count after the longest bar
BAR_FILL = "#1f5f8b"
TRACK_FILL = "#e6e9ee"
INK = "#1d2430"


def horizontal_bars(shares, *, title: str, chart_id: str) -> SafeString:
    """A horizontal bar chart of ``shares`` (objects with ``label`` and ``count``).

    Each row puts its label above the bar, so long labels fit on a phone.
    """
    shares = [s for s in shares if s.count > 0]
    if not shares:
        return SafeString("")
    biggest = max(s.count for s in shares)
    total = sum(s.count for s in shares)
    height = ROW * len(shares) + 4
    summary = "; ".join(f"{s.label}: {s.count}" for s in shares)
    description = _("Total: %(n)d.") % {"n": total} + " " + summary
    rows = []
    for index, share in enumerate(shares):
        top = index * ROW
        length = max(2, round(BAR_WIDTH * share.count / biggest))
        rows.append(
            (
                top + LABEL_Y,
                share.label,
                top + BAR_Y,
                BAR_WIDTH,
                BAR_HEIGHT,
                TRACK_FILL,
                top + BAR_Y,
                length,
                BAR_HEIGHT,
                BAR_FILL,
                length + 6,
                top + BAR_Y + BAR_HEIGHT - 2,
                share.count,
            )
        )
    body = format_html_join(
        "",
        '<g><text x="0" y="{}" font-size="14" fill="' + INK + '">{}</text>'
        '<rect x="0" y="{}" width="{}" height="{}" rx="3" fill="{}"></rect>'
        '<rect x="0" y="{}" width="{}" height="{}" rx="3" fill="{}"></rect>'
        '<text x="{}" y="{}" font-size="13" fill="' + INK + '">{}</text></g>',
        rows,
    )
    return format_html(
        '<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" '
        'width="{}" height="{}" role="img" aria-labelledby="{}-title {}-desc" '
        'focusable="false"><title id="{}-title">{}</title><desc id="{}-desc">{}</desc>{}</svg>',
        WIDTH,
        height,
        WIDTH,
        height,
        chart_id,
        chart_id,
        chart_id,
        title,
        chart_id,
        description,
        body,
    )
