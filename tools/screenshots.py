"""Take screenshots of the main pages at phone and desktop widths with Debian's chromium.

    .venv/bin/python tools/screenshots.py http://127.0.0.1:8000 docs/screenshots

Needs the demo running (``./dev demo``). Signs in as the demo's roles to reach each page.
The pages of ``LOCALISED`` are taken again in French and Arabic (``dashboard-fr-phone.png``).
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
PASSWORD = "coalesce-demo-2026"
WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}
SLUG = "safer-communities"
# (file name, role to sign in as or None, path)
PAGES = [
    ("public-page", None, f"/c/{SLUG}/"),
    ("login", None, "/accounts/login/"),
    ("dashboard", "steering", f"/c/{SLUG}/"),
    ("charter", "member", f"/c/{SLUG}/charter/"),
    ("members", "member", f"/c/{SLUG}/members/"),
    ("members-custodian", "custodian", f"/c/{SLUG}/members/"),
    ("diversity", "member", f"/c/{SLUG}/diversity/"),
    ("committees", "chair", f"/c/{SLUG}/committees/"),
    ("applications", "steering", f"/c/{SLUG}/applications/"),
    ("apply", "outsider", f"/c/{SLUG}/apply/"),
    ("audit", "custodian", f"/c/{SLUG}/audit/"),
    # decisions: ids as the demo creates them in a fresh database
    ("decisions", "member", f"/c/{SLUG}/decisions/"),
    ("decision-outcome-consensus", "member", f"/c/{SLUG}/decisions/1/"),
    ("decision-no-quorum", "member", f"/c/{SLUG}/decisions/2/"),
    ("decision-secret-ballot", "steering", f"/c/{SLUG}/decisions/5/"),
    ("decision-open-with-block", "member", f"/c/{SLUG}/decisions/6/"),
    ("decision-rules", "steering", f"/c/{SLUG}/decisions/rules/"),
    ("conflicts", "steering", f"/c/{SLUG}/decisions/conflicts/"),
    ("training-modules", "admin", "/training/modules/"),
    ("training-module-12", "admin", "/training/modules/module-12/"),
    ("training-plan-90-minutes", "admin", "/training/plans/1/"),
    ("training-plan-3-hours", "admin", "/training/plans/2/"),
    # the demo's finished live session of the 3-hour plan
    ("training-sessions", "admin", "/training/sessions/"),
    ("training-session-room-closed", "admin", "/training/sessions/1/"),
    ("training-session-results", "admin", "/training/sessions/1/results/"),
    ("training-session-into-coalition", "admin", "/training/sessions/1/coalition/"),
    ("phone-join", None, "/live/"),
    ("groundwork", "steering", f"/c/{SLUG}/groundwork/"),
    ("next-steps", "admin", f"/c/{SLUG}/next-steps/"),
    ("start-a-coalition", "outsider", "/coalitions/new/"),
    ("join", None, f"/c/{SLUG}/people/join/"),
    ("invite", "steering", f"/c/{SLUG}/people/invite/"),
    ("members-import", "steering", f"/c/{SLUG}/members/import/"),
]

# Taken in these languages too (the browser asks for them; the demo's accounts set none).
LANGUAGES = ["fr", "ar"]
LOCALISED = [
    "dashboard", "charter", "members", "decisions", "decision-open-with-block",
    "training-plan-90-minutes", "phone-join",
]  # fmt: skip

LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def sign_in(page, base, role):
    page.goto(base + "/accounts/login/")
    page.fill("input[name=email]", f"{role}@demo.coalesce.test")
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")


def take(browser, base: str, out: Path, pages, language=""):
    suffix = f"-{language}" if language else ""
    headers = {"Accept-Language": language} if language else {}
    for width_name, (width, height) in WIDTHS.items():
        contexts = {}
        for name, role, path in pages:
            if role not in contexts:
                contexts[role] = browser.new_context(
                    viewport={"width": width, "height": height}, extra_http_headers=headers
                )
                if role:
                    sign_in(contexts[role].new_page(), base, role)
            page = contexts[role].new_page()
            page.goto(base + path)
            page.screenshot(path=str(out / f"{name}{suffix}-{width_name}.png"), full_page=True)
            page.close()
        for context in contexts.values():
            context.close()


def main(base: str, out: Path):
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        take(browser, base, out, PAGES)
        for language in LANGUAGES:
            take(browser, base, out, [pg for pg in PAGES if pg[0] in LOCALISED], language)
        browser.close()


if __name__ == "__main__":
    main(
        sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000",
        Path(sys.argv[2] if len(sys.argv) > 2 else "docs/screenshots"),
    )
