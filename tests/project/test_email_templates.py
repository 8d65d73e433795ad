"""No e-mail carries a remote image (C6): nothing that tells a sender when, where or
whether a message was opened. Every e-mail template of the project is scanned — any
template under an ``email``/``emails`` folder, or whose name speaks of mail — for an
image, a remote stylesheet or a CSS ``url()`` fetched from elsewhere."""

import re
from pathlib import Path

from django.conf import settings
from django.template.loaders.app_directories import get_app_template_dirs

REMOTE = re.compile(
    r"<img\b"  # any image at all: a template cannot know the address stays local
    r"|<(link|script|iframe|object|embed|video|audio|source)\b[^>]*\b(src|href)\s*=\s*[\"']?\s*(https?:|//|\{\{)"
    r"|\bbackground\s*=\s*[\"']?\s*(https?:|//|\{\{)"
    r"|url\(\s*[\"']?\s*(https?:|//|\{\{)",
    re.IGNORECASE,
)


def template_dirs() -> list[Path]:
    dirs = [Path(d) for t in settings.TEMPLATES for d in t.get("DIRS", [])]
    return dirs + [Path(d) for d in get_app_template_dirs("templates")]


def email_templates() -> list[Path]:
    found = set()
    for root in template_dirs():
        for path in root.rglob("*"):
            if not path.is_file():
                continue
            parts = {p.lower() for p in path.relative_to(root).parts[:-1]}
            if parts & {"email", "emails", "mail"} or "mail" in path.name.lower():
                found.add(path)
    return sorted(found)


def remote_fetches(text: str) -> list[str]:
    return [m.group(0) for m in REMOTE.finditer(text)]


def test_no_email_template_fetches_anything_remote():
    templates = email_templates()
    names = {p.as_posix() for p in templates}
    assert any(n.endswith("updates/email/update.html") for n in names), names
    assert any(n.endswith("accounts/email/invitation.txt") for n in names), names
    problems = {
        str(p): found for p in templates if (found := remote_fetches(p.read_text(errors="replace")))
    }
    assert not problems, problems


def test_the_scan_would_catch_a_pixel():
    """The control: the patterns do find what they must refuse."""
    for planted in [
        '<img src="https://mail.example.org/open.gif?u=1" width="1" height="1">',
        "<IMG SRC='{{ pixel_url }}'>",
        '<td background="http://example.org/bg.png">',
        "<div style=\"background: url('https://example.org/p.png')\">",
        '<link rel="stylesheet" href="//cdn.example.org/mail.css">',
    ]:
        assert remote_fetches(planted), planted
    assert not remote_fetches('<p><a href="https://coalesce.example/c/x/updates/1/">Read</a></p>')
