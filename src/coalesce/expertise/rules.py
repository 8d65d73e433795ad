"""The pure rules of expertise: language codes, and which offers a request reaches.

``reaches`` is the rule; ``selectors.requests_for`` says the same in SQL (a property
test checks that the two agree)."""

from django.conf.locale import LANG_INFO
from django.utils.translation import gettext as _

from coalesce.core.errors import DomainError
from coalesce.expertise.limits import MAX_LANGUAGE

# Django's own table of languages: every code with a name (not the bare fallbacks).
LANGUAGE_CODES = frozenset(code for code, info in LANG_INFO.items() if "name" in info)


def normalise_language(value) -> str:
    """A language code as stored: lower case, "-" between its parts, no spaces."""
    if not isinstance(value, str):
        return ""
    return value.strip().lower().replace("_", "-")


def clean_language(value, field: str = "language") -> str:
    """A known language code (or "" for none), else ``DomainError`` on ``field``."""
    if value in (None, ""):
        return ""
    code = normalise_language(value)
    if len(code) > MAX_LANGUAGE or code not in LANGUAGE_CODES:
        raise DomainError(_("Unknown language code. Use a code such as en, fr, sw or ar."), field)
    return code


def language_name(code: str) -> str:
    """The language's own name for a code (the code itself when unknown)."""
    info = LANG_INFO.get(code)
    return info.get("name_local", code) if info and "name" in info else code


def reaches(offer_topic: str, offer_language: str, request_topic: str, request_language) -> bool:
    """Does a request reach a member offering this? Same kind of help; and when both say
    a language, the same language (an offer or request without one matches any)."""
    if offer_topic != request_topic:
        return False
    return not offer_language or not request_language or offer_language == request_language
