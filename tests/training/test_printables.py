"""Printables: run sheet, handout, assessment (blank and answer key), role-play cards.

Each renders to a PDF on A4 and Letter whose page size, footer citation, page numbers
and key text are read back with poppler (pdfinfo, pdftotext); the run sheet and the
handout are rasterised with pdftoppm. The download views are checked for who may get
what, the paper parameter and the file names.
"""

import re
import shutil
import subprocess
import unicodedata
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from coalesce.core.errors import NotFound
from coalesce.training import printables
from coalesce.training.agenda import Agenda, Break, Slot
from coalesce.training.schema import Module
from tests.support import factories as f

pytestmark = pytest.mark.skipif(
    not shutil.which("pdftotext"), reason="poppler-utils (pdftotext) is not installed"
)

SOURCE = "Test Org. *A Test Curriculum*. Testville: Test Press, 2017."

MODULE = {
    "id": "module-t",
    "title": "Building Coalitions (test module)",
    "source": SOURCE,
    "licence_note": "LICENCE-MARKER may be copied with acknowledgement.",
    "total_minutes": 60,
    "objectives": ["Know why coalitions matter."],
    "sections": [
        {
            "id": "intro",
            "number": "1",
            "title": "Introduction",
            "items": [
                {
                    "id": "welcome",
                    "number": "1.1",
                    "title": "Welcome and objectives",
                    "kind": "talking_points",
                    "minutes": 10,
                    "background": ["BACKGROUND-MARKER coalitions grow together."],
                    "talking_points": ["TALKING-MARKER introduce the module."],
                    "materials": ["Flip chart", "Markers"],
                },
                {
                    "id": "why",
                    "number": "1.2",
                    "title": "Why build a coalition?",
                    "kind": "discussion",
                    "minutes": 20,
                    "prompts": ["PROMPT-MARKER what can a coalition do that you cannot?"],
                    "expected_points": ["EXPECTED-MARKER more influence", "shared resources"],
                    "materials": ["flip chart", "Sticky notes"],
                },
            ],
        },
        {
            "id": "practice",
            "number": "2",
            "title": "Practice",
            "items": [
                {
                    "id": "map",
                    "number": "2.1",
                    "title": "Mapping allies",
                    "kind": "activity",
                    "minutes": 25,
                    "activity": {
                        "instructions": ["INSTRUCTION-MARKER list possible members."],
                        "group_size": 4,
                        "record": ["RECORD-MARKER organisation", "interest"],
                        "debrief": ["DEBRIEF-MARKER who is missing?"],
                    },
                    "materials": ["Worksheet 2.1"],
                },
                {
                    "id": "close",
                    "number": "2.2",
                    "title": "Wrap-up",
                    "kind": "wrap_up",
                    "minutes": 5,
                },
            ],
        },
    ],
    "adaptations": [
        {
            "id": "short-why",
            "kind": "less",
            "item": "why",
            "minutes": 10,
            "summary": "ADAPT-SUMMARY-MARKER take two answers only",
            "instructions": ["ADAPT-INSTRUCTION-MARKER skip the round."],
        },
        {
            "id": "role-play",
            "kind": "more",
            "item": "map",
            "minutes": 30,
            "summary": "Run the role play",
        },
    ],
    "handouts": [
        {
            "id": "charter-policies",
            "title": "HANDOUT-TITLE Charter policies",
            "introduction": ["INTRO-MARKER every coalition needs a charter."],
            "blocks": [
                {
                    "heading": "BLOCK-MARKER Governance",
                    "points": [
                        {
                            "title": "Decision-making",
                            "text": "POINT-MARKER how the coalition decides.",
                            "charter_policy": "decision_making",
                        },
                        {"title": "Leadership", "text": "Who leads and how."},
                    ],
                }
            ],
        }
    ],
    "questions": [
        {
            "id": "q1",
            "text": "QUESTION-ONE what is a coalition?",
            "options": ["WRONG-A a company", "RIGHT-B an alliance of organisations"],
            "answer": 1,
        },
        {
            "id": "q2",
            "text": "QUESTION-TWO who should be in it?",
            "options": ["RIGHT-A diverse actors", "WRONG-B only friends", "WRONG-C nobody"],
            "answer": 0,
        },
    ],
    "role_play": {
        "adaptation": "role-play",
        "setting": "SETTING-MARKER a first meeting in the capital.",
        "agenda": ["AGENDA-MARKER introductions", "shared goals"],
        "parts": [
            {
                "organisation": "PART-ONE Women Police Network",
                "actor_type": "professional_association",
                "interests": ["INTEREST-MARKER recruitment of women"],
                "concerns": ["CONCERN-MARKER retaliation"],
            },
            {
                "organisation": "PART-TWO Faith Leaders Forum",
                "actor_type": "faith_based",
                "interests": ["community safety"],
                "concerns": ["being used politically"],
            },
            {
                "organisation": "PART-THREE Campus Students",
                "actor_type": "student_group",
                "interests": ["a voice"],
                "concerns": ["exams"],
            },
        ],
    },
}

PAGE_SIZES = {"a4": (595, 842), "letter": (612, 792)}


@pytest.fixture(scope="module")
def module():
    return Module.model_validate(MODULE)


def laid_out(module, start=None, apply=("short-why",), breaks=None, available=90):
    """An agenda built by hand (independent of agenda.fit): the named adaptations applied,
    the items laid end to end with the breaks."""
    breaks = breaks or {}
    applied = tuple(a for a in module.adaptations if a.id in apply)
    slots, moment = [], start
    for section in module.sections:
        for item in section.items:
            mine = tuple(a for a in applied if a.item == item.id)
            minutes = item.minutes + sum(
                a.minutes if a.kind == "more" else -a.minutes for a in mine
            )
            end = moment + timedelta(minutes=minutes) if moment else None
            brk = breaks.get(item.id)
            slots.append(Slot(section, item, minutes, mine, moment, end, brk))
            moment = end + timedelta(minutes=brk.minutes) if (end and brk) else end
    teaching = sum(s.minutes for s in slots)
    total = teaching + sum(b.minutes for b in breaks.values())
    return Agenda(module, available, tuple(slots), applied, available - total, total)


def pdf_text(pdf: bytes, tmp_path, name="doc") -> str:
    target = tmp_path / f"{name}.pdf"
    target.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-layout", str(target), "-"], check=True, capture_output=True, text=True
    ).stdout


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def without_page_numbers(text: str) -> str:
    """The text with the footers' "page N of M" taken out: pdftotext -layout may put it
    in the middle of a citation that wraps onto a second line."""
    return flat(re.sub(r"page \d+ of \d+", " ", text))


def page_sizes(pdf: bytes, tmp_path) -> list[tuple[int, int]]:
    target = tmp_path / "sizes.pdf"
    target.write_bytes(pdf)
    out = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "999", str(target)], check=True, capture_output=True, text=True
    ).stdout
    return [
        (round(float(w)), round(float(h)))
        for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", out)
    ]


def assert_printout(pdf: bytes, paper: str, tmp_path) -> str:
    assert pdf.startswith(b"%PDF-")
    assert pdf.rstrip().endswith(b"%%EOF")
    sizes = page_sizes(pdf, tmp_path)
    assert sizes, "no pages"
    assert set(sizes) == {PAGE_SIZES[paper]}
    text = pdf_text(pdf, tmp_path)
    pages = text.split("\f")
    pages = [p for p in pages if p.strip()]
    assert len(pages) == len(sizes)
    for number, page in enumerate(pages, 1):
        # every page carries the citation and its page number in the footer
        assert SOURCE in without_page_numbers(page)
        assert f"page {number} of {len(pages)}" in page
    return flat(text)


def rasterise(pdf: bytes, tmp_path, name: str) -> Path:
    source = tmp_path / f"{name}.pdf"
    source.write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "30", "-f", "1", "-l", "1", str(source), str(tmp_path / name)],
        check=True,
    )
    [png] = tmp_path.glob(f"{name}*.png")
    assert png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert png.stat().st_size > 1000  # not an empty page
    return png


# --- the printables ------------------------------------------------------------------


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_run_sheet(module, paper, tmp_path):
    start = datetime(2026, 3, 4, 9, 0, tzinfo=UTC)
    agenda = laid_out(module, start, breaks={"why": Break("why", 15, "Tea break")})
    overrides = {"map": {"note": "LOCAL-NOTE-MARKER use the local map", "video": "VIDEO-MARKER"}}
    pdf = printables.run_sheet(agenda, paper, overrides=overrides, title="Nairobi workshop")
    text = assert_printout(pdf, paper, tmp_path)
    for expected in [
        "Building Coalitions (test module)",
        "Nairobi workshop",
        "Wednesday 4 March 2026, starting 09:00",
        # clock times, numbers, titles, kinds, minutes (the discussion shortened to 10)
        "09:00–09:10 1.1 Welcome and objectives Talking points 10",
        "09:10–09:20 1.2 Why build a coalition?",
        "09:20–09:35 Tea break Break 15",
        "09:35–10:00 2.1 Mapping allies",
        "Activity 25",
        "10:00–10:05 2.2 Wrap-up Wrap-up 5",
        "ADAPT-SUMMARY-MARKER",
        "ADAPT-INSTRUCTION-MARKER",
        "LOCAL-NOTE-MARKER",
        "VIDEO-MARKER",
        "BACKGROUND-MARKER",
        "TALKING-MARKER",
        "PROMPT-MARKER",
        "☐ EXPECTED-MARKER more influence",
        "INSTRUCTION-MARKER",
        "groups of 4",
        "RECORD-MARKER",
        "DEBRIEF-MARKER",
        "☐ Worksheet 2.1",
    ]:
        assert expected in text, expected
    # materials de-duplicated (Flip chart / flip chart), each with a box
    materials = text[text.index("Materials checklist") : text.index("Item by item")]
    assert materials.count("☐") == 4
    assert materials.lower().count("flip chart") == 1
    # spare minutes: 90 available − (10+10+25+5 teaching + 15 break) = 25
    assert "Spare minutes (not planned) 25" in text
    rasterise(pdf, tmp_path, "run-sheet")


def test_run_sheet_without_a_start_counts_from_zero(module, tmp_path):
    text = flat(pdf_text(printables.run_sheet(laid_out(module, apply=()), "a4"), tmp_path))
    assert "Date and start time not set" in text
    assert "0:00–0:10 1.1 Welcome" in text
    assert "0:30–0:55 2.1 Mapping allies" in text
    assert "None: the module runs as written." in text


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_handout(module, paper, tmp_path):
    pdf = printables.handout(module, "charter-policies", paper)
    text = assert_printout(pdf, paper, tmp_path)
    for expected in [
        "HANDOUT-TITLE Charter policies",
        "INTRO-MARKER",
        "BLOCK-MARKER Governance",
        "Decision-making",
        "POINT-MARKER",
        "Leadership",
        "LICENCE-MARKER",
    ]:
        assert expected in text, expected
    assert "decision-making processes" in text.lower()  # the charter policy's label
    rasterise(pdf, tmp_path, "handout")


def test_unknown_handout_is_not_found(module):
    with pytest.raises(NotFound):
        printables.handout(module, "nope", "a4")


def option_lines(text: str) -> dict[str, str]:
    return {
        marker: next(line for line in text.splitlines() if marker in line)
        for marker in ["WRONG-A", "RIGHT-B", "RIGHT-A", "WRONG-B", "WRONG-C"]
    }


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_assessment_blank_and_answer_key(module, paper, tmp_path):
    blank = printables.assessment(module, paper)
    key = printables.assessment(module, paper, answer_key=True)
    blank_text = assert_printout(blank, paper, tmp_path)
    key_text = assert_printout(key, paper, tmp_path)
    for text in (blank_text, key_text):
        assert "QUESTION-ONE" in text and "QUESTION-TWO" in text
        assert "a) WRONG-A a company" in text and "b) RIGHT-B an alliance" in text
        assert "c) WRONG-C nobody" in text
    blank_lines = option_lines(pdf_text(blank, tmp_path))
    key_lines = option_lines(pdf_text(key, tmp_path))
    for line in blank_lines.values():
        assert "☐" in line and "☑" not in line and "correct" not in line, line
    for marker, line in key_lines.items():
        if marker.startswith("RIGHT"):
            assert "☑" in line and "✓ correct" in line, line
        else:
            assert "☐" in line and "☑" not in line and "correct" not in line, line
    assert "Name" in blank_text and "answer key" not in blank_text.lower()
    assert "Assessment: answer key" in key_text


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_role_play_cards_two_to_a_page(module, paper, tmp_path):
    pdf = printables.role_play_cards(module, paper)
    assert_printout(pdf, paper, tmp_path)
    pages = [p for p in pdf_text(pdf, tmp_path).split("\f") if p.strip()]
    assert len(pages) == 2  # three cards: two on the first page, one on the second
    first, second = flat(pages[0]), flat(pages[1])
    assert "PART-ONE" in first and "PART-TWO" in first and "PART-THREE" in second
    assert "Professional association" in first and "Faith-based organisation" in first
    for marker in ["INTEREST-MARKER", "CONCERN-MARKER"]:
        assert marker in first
    # every card carries the setting and the first meeting's agenda
    assert first.count("SETTING-MARKER") == 2 and second.count("SETTING-MARKER") == 1
    assert first.count("AGENDA-MARKER") == 2 and second.count("AGENDA-MARKER") == 1


def test_unknown_paper_is_refused(module):
    with pytest.raises(printables.PaperError, match="paper=a4 or paper=letter"):
        printables.handout(module, "charter-policies", "a3")


def test_nothing_is_fetched_from_outside_the_package():
    fetch = printables._url_fetcher()
    for url in [
        "https://example.org/logo.png",
        "http://127.0.0.1:8000/static/x.css",
        "file:///etc/passwd",
        f"file://{printables.PRINT_DIR}/../../../../settings.py",
        "data:text/css,body{}",
    ]:
        with pytest.raises(ValueError):
            fetch(url)
    assert b"@page" in fetch(printables.STYLESHEET.as_uri()).read()


def test_a_remote_reference_in_content_is_not_fetched(module, tmp_path, monkeypatch):
    fetched = []
    real = printables._url_fetcher

    def spy():
        fetcher = real()
        original = fetcher.fetch

        def fetch(url, headers=None):
            fetched.append(url)
            return original(url, headers)

        fetcher.fetch = fetch
        return fetcher

    monkeypatch.setattr(printables, "_url_fetcher", spy)
    questions = [{**MODULE["questions"][0], "text": '<img src="https://example.org/x.png"> Q'}]
    hostile = Module.model_validate({**MODULE, "questions": questions})
    text = flat(pdf_text(printables.assessment(hostile, "a4"), tmp_path))
    assert '<img src="https://example.org/x.png"> Q' in text  # escaped, shown as text
    assert not any("example.org" in url for url in fetched)


# --- the download views --------------------------------------------------------------


@pytest.fixture
def catalogue(module, monkeypatch):
    from coalesce.training.web import printouts as print_views

    def get_module(module_id, language=""):
        if module_id != module.id:
            raise NotFound()
        return module

    monkeypatch.setattr(print_views, "get_module", get_module)
    return module


def test_url_names():
    assert (
        reverse("training:print_handout", args=["module-12", "best-practices-handout"])
        == "/training/modules/module-12/handout/best-practices-handout.pdf"
    )
    assert reverse("training:print_assessment", args=["m"]) == "/training/modules/m/assessment.pdf"
    assert reverse("training:print_answer_key", args=["m"]) == "/training/modules/m/answer-key.pdf"
    assert reverse("training:print_role_play", args=["m"]) == "/training/modules/m/role-play.pdf"
    assert reverse("training:print_run_sheet", args=[7]) == "/training/plans/7/run-sheet.pdf"


def signed_in(user=None) -> Client:
    client = Client()
    client.force_login(user or f.make_user())
    return client


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "filename"),
    [
        (
            "/training/modules/module-t/handout/charter-policies.pdf",
            "module-t-handout-charter-policies",
        ),
        ("/training/modules/module-t/assessment.pdf", "module-t-assessment"),
        ("/training/modules/module-t/answer-key.pdf", "module-t-answer-key"),
        ("/training/modules/module-t/role-play.pdf", "module-t-role-play-cards"),
    ],
)
def test_module_downloads(catalogue, url, filename, tmp_path):
    client = signed_in()
    response = client.get(url, {"paper": "letter"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{filename}-letter.pdf"'
    assert page_sizes(response.content, tmp_path)[0] == PAGE_SIZES["letter"]
    default = client.get(url)
    assert default.status_code == 200 and "-a4.pdf" in default["Content-Disposition"]

    bad = client.get(url, {"paper": "a3"})
    assert bad.status_code == 400
    assert "paper=a4 or paper=letter" in bad.content.decode()

    anonymous = Client().get(url)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/training/modules/no-such-module/assessment.pdf",
        "/training/modules/module-t/handout/no-such-handout.pdf",
    ],
)
def test_unknown_module_or_handout_is_404(catalogue, url):
    assert signed_in().get(url).status_code == 404


@pytest.mark.django_db
def test_run_sheet_download_is_for_the_plans_owner_only(catalogue, module, monkeypatch, tmp_path):
    from coalesce.training.models import Plan
    from coalesce.training.web import printouts as print_views

    monkeypatch.setattr(
        print_views,
        "plan_agenda",
        lambda plan: laid_out(module, plan.start, available=plan.available_minutes),
    )
    owner, other = f.make_user(), f.make_user()
    plan = Plan.objects.create(
        owner=owner,
        module_id=module.id,
        title="Kampala session",
        available_minutes=90,
        start=datetime(2026, 5, 6, 13, 30, tzinfo=UTC),
        overrides={"welcome": {"note": "OWNER-NOTE-MARKER"}},
    )
    url = f"/training/plans/{plan.pk}/run-sheet.pdf"
    response = signed_in(owner).get(url, {"paper": "a4"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="plan-{plan.pk}-module-t-run-sheet-2026-05-06-a4.pdf"'
    )
    text = flat(pdf_text(response.content, tmp_path))
    assert "Kampala session" in text and "OWNER-NOTE-MARKER" in text and "13:30" in text

    assert signed_in(owner).get(url, {"paper": "A5"}).status_code == 400
    assert signed_in(other).get(url).status_code == 404
    assert (
        signed_in(owner).get(f"/training/plans/{plan.pk + 1000}/run-sheet.pdf").status_code == 404
    )
    anonymous = Client().get(url)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]


# --- with the shipped Module 12, once it is there -------------------------------------

MODULE_12 = Path(printables.__file__).parent / "modules" / "module-12.yaml"


@pytest.mark.skipif(not MODULE_12.exists(), reason="module-12.yaml is not written yet")
def test_module_12_printables_render(tmp_path):
    from coalesce.training.catalogue import load_module

    module = load_module(MODULE_12)
    for pdf in [
        *(printables.handout(module, h.id, "a4") for h in module.handouts),
        *([printables.assessment(module, "letter", answer_key=True)] if module.questions else []),
        *([printables.role_play_cards(module, "a4")] if module.role_play else []),
    ]:
        pages = [p for p in pdf_text(pdf, tmp_path).split("\f") if p.strip()]
        for number, page in enumerate(pages, 1):
            assert flat(module.source) in without_page_numbers(page)
            assert f"page {number} of {len(pages)}" in page


@pytest.mark.skipif(not MODULE_12.exists(), reason="module-12.yaml is not written yet")
@pytest.mark.django_db
def test_module_12_run_sheet_download_end_to_end(tmp_path):
    """The real chain: the plan, the planner's fit, the run sheet, over HTTP."""
    from coalesce.training.catalogue import load_module
    from coalesce.training.models import Plan

    module = load_module(MODULE_12)
    owner = f.make_user()
    first = module.items()[0]
    plan = Plan.objects.create(
        owner=owner,
        module_id=module.id,
        title="Ninety minutes",
        available_minutes=90,
        start=datetime(2026, 6, 1, 9, 0, tzinfo=UTC),
        breaks=[{"after_item": module.items()[2].id, "minutes": 5, "label": "Tea"}],
        overrides={first.id: {"note": "E2E-NOTE-MARKER", "video": "https://example.org/v"}},
    )
    response = signed_in(owner).get(f"/training/plans/{plan.pk}/run-sheet.pdf?paper=letter")
    assert response.status_code == 200
    assert page_sizes(response.content, tmp_path)[0] == PAGE_SIZES["letter"]
    text = flat(pdf_text(response.content, tmp_path))
    assert "E2E-NOTE-MARKER" in text and "https://example.org/v" in text
    assert "09:00" in text and "Tea" in text and first.title in text
    rasterise(response.content, tmp_path, "module-12-run-sheet")


@pytest.mark.parametrize(
    ("language", "expected"),
    [("fr", "Document à distribuer aux participant·es"), ("ar", "ورقة توزيع للمشاركين")],
)
def test_a_handout_prints_in_the_readers_language(module, language, expected, tmp_path):
    from django.utils import translation

    with translation.override(language):
        pdf = printables.handout(module, "charter-policies", "a4")
    text = unicodedata.normalize("NFKC", flat(pdf_text(pdf, tmp_path)))
    # pdftotext may give right-to-left text in the order it is drawn: either order is read.
    words = expected.split()
    assert expected in text or " ".join(reversed(words)) in text, text[:400]
    assert "Participant handout" not in text
