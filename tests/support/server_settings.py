"""Settings for a ``coalesce serve`` started by a test: the production settings, except
that ``collectstatic`` copies the static files without compressing them (compressing
them with Brotli takes about 14 s on each start, and no test here fetches them)."""

from coalesce.settings import *  # noqa: F403
from coalesce.settings import STORAGES

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
