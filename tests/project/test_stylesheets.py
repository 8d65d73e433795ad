"""The stylesheets speak in logical directions only, so a right-to-left page (Arabic) mirrors
itself: no physical left/right property or value, no four-value margin or padding whose left
and right differ."""

import re
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parents[2] / "src" / "coalesce"
STYLESHEETS = sorted(p for p in SOURCE.rglob("*.css"))

PHYSICAL = re.compile(
    r"(?<![-\w])(?:(?:margin|padding|border|inset|scroll-margin|scroll-padding)-(?:left|right)"
    r"|(?:left|right)\s*:"
    r"|(?:text-align|float|clear)\s*:\s*(?:left|right)\b"
    r"|border-(?:top|bottom)-(?:left|right)-radius)"
)
FOUR_SIDES = re.compile(r"(?<![-\w])(?:margin|padding)\s*:\s*([^;}]+?)\s*(?:;|})")


def physical_rules(css: str) -> list[str]:
    found = [m.group(0) for m in PHYSICAL.finditer(css)]
    for m in FOUR_SIDES.finditer(css):
        values = m.group(1).split()
        if len(values) == 4 and values[1] != values[3]:
            found.append(m.group(0))
    return found


def test_there_are_stylesheets_to_check():
    assert any(p.name == "site.css" for p in STYLESHEETS)


@pytest.mark.parametrize("path", STYLESHEETS, ids=lambda p: p.name)
def test_stylesheet_uses_logical_properties(path):
    assert physical_rules(path.read_text()) == []


@pytest.mark.parametrize(
    "css",
    [
        "a { margin-left: 1rem }",
        "a { left: 0 }",
        "a { text-align: right; }",
        "a { padding: 0 1rem 0 2rem; }",
        "a { border-right: 1px solid }",
    ],
)
def test_the_check_catches_physical_directions(css):
    assert physical_rules(css)


def test_the_check_lets_logical_and_symmetric_rules_pass():
    css = "a { margin-inline-start: 1rem; padding: 0 1rem 0 1rem; inset-inline-end: 0; }"
    assert physical_rules(css) == []
