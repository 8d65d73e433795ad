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


def _figure(width, height, *parts, chart_id: str, title: str, description: str) -> SafeString:
    """The ``<svg>`` around a chart: its title and description (the numbers in words,
    for screen readers and for anyone who cannot tell the colours apart), then ``parts``."""
    return format_html(
        '<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" '
        'width="{}" height="{}" role="img" aria-labelledby="{}-title {}-desc" '
        'focusable="false"><title id="{}-title">{}</title><desc id="{}-desc">{}</desc>{}</svg>',
        width,
        height,
        width,
        height,
        chart_id,
        chart_id,
        chart_id,
        title,
        chart_id,
        description,
        SafeString("".join(str(part) for part in parts)),
    )


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
    return _figure(WIDTH, height, body, chart_id=chart_id, title=title, description=description)


SERIES_FILLS = ("#8db3cf", BAR_FILL, "#6b4f8b", "#3d7a4f")  # first series lighter: "before"
GROUP_LABEL = 20
SERIES_ROW = 20
GROUP_GAP = 12
LEGEND = 24


def grouped_bars(
    groups, series, *, title: str, chart_id: str, maximum=None, suffix="", missing=None
) -> SafeString:
    """Horizontal bars in groups, one bar per series (e.g. pre-test and post-test).

    ``groups`` is a list of ``(label, values)`` with one value per name in ``series``
    (a number, or None for "no data", drawn as a note instead of a bar). Each bar is
    followed by its series name and value, so the chart reads without the colours.
    ``maximum`` is the value of a full-width bar (the largest value when None);
    ``missing`` is the note for a None value (default "no data").
    """
    groups = [(label, list(values)) for label, values in groups]
    if not groups or not series:
        return SafeString("")
    present = [v for _label, values in groups for v in values if v is not None]
    biggest = maximum if maximum is not None else max(present, default=0)
    biggest = biggest or 1
    legend = format_html_join(
        "",
        '<g><rect x="{}" y="4" width="12" height="12" rx="2" fill="{}"></rect>'
        '<text x="{}" y="15" font-size="13" fill="' + INK + '">{}</text></g>',
        (
            (index * 120, SERIES_FILLS[index % len(SERIES_FILLS)], index * 120 + 16, name)
            for index, name in enumerate(series)
        ),
    )
    block = GROUP_LABEL + SERIES_ROW * len(series) + GROUP_GAP
    height = LEGEND + block * len(groups)
    rows, summary = [], []
    for index, (label, values) in enumerate(groups):
        top = LEGEND + index * block
        drawn = [
            _series_bar(position, name, value, top, biggest, suffix, missing)
            for position, (name, value) in enumerate(zip(series, values, strict=False))
        ]
        rows.append(
            format_html(
                '<g><text x="0" y="{}" font-size="14" fill="' + INK + '">{}</text>{}</g>',
                top + LABEL_Y,
                label,
                SafeString("".join(bar for bar, _words in drawn)),
            )
        )
        summary.append(f"{label}: " + ", ".join(words for _bar, words in drawn))
    description = "; ".join(summary)
    return _figure(
        WIDTH,
        height,
        legend,
        SafeString("".join(rows)),
        chart_id=chart_id,
        title=title,
        description=description,
    )


def _series_bar(
    position, name, value, top, biggest, suffix, missing=None
) -> tuple[SafeString, str]:
    """One series' bar in a group (or a "no data" note), and its words for the summary."""
    y = top + GROUP_LABEL + position * SERIES_ROW
    if value is None:
        no_data = missing or _("no data")
        note = format_html(
            '<text x="0" y="{}" font-size="12" fill="' + INK + '">{}: {}</text>',
            y + 12,
            name,
            no_data,
        )
        return note, f"{name} {no_data}"
    length = max(2, round(BAR_WIDTH * min(value, biggest) / biggest)) if value else 0
    bar = format_html(
        '<rect x="0" y="{}" width="{}" height="{}" rx="3" fill="{}"></rect>'
        '<text x="{}" y="{}" font-size="12" fill="' + INK + '">{}: {}{}</text>',
        y + 2,
        length,
        BAR_HEIGHT,
        SERIES_FILLS[position % len(SERIES_FILLS)],
        length + 6,
        y + BAR_HEIGHT,
        name,
        value,
        suffix,
    )
    return bar, f"{name} {value}{suffix}"


MAP_CELL = 110
MAP_LEFT = 64  # room for the influence axis labels
MAP_TOP = 26  # room for the influence axis title above the grid
MAP_DOT = 11
MAP_PER_ROW = 4
RELATIONSHIP_FILLS = {"none": "#ffffff", "some": "#8db3cf", "strong": BAR_FILL}


def stakeholder_map(points, *, levels, title: str, chart_id: str) -> SafeString:
    """Prospective partners on a grid of interest (across) by influence (up).

    ``points`` are ``(number, label, influence, interest, relationship)`` with levels
    1..len(levels) (``levels`` names them, lowest first); each dot carries its number,
    so the chart reads against the table beside it without the colours. Dots in one
    cell sit side by side.
    """
    points = [p for p in points if p[2] and p[3]]
    if not points:
        return SafeString("")
    size = len(levels)
    width = MAP_LEFT + MAP_CELL * size + 4
    height = MAP_TOP + MAP_CELL * size + 44
    body, summary = _map_dots(points, levels)
    description = "; ".join(summary)
    return _figure(
        width,
        height,
        _map_grid(levels, height),
        body,
        chart_id=chart_id,
        title=title,
        description=description,
    )


def _map_grid(levels, height) -> SafeString:
    """The stakeholder map's cells, its axes' level names and the axes' titles."""
    size = len(levels)
    cells = format_html_join(
        "",
        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" stroke="#c4cad3"></rect>',
        (
            (
                MAP_LEFT + column * MAP_CELL,
                MAP_TOP + row * MAP_CELL,
                MAP_CELL,
                MAP_CELL,
                "#eef3f8" if (column == size - 1 and row == 0) else TRACK_FILL,
            )
            for row in range(size)
            for column in range(size)
        ),
    )
    axis = format_html_join(
        "",
        '<text x="{}" y="{}" font-size="12" fill="' + INK + '" text-anchor="{}">{}</text>',
        [
            (MAP_LEFT - 6, MAP_TOP + (size - level) * MAP_CELL + MAP_CELL // 2, "end", name)
            for level, name in enumerate(levels, start=1)
        ]
        + [
            (MAP_LEFT + (level - 1) * MAP_CELL + MAP_CELL // 2, height - 26, "middle", name)
            for level, name in enumerate(levels, start=1)
        ],
    )
    axis_titles = format_html(
        '<text x="{}" y="{}" font-size="13" fill="' + INK + '" text-anchor="middle">{}</text>'
        '<text x="0" y="{}" font-size="13" fill="' + INK + '">{}</text>',
        MAP_LEFT + MAP_CELL * size // 2,
        height - 6,
        _("Interest in our cause →"),
        14,
        _("Influence ↑"),
    )
    return SafeString(cells + axis + axis_titles)


def _map_dots(points, levels) -> tuple[SafeString, list[str]]:
    """A numbered dot for each point (side by side within a cell), and its words."""
    size = len(levels)
    in_cell: dict[tuple, int] = {}
    dots, summary = [], []
    for number, label, influence, interest, relationship in points:
        slot = in_cell.get((influence, interest), 0)
        in_cell[(influence, interest)] = slot + 1
        x = MAP_LEFT + (interest - 1) * MAP_CELL + 16 + (slot % MAP_PER_ROW) * 26
        y = MAP_TOP + (size - influence) * MAP_CELL + 18 + (slot // MAP_PER_ROW) * 26
        fill = RELATIONSHIP_FILLS.get(relationship, "#ffffff")
        ink = "#ffffff" if relationship == "strong" else INK
        dots.append((x, y, MAP_DOT, fill, x, y + 4, ink, number))
        summary.append(
            _("%(n)s. %(label)s: influence %(influence)s, interest %(interest)s")
            % {
                "n": number,
                "label": label,
                "influence": levels[influence - 1],
                "interest": levels[interest - 1],
            }
        )
    body = format_html_join(
        "",
        '<g><circle cx="{}" cy="{}" r="{}" fill="{}" stroke="' + INK + '"></circle>'
        '<text x="{}" y="{}" font-size="11" fill="{}" text-anchor="middle">{}</text></g>',
        dots,
    )
    return body, summary
