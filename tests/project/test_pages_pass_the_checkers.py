"""Every page, for every role, passes the Nu HTML Checker (no error) and axe-core (no
violation of WCAG 2.0, 2.1 and 2.2, levels A and AA) in Debian's chromium.

The pages are snapshots (tests/support/page_snapshots.py) taken once for the module in
English and in Arabic (right to left). The checkers come from the npm registry; ``./dev
test`` installs them in ``.checkers/`` (``ensure_checkers``). The HTML does not depend on
the database, so this runs on SQLite only.

The Nu HTML Checker reads every snapshot, in one run of the checker. axe-core checks
every snapshot rendered in Debian's chromium at 1280 px: it is loaded once per browser
context as an init script (the pages' Content-Security-Policy, kept, refuses the inline
script ``add_script_tag`` would add) and each snapshot is written into that page
(``SnapshotBrowser.show``), a few times faster than a navigation per page.
"""

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from django.conf import settings

from tests.support.page_snapshots import SnapshotBrowser, chromium, take_snapshots

SHARED_WORLD = True  # world and targets built once for the module: tests/project/conftest.py

pytestmark = [
    pytest.mark.skipif(
        "postgresql" in settings.DATABASES["default"]["ENGINE"],
        reason="SQLite only: the HTML does not depend on the database",
    ),
    pytest.mark.django_db,
]

LANGUAGES = ["en", "ar"]
CHECKERS = Path(__file__).resolve().parents[2] / ".checkers" / "node_modules"
VNU = CHECKERS / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE = CHECKERS / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
MISSING = "{} is missing: run ./dev test, whose ensure_checkers installs it in .checkers/"


def checker(path: Path) -> Path:
    if not path.exists():
        pytest.fail(MISSING.format(path.relative_to(CHECKERS.parent.parent)))
    return path


@pytest.fixture(scope="module")
def snapshots(module_world, django_db_blocker, tmp_path_factory):
    """{language: Snapshots}, all under one folder."""
    world, targets = module_world
    root = tmp_path_factory.mktemp("snapshots")
    with django_db_blocker.unblock():
        return {
            language: take_snapshots(world, targets, language, root / language)
            for language in LANGUAGES
        }


def test_snapshots_hold_every_kind_of_page(snapshots):
    for shots in snapshots.values():
        statuses = {shot.status for shot in shots.files.values()}
        roles = {shot.role for shot in shots.files.values()}
        assert {200, 403, 404} <= statuses
        assert len(roles) == 8
        assert len(shots.files) > 200
    arabic = next(iter(snapshots["ar"].files))
    assert b'<html lang="ar" dir="rtl">' in (snapshots["ar"].folder / arabic).read_bytes()


# --- the Nu HTML Checker -------------------------------------------------------------


def test_every_page_passes_the_nu_html_checker(snapshots):
    vnu = checker(VNU)
    java = shutil.which("java")
    if java is None:
        pytest.fail("java is missing: run ./dev test, which installs default-jre-headless.")
    root = next(iter(snapshots.values())).folder.parent
    run = subprocess.run(
        [java, "-jar", str(vnu), "--errors-only", "--skip-non-html", "--format", "json", root],
        capture_output=True,
        text=True,
        timeout=900,
    )
    try:
        messages = json.loads(run.stderr)["messages"]
    except ValueError:
        pytest.fail(f"the Nu HTML Checker did not answer in JSON ({run.returncode}):\n{run.stderr}")
    errors = [m for m in messages if m.get("type") != "info"]
    assert not errors, f"{len(errors)} Nu HTML Checker errors:\n" + "\n".join(
        nu_error(m, snapshots) for m in errors
    )
    assert run.returncode == 0, run.stderr


def nu_error(message: dict, snapshots: dict) -> str:
    path = Path(unquote(urlsplit(message.get("url", "")).path))
    shots = snapshots.get(path.parent.name)
    where = shots.where(path.name) if shots and path.name in shots.files else str(path)
    line = message.get("lastLine", "?")
    extract = " ".join(message.get("extract", "").split())
    return f"- {where}, line {line}: {message['message']}\n    {extract}"


# --- axe-core ------------------------------------------------------------------------


RUN_AXE = """options => axe.run(document, options).then(results => results.violations.map(
  v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(
    n => ({target: n.target.join(" "), summary: n.failureSummary}))})))"""


@pytest.mark.browser
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_passes_axe_core(snapshots, language):
    axe = checker(AXE)
    shots = snapshots[language]
    files = list(shots.files)
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    found = []
    with chromium() as browser, SnapshotBrowser(browser, shots, scripts=[axe]) as pages:
        for file in files:
            page = pages.show(file)
            found += [(file, v) for v in page.evaluate(RUN_AXE, options)]
    assert not found, f"{len(found)} axe-core violations ({len(files)} pages):\n" + "\n".join(
        axe_violation(file, v, shots) for file, v in found
    )


def axe_violation(file: str, violation: dict, shots) -> str:
    nodes = "\n".join(
        f"    {n['target']}: {' '.join(n['summary'].split())[:300]}" for n in violation["nodes"][:5]
    )
    more = f"\n    …and {len(violation['nodes']) - 5} more" if len(violation["nodes"]) > 5 else ""
    head = f"- {shots.where(file)}: {violation['id']} ({violation['impact']}) {violation['help']}"
    return f"{head}\n{nodes}{more}"
