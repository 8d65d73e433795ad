"""No English left behind: every page is read in a pseudo-language in which each string
that went through gettext comes back marked ⟦like this⟧. Whatever is left in Latin letters
on a page must then be data (what people wrote, stored in the database), a proper noun or a
code — anything else is a string nobody marked for translation."""

import re
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.db import models
from django.utils.translation import trans_real

from tests.support.pages import PAGES, url_for

SHARED_WORLD = True  # world and targets built once for the module: tests/project/conftest.py

ROLES = ["anonymous", "applicant", "member", "steering", "admin", "custodian"]

# Names that stay as they are in every language.
PROPER = {
    "coalesce", "api", "csv", "pdf", "otp", "ics", "json", "markdown", "htmx", "ical",
    "icalendar", "english", "français", "español", "العربية", "http", "https", "www", "openapi",
}  # fmt: skip
ATTRIBUTES = {"title", "aria-label", "placeholder", "alt"}
WORD = re.compile(r"[^\W\d_][^\W\d_'’-]{2,}")
BETWEEN = "\x1f"  # joins a page's texts, so a marked string may span several of them
NUMBERED = re.compile(r"^\d+\.\s+")
CODE = {"code", "kbd", "samp", "script", "style"}
WRAPPED = re.compile(r"⟦[^⟦⟧]*⟧")
ADDRESS = re.compile(r"\S+@\S+|https?://\S+|/[\w./?=&%-]+")


class Pseudo(trans_real.DjangoTranslation):
    """English, with every string that was translated marked."""

    def gettext(self, message):
        return f"⟦{message.split(trans_real.CONTEXT_SEPARATOR)[-1]}⟧"

    def ngettext(self, singular, plural, number):
        chosen = singular if number == 1 else plural
        return f"⟦{chosen.split(trans_real.CONTEXT_SEPARATOR)[-1]}⟧"


def forget_translated_labels():
    """Labels kept per language (the member directory's) were kept in real English."""
    from coalesce.coalitions.selectors import members

    members._status_label.cache_clear()
    members._country_name.cache_clear()


@pytest.fixture
def pseudo_english():
    """English is the pseudo-language for this test; afterwards nothing of it is left (the
    catalogue, the default one, the one the last request left active, cached labels)."""
    from django.utils import translation

    saved, saved_default = trans_real._translations.get("en"), trans_real._default
    trans_real._translations["en"] = Pseudo("en")
    trans_real._default = None
    forget_translated_labels()
    try:
        yield
    finally:
        if saved is None:
            trans_real._translations.pop("en", None)
        else:
            trans_real._translations["en"] = saved
        trans_real._default = saved_default
        translation.deactivate()
        forget_translated_labels()


class Texts(HTMLParser):
    """A page's texts and labelling attributes; code (``<code>`` and the like) left out."""

    def __init__(self):
        super().__init__()
        self.found, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in CODE:
            self.skip += 1
        self.found += [value for name, value in attrs if name in ATTRIBUTES and value]
        kind = dict(attrs).get("type")
        if tag == "input" and kind in ("submit", "button"):
            self.found.append(dict(attrs).get("value") or "")

    def handle_endtag(self, tag):
        if tag in CODE:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip and data.strip():
            self.found.append(data)


def module_texts(value):
    """Every text of a training module (its own content, in its own language)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from module_texts(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from module_texts(item)


def stored_texts() -> list[str]:
    """Every text the database holds (names, purposes, titles…), the training modules'
    texts and the countries' names (django-countries translates those), longest first."""
    from django_countries import countries

    from coalesce.training.catalogue import catalogue

    texts = {name for _code, name in countries}
    for module in catalogue().values():
        texts.update(t for t in module_texts(module.model_dump()) if len(t) >= 3)
    for model in apps.get_models():
        names = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField | models.JSONField)
            and not f.choices
        ]
        for row in model.objects.values_list(*names) if names else []:
            texts.update(t for t in module_texts(list(row)) if len(t) >= 3)
    return sorted(texts, key=len, reverse=True)


def unmarked(text: str, data: list[str], blob: str = "") -> list[str]:
    """The words of ``text`` (a page's texts joined by BETWEEN) that are neither marked, nor
    data (a stored text, or a piece of one as Markdown splits it), nor names or codes."""
    while WRAPPED.search(text):
        text = WRAPPED.sub(BETWEEN, text)
    words = []
    for piece in text.split(BETWEEN):
        piece = piece.strip()
        shortened = NUMBERED.sub("", piece).rstrip("…").strip()  # "3. A stored text cut sh…"
        if not piece or (len(shortened) >= 3 and shortened in blob):
            continue
        for value in data:
            if value in piece:
                piece = piece.replace(value, " ")
        piece = ADDRESS.sub(" ", piece)
        words += [
            w
            for w in WORD.findall(piece)
            if w.lower() not in PROPER and not (w.isupper() and len(w) <= 5)
        ]
    return words


def test_the_pseudo_language_marks_what_gettext_translated(pseudo_english, client):
    from django.utils import translation

    with translation.override("en"):
        assert translation.gettext("Sign in") == "⟦Sign in⟧"
        assert translation.pgettext("verb", "Close") == "⟦Close⟧"
    assert unmarked("⟦Sign in⟧ Amina ⟦To ⟦Steering⟧⟧ UTC", ["Amina"]) == []
    assert unmarked("⟦Sign in⟧ Forgotten", []) == ["Forgotten"]


@pytest.mark.parametrize("role", ROLES)
def test_no_page_holds_a_string_nobody_marked(pseudo_english, role, world, targets):
    client = world.client(role)
    data = stored_texts()
    blob = "\n".join(data)
    problems = {}
    for name, page in PAGES.items():
        if not page.get or (role not in page.get and page.get_status is None):
            continue
        url = url_for(name, page, targets)
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
        if "text/html" not in response.get("Content-Type", ""):
            continue
        parser = Texts()
        parser.feed(response.content.decode())
        words = sorted(set(unmarked(BETWEEN.join(parser.found), data, blob)))
        if words:
            problems[url] = words
    assert not problems, "\n".join(f"{url}: {' '.join(w)}" for url, w in problems.items())
