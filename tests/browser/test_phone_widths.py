"""Phone first: no page is wider than a 320 px screen, and the coalition menu folds.

Every page of ``PAGES`` that answers GET is visited in Debian's chromium at 320 px, as the
steering committee (who sees most) and as an anonymous visitor, in English; a handful of
them also in Arabic (right to left). Each must be no wider than the screen
(``document.documentElement.scrollWidth``): wide tables become stacked rows, long words
wrap, preformatted text scrolls inside itself; no table is wider than its frame (where it
would scroll sideways, as good as cut off). On every coalition page the menu marks the
section the page is in (``aria-current="page"``); on a phone it is folded behind its
summary until opened, without JavaScript, and on a wide screen it is shown as a list.

Each page is measured once loaded (its stylesheet applied: at DOMContentLoaded it may not
be yet). Nothing here depends on speed: one browser context per role and language,
generous timeouts, no timing asserted.
"""

import urllib.request

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.support.factories import PASSWORD
from tests.support.pages import PAGES, url_for
from tests.support.targets import build_targets

pytestmark = pytest.mark.browser

WIDTH = 320
# Answers that are files, not pages (a download is no page to lay out).
DOWNLOADS = (".pdf", ".csv", ".ics", ".svg", ".xlsx", ".json", ".txt", ".png")
# The Arabic pass: a handful of pages, the widest and the most used.
ARABIC = [
    "coalitions:dashboard",
    "coalitions:charter",
    "coalitions:members",
    "coalitions:member",
    "decisions:list",
    "decisions:proposal",
    "finance:ledger",
    "participation:index",
]
MEASURE = """() => ({
    width: document.documentElement.scrollWidth,
    // a table that scrolls sideways in its frame is as good as cut off on a phone
    table: Math.max(0, ...[...document.querySelectorAll('.table-wrap')]
        .map(w => w.scrollWidth - w.clientWidth)),
    document: document.doctype !== null,
    menu: !!document.querySelector('nav.coalition'),
    current: [...document.querySelectorAll('nav.coalition a[aria-current="page"]')]
        .map(a => a.textContent.trim()),
})"""


def page_urls(role, targets, names=None, besides=None):
    """(name, URL) of every page ``role`` may GET (or that answers everybody alike); only
    those of ``names`` when given, and not those the role ``besides`` may GET."""
    for name, page in PAGES.items():
        if not page.get or (role not in page.get and page.get_status is None):
            continue
        if names is not None and name not in names:
            continue
        if besides is not None and (besides in page.get or page.get_status is not None):
            continue
        url = url_for(name, page, targets)
        if not url.endswith(DOWNLOADS):
            yield name, url


def walk(browser, live_server, world, role, urls, language="en"):
    """Visit ``urls`` as ``role`` at WIDTH; {url: what MEASURE found} for each page."""
    context = browser.new_context(
        viewport={"width": WIDTH, "height": 640},
        base_url=live_server.url,
        extra_http_headers={"Accept-Language": language},
    )
    context.set_default_timeout(120_000)
    if role != "anonymous":  # signed in as the test client signs in, in any language
        session = world.client(role).cookies[settings.SESSION_COOKIE_NAME].value
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
        )
    page = context.new_page()
    found = {}
    try:
        for name, url in urls:
            try:
                response = page.goto(url, wait_until="load")  # the stylesheet applied
            except Exception as error:  # a download ("Download is starting"), no page
                if "Download" in str(error) or "ERR_ABORTED" in str(error):
                    continue
                raise
            kind = (response.headers.get("content-type", "") if response else "").lower()
            if "text/html" not in kind:
                continue
            measured = page.evaluate(MEASURE)
            if measured.pop("document"):  # not an htmx fragment (its page holds it)
                found[url] = {"name": name, **measured}
    finally:
        context.close()
    return found


def too_wide(found, language):
    return [
        f"{info['width']:>5} px  {url} ({info['name']}, {language})"
        + (f", a table {info['table']} px wider than its frame" if info["table"] > 1 else "")
        for url, info in sorted(found.items(), key=lambda item: -item[1]["width"])
        if info["width"] > WIDTH or info["table"] > 1
    ]


@pytest.fixture
def targets(world):
    return build_targets(world)


@pytest.fixture
def server(live_server):
    # The server's first answer builds its URLs and API document: wait for it here.
    urllib.request.urlopen(live_server.url + "/accounts/login/", timeout=600).read()
    return live_server


def test_no_page_is_wider_than_a_320px_screen(transactional_db, world, targets, browser, server):
    found = {}
    for role in ["anonymous", "steering"]:
        found[role] = walk(browser, server, world, role, list(page_urls(role, targets)))
    # and what only the member sees: the training plan in `targets` is hers (the live
    # session's control room, the printed handouts)
    urls = list(page_urls("member", targets, besides="steering"))
    found["member"] = walk(browser, server, world, "member", urls)
    assert len(found["steering"]) > 80, "the walk saw too few pages to mean anything"

    wide = [line for pages in found.values() for line in too_wide(pages, "en")]
    assert not wide, f"{len(wide)} pages too wide for {WIDTH} px:\n" + "\n".join(wide)

    # The coalition menu marks the section of every page it stands on, once (a visitor's
    # menu may hold no link to the section: a public statement, the page to join).
    def marked_well(role, info):
        marks = len(info["current"])
        return marks == 1 or marks == 0 and (role == "anonymous" or not info["menu"])

    unmarked = [
        f"{url} ({info['name']}, {role}): {info['current'] or 'nothing'}"
        for role, pages in found.items()
        for url, info in pages.items()
        if not marked_well(role, info)
    ]
    assert not unmarked, "the menu marks no section, or several:\n" + "\n".join(unmarked)


def test_no_page_is_wider_than_a_320px_screen_in_arabic(
    transactional_db, world, targets, browser, server
):
    urls = list(page_urls("steering", targets, ARABIC))
    found = walk(browser, server, world, "steering", urls, "ar")
    assert len(found) == len(ARABIC)
    wide = too_wide(found, "ar")
    assert not wide, f"{len(wide)} pages too wide for {WIDTH} px:\n" + "\n".join(wide)


def test_the_menu_folds_on_a_phone_without_javascript_and_stands_open_on_a_wide_screen(
    transactional_db, world, browser, server
):
    members = f"/c/{world.coalition.slug}/members/"
    for width, folded in [(WIDTH, True), (1280, False)]:
        context = browser.new_context(
            viewport={"width": width, "height": 800},
            base_url=server.url,
            java_script_enabled=False,
        )
        context.set_default_timeout(120_000)
        page = context.new_page()
        sign_in(page, "steering@example.org", PASSWORD)
        page.goto(f"/c/{world.coalition.slug}/members/{world.memberships['member'].id}/")
        menu = page.locator("nav.coalition")
        link = menu.get_by_role("link", name="Members", exact=True)
        summary = menu.locator("summary")
        if folded:
            expect(summary).to_be_visible()
            expect(summary).to_contain_text(world.coalition.name)
            expect(summary).to_contain_text("Members")  # the section the page is in
            expect(link).to_be_hidden()
            summary.click()
            expect(link).to_be_visible()
        else:
            expect(summary).to_be_hidden()
            expect(link).to_be_visible()
        # A member's page is in the Members section: its link is marked, and looks it.
        expect(link).to_have_attribute("aria-current", "page")
        assert link.evaluate("a => getComputedStyle(a).fontWeight") == "700"
        link.click()
        expect(page).to_have_url(server.url + members)
        context.close()


def test_a_wide_table_is_stacked_rows_on_a_phone_each_cell_under_its_column_name(
    transactional_db, world, server, new_page
):
    page = new_page(width=WIDTH)
    sign_in(page, "steering@example.org", PASSWORD)
    page.goto(f"/c/{world.coalition.slug}/members/")
    table = page.locator("main table.stacked")
    expect(table.locator("thead")).to_be_attached()  # kept for screen readers
    assert table.evaluate("t => getComputedStyle(t.tHead).clipPath") == "inset(50%)"
    cell = table.locator("td[data-label='Country']").first
    label = cell.evaluate("td => getComputedStyle(td, '::before').content")
    assert "Country" in label
    # On a wide screen it is a table again, under its header.
    page.set_viewport_size({"width": 1280, "height": 800})
    expect(table.locator("thead")).to_be_visible()
    assert cell.evaluate("td => getComputedStyle(td).display") == "table-cell"
