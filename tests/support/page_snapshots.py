"""Snapshots of every page, for checks that read a page as a browser does (the Nu HTML
Checker, axe-core, page widths…) without a live server.

``take_snapshots`` walks every page of ``tests.support.pages.PAGES`` that answers GET, as
each role, in one language, and writes the HTML answers (pages, and the error pages a
role is refused with) to a folder: one file per distinct body, with ``index.json`` saying
which role and URL each came from (``load_snapshots`` reads it back). htmx fragments (a
polled part of a page, not a document) are left out: the page they belong to holds them.

``SnapshotBrowser`` opens such a file in Debian's chromium, in a headless Chromium page,
at its own URL on a fake origin (``ORIGIN``) with the Content-Security-Policy it was served
with; ``/static/`` comes from the source folders (the staticfiles finders), anything else
is answered 404, and nothing leaves the machine::

    snapshots = take_snapshots(world, targets, "ar", tmp_path / "ar")
    with chromium() as browser, SnapshotBrowser(browser, snapshots, width=320) as pages:
        for name in snapshots.files:
            page = pages.show(name)  # or pages.open(name): a navigation each time, slower
            ...  # page.evaluate(...), page.screenshot(...); snapshots.where(name) names it

A test module that takes snapshots sets ``SHARED_WORLD = True`` and takes them in a
module-scoped fixture from ``module_world`` (tests/project/conftest.py), inside
``django_db_blocker.unblock()``.
"""

import json
import mimetypes
import re
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

from tests.support.authz import ALL
from tests.support.pages import PAGES, url_for

ORIGIN = "http://coalesce.test"
INDEX = "index.json"
ROLES = sorted(ALL)
# What differs from one request to the next of the same page: the CSRF token, masked
# afresh for each answer.
VARYING = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
DOCUMENT = re.compile(rb"\s*<!doctype html>", re.IGNORECASE)
# Downloads (PDFs take a while to make) are not asked for: to a role that may have them
# they are not HTML, and to one that may not they are the error page every other refused
# GET gives that role.
DOWNLOADS = (".pdf", ".csv", ".ics", ".svg", ".xlsx", ".json", ".txt")


@dataclass(frozen=True)
class Shot:
    role: str
    url: str
    status: int
    also: tuple = ()  # the other (role, url) that answered the same body


@dataclass
class Snapshots:
    folder: Path
    language: str
    files: dict  # file name -> Shot
    headers: dict  # file name -> the Content-Security-Policy it was served with

    def where(self, file: str) -> str:
        shot = self.files[file]
        more = f", and {len(shot.also)} more" if shot.also else ""
        return f"{shot.url} as {shot.role} in {self.language} ({shot.status}{more}; {file})"


def take_snapshots(world, targets, language: str, folder: Path, roles=ROLES) -> Snapshots:
    """Every HTML page a GET of PAGES answers, for each role, in ``language`` (the
    request's Accept-Language), written to ``folder``: one file per distinct body."""
    folder.mkdir(parents=True, exist_ok=True)
    seen, files, headers = {}, {}, {}
    for role in roles:
        client = world.client(role)
        for name, page in PAGES.items():
            if not page.get:
                continue
            url = url_for(name, page, targets)
            if url.endswith(DOWNLOADS):
                continue
            response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
            if not is_html_page(response):
                continue
            key = VARYING.sub(rb"\1\2", response.content)
            if key in seen:
                first = seen[key]
                files[first] = replace(files[first], also=(*files[first].also, (role, url)))
                continue
            file = f"{len(files) + 1:04d}-{name.replace(':', '-')}-{role}.html"
            (folder / file).write_bytes(response.content)
            seen[key] = file
            files[file] = Shot(role=role, url=url, status=response.status_code)
            if csp := response.get("Content-Security-Policy"):
                headers[file] = csp
    index = {
        file: {**shot.__dict__, "also": list(shot.also), "csp": headers.get(file)}
        for file, shot in files.items()
    }
    (folder / INDEX).write_text(json.dumps({"language": language, "files": index}, indent=1))
    return Snapshots(folder=folder, language=language, files=files, headers=headers)


def is_html_page(response) -> bool:
    """A whole HTML document, a page or an error page (not a redirect, a download or an
    htmx fragment)."""
    html = "text/html" in response.get("Content-Type", "")
    return html and not 300 <= response.status_code < 400 and bool(DOCUMENT.match(response.content))


def load_snapshots(folder: Path) -> Snapshots:
    """The snapshots ``take_snapshots`` wrote to ``folder``."""
    saved = json.loads((folder / INDEX).read_text())
    files, headers = {}, {}
    for file, entry in saved["files"].items():
        if csp := entry.pop("csp", None):
            headers[file] = csp
        files[file] = Shot(**{**entry, "also": tuple(map(tuple, entry["also"]))})
    return Snapshots(folder=folder, language=saved["language"], files=files, headers=headers)


@contextmanager
def chromium():
    """Debian's chromium through Playwright's sync API (never a downloaded browser),
    launched as the browser tests launch it."""
    import pytest
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM, LAUNCH_ARGS

    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed: run ./dev test, which installs it.")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def static_file(path: str) -> Path | None:
    """The source file a /static/ path names (STATICFILES_DIRS and the apps' folders)."""
    from django.conf import settings
    from django.contrib.staticfiles import finders

    if not path.startswith(settings.STATIC_URL):
        return None
    found = finders.find(path[len(settings.STATIC_URL) :])
    return Path(found) if found else None


class SnapshotBrowser:
    """One browser context that opens snapshot files. ``scripts`` are files run in every
    document before its own scripts (as Playwright's init scripts, which the page's
    Content-Security-Policy does not block): a checker such as axe-core."""

    def __init__(
        self, browser, snapshots: Snapshots, width=1280, height=900, scripts=(), timeout=120_000
    ):
        self.snapshots = snapshots
        self.context = browser.new_context(viewport={"width": width, "height": height})
        # A busy two-core machine may take many seconds; wait generously.
        self.context.set_default_timeout(timeout)
        for script in scripts:
            self.context.add_init_script(path=str(script))
        self.context.route("**/*", self._serve)
        self.page = None
        self._opening = {}  # page -> (URL, snapshot file) it is navigating to
        self._static = {}  # path -> (content type, body), read once
        self._shown = {}  # page -> (policy,) of the document ``show`` writes into

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.context.close()

    def open(self, file: str, page=None):
        """``page`` (by default one page, reused from file to file) showing the snapshot
        ``file``, loaded with its stylesheets."""
        page = self._page(page)
        self._shown.pop(page, None)
        url = ORIGIN + self.snapshots.files[file].url
        self._opening[page] = (url, file)
        page.goto(url, wait_until="load")
        return page

    def show(self, file: str, page=None):
        """Like ``open``, faster: after a first navigation, the snapshot is written into
        the page's document (Playwright's ``set_content``), so the window, and what the
        init ``scripts`` defined in it, stay, and there is no navigation. The document
        keeps the URL and the Content-Security-Policy of the first file shown (a file
        served with another policy is opened, not written)."""
        page = self._page(page)
        csp = self.snapshots.headers.get(file)
        if self._shown.get(page, ()) != (csp,):
            self.open(file, page)
            self._shown[page] = (csp,)
        else:
            page.set_content((self.snapshots.folder / file).read_text(), wait_until="load")
        return page

    def _page(self, page):
        if page is None:
            if self.page is None:
                self.page = self.context.new_page()
            page = self.page
        return page

    def _serve(self, route):
        request = route.request
        opening = self._opening.get(request.frame.page) if request.is_navigation_request() else None
        if opening and request.url == opening[0]:
            return self._fulfil_snapshot(route, opening[1])
        parts = urlsplit(request.url)
        if f"{parts.scheme}://{parts.netloc}" != ORIGIN:
            return route.abort()
        if parts.path not in self._static:
            found = static_file(parts.path)
            kind = found and (mimetypes.guess_type(found.name)[0] or "application/octet-stream")
            self._static[parts.path] = found and (kind, found.read_bytes())
        if not self._static[parts.path]:
            return route.fulfill(status=404, content_type="text/plain", body="Not found")
        kind, body = self._static[parts.path]
        return route.fulfill(status=200, content_type=kind, body=body)

    def _fulfil_snapshot(self, route, file):
        headers = {"Content-Type": "text/html; charset=utf-8"}
        if csp := self.snapshots.headers.get(file):
            headers["Content-Security-Policy"] = csp
        body = (self.snapshots.folder / file).read_bytes()
        route.fulfill(status=self.snapshots.files[file].status, headers=headers, body=body)
