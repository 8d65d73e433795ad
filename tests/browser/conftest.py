"""Browser tests: Playwright driving Debian's chromium against Django's live server."""

import os
import shutil

import pytest

# Playwright's sync API runs an event loop in this thread; the test itself only touches
# the database between browser steps, never concurrently with it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import expect, sync_playwright

    # Assertions wait as long as actions do (see new_page): no test may depend on speed.
    expect.set_options(timeout=120_000)

    if not os.path.exists(CHROMIUM):
        pytest.fail("Debian's chromium is not installed: run ./dev test, which installs it.")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, live_server):
    contexts = []

    def make(width=390, height=844):
        context = browser.new_context(
            viewport={"width": width, "height": height}, base_url=live_server.url
        )
        # A busy two-core machine may take many seconds to answer; wait generously.
        context.set_default_timeout(120_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def sign_in(page, email, password):
    page.goto("/accounts/login/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(password)
    page.locator("main").get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def coalition_menu(page):
    """The coalition menu, unfolded first when it is folded: on a phone its links wait
    behind its summary until it is opened (templates/coalition_base.html)."""
    menu = page.get_by_role("navigation", name="Coalition")
    summary = menu.locator("details.menu-toggle > summary")
    if summary.is_visible() and not menu.locator("details.menu-toggle[open]").count():
        summary.click()
    return menu
