"""Printables: the facilitator's run sheet, handouts, the assessment and role-play cards.

Each function renders a Django template under ``training/print/`` with WeasyPrint and
returns PDF bytes, on A4 or US Letter (``paper`` is ``"a4"`` or ``"letter"``). Every page's
footer carries the module's ``source`` citation and "page N of M".

Rendering never reaches the network or the file system outside this package: the
stylesheet is read from the package, fonts are the system's (DejaVu Sans), and the URL
fetcher refuses every URL that is not a file inside ``templates/training/print/``.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coalesce.coalitions.models import ActorType, PolicyKind
from coalesce.core.errors import DomainError, NotFound
from coalesce.training.schema import Module

PRINT_DIR = (Path(__file__).parent / "templates" / "training" / "print").resolve()
STYLESHEET = PRINT_DIR / "print.css"

# paper parameter -> CSS page size
PAPERS = {"a4": "A4", "letter": "letter"}
# half the page's content height (page height less the 38 mm of margins, less slack):
# two role-play cards fill a page and the cut line falls in the middle
CARD_HEIGHT = {"a4": "127mm", "letter": "118mm"}

KIND_LABELS = {
    "talking_points": gettext_lazy("Talking points"),
    "discussion": gettext_lazy("Discussion"),
    "activity": gettext_lazy("Activity"),
    "video": gettext_lazy("Video"),
    "wrap_up": gettext_lazy("Wrap-up"),
}


class PaperError(DomainError):
    def __init__(self, paper):
        super().__init__(
            _("Unknown paper size “%(paper)s”: use paper=a4 or paper=letter.")
            % {"paper": str(paper)[:20]},
            "paper",
        )


def page_size(paper: str) -> str:
    try:
        return PAPERS[paper]
    except (KeyError, TypeError):
        raise PaperError(paper) from None


# --- rendering -----------------------------------------------------------------------


def _url_fetcher():
    """A WeasyPrint URL fetcher that serves only files packaged with the print templates."""
    # WeasyPrint (and the native libraries it loads) is imported only when a PDF is
    # made: every process imports this module, few of them print.
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class PackagedOnly(URLFetcher):
        def fetch(self, url, headers=None):
            if not url.startswith("file://"):
                raise ValueError(f"printables fetch nothing from outside the package: {url}")
            path = Path(unquote(urlsplit(url).path)).resolve()
            if not path.is_file() or not path.is_relative_to(PRINT_DIR):
                raise ValueError(f"printables fetch nothing from outside the package: {url}")
            return URLFetcherResponse(url, path.read_bytes())

    return PackagedOnly(fail_on_errors=False)


def render_pdf(template: str, context: dict, *, paper: str, module: Module, title: str) -> bytes:
    """Render ``template`` with ``context`` (plus the module and paper) to PDF bytes."""
    from weasyprint import CSS, HTML

    size = page_size(paper)
    html = render_to_string(
        template, {**context, "module": module, "document_title": title, "paper": paper}
    )
    fetcher = _url_fetcher()
    stylesheets = [
        CSS(filename=str(STYLESHEET), url_fetcher=fetcher),
        CSS(
            string=f"@page {{ size: {size}; }} "
            f".role-play article.card {{ min-height: {CARD_HEIGHT[paper]}; }}",
            url_fetcher=fetcher,
        ),
    ]
    document = HTML(string=html, base_url=PRINT_DIR.as_uri() + "/", url_fetcher=fetcher)
    return document.write_pdf(stylesheets=stylesheets)


# --- the run sheet -------------------------------------------------------------------


@dataclass
class Video:
    title: str
    url: str = ""


@dataclass
class LocalChange:
    """What a facilitator changed locally for one item (the plan's overrides)."""

    notes: list[str] = field(default_factory=list)
    videos: list[Video] = field(default_factory=list)


def _as_list(value) -> list:
    if value is None or value == "":
        return []
    if isinstance(value, list | tuple):
        return list(value)
    return [value]


def _get(obj, name):
    if isinstance(obj, dict):
        return obj.get(name)
    return getattr(obj, name, None)


def _video(value) -> Video:
    if isinstance(value, str):
        return Video(title=value, url=value if "://" in value else "")
    title = _get(value, "title") or _get(value, "url") or ""
    return Video(title=str(title), url=str(_get(value, "url") or ""))


def local_change(slot, overrides=None) -> LocalChange:
    """The local notes and videos for a slot: from the slot itself (``note(s)``,
    ``video(s)`` or an ``override`` attribute) and from ``overrides`` (item id -> a mapping
    or object with ``note``/``notes`` and ``video``/``videos``).

    Kept in one place so it can follow the planner's override format as it settles.
    """
    sources = [slot, _get(slot, "override")]
    if overrides:
        sources.append(_get(overrides, slot.item.id))
    change = LocalChange()
    for source in sources:
        if source is None:
            continue
        for name in ("note", "notes"):
            change.notes += [str(n) for n in _as_list(_get(source, name)) if str(n).strip()]
        for name in ("video", "videos"):
            change.videos += [_video(v) for v in _as_list(_get(source, name))]
    # the same note or video given twice (slot and overrides) is shown once
    change.notes = list(dict.fromkeys(change.notes))
    change.videos = list({(v.title, v.url): v for v in change.videos}.values())
    return change


def _clock(moment: datetime | None, offset: int) -> str:
    if moment is not None:  # in the zone being shown (the plan's: see in_plan_zone)
        return timezone.localtime(moment).strftime("%H:%M")
    return f"{offset // 60}:{offset % 60:02d}"


@dataclass
class Row:
    start: str
    end: str
    slot: object = None
    break_: object = None
    change: LocalChange | None = None

    @property
    def kind(self) -> str:
        if self.slot is None:
            return str(_("Break"))
        return KIND_LABELS.get(self.slot.item.kind, self.slot.item.kind)


def _rows(agenda, overrides) -> list[Row]:
    rows = []
    offset = 0
    for slot in agenda.slots:
        start = slot.start
        end = slot.end or (start + timedelta(minutes=slot.minutes) if start else None)
        rows.append(
            Row(
                _clock(start, offset),
                _clock(end, offset + slot.minutes),
                slot=slot,
                change=local_change(slot, overrides),
            )
        )
        offset += slot.minutes
        if slot.break_after is not None:
            minutes = slot.break_after.minutes
            break_end = end + timedelta(minutes=minutes) if end else None
            rows.append(
                Row(
                    _clock(end, offset),
                    _clock(break_end, offset + minutes),
                    break_=slot.break_after,
                )
            )
            offset += minutes
    return rows


def materials(agenda) -> list[str]:
    """Every material of the items in the agenda, once each, in the order first needed."""
    seen = {}
    for slot in agenda.slots:
        for material in slot.item.materials:
            seen.setdefault(material.casefold(), material)
    return list(seen.values())


def run_sheet(agenda, paper: str, *, overrides=None, title: str = "") -> bytes:
    """The facilitator's run sheet for a fitted ``agenda`` (see ``agenda.fit``)."""
    page_size(paper)
    module = agenda.module
    starts = [slot.start for slot in agenda.slots if slot.start is not None]
    rows = _rows(agenda, overrides)
    context = {
        "agenda": agenda,
        "plan_title": title,
        "start": starts[0] if starts else None,
        "rows": rows,
        "item_rows": [row for row in rows if row.slot is not None],
        "applied": [(adaptation, _item(module, adaptation.item)) for adaptation in agenda.applied],
        "materials": materials(agenda),
        "teaching_minutes": sum(slot.minutes for slot in agenda.slots),
        "break_minutes": sum(s.break_after.minutes for s in agenda.slots if s.break_after),
    }
    return render_pdf(
        "training/print/run_sheet.html",
        context,
        paper=paper,
        module=module,
        title=_("Run sheet: %(module)s") % {"module": module.title},
    )


def _item(module: Module, item_id: str):
    return next((item for item in module.items() if item.id == item_id), None)


# --- module printables ---------------------------------------------------------------


def _policy_labels() -> dict:
    return {str(value): str(label) for value, label in PolicyKind.choices}


def _actor_label(actor_type: str) -> str:
    labels = {str(value): str(label) for value, label in ActorType.choices}
    return labels.get(actor_type) or actor_type.replace("_", " ").capitalize()


def _policy_tag(point, labels: dict) -> str:
    """The charter policy a point stands for, unless its title already says so."""
    label = labels.get(point.charter_policy, point.charter_policy.replace("_", " "))
    return "" if label.casefold() == point.title.casefold() else label


def handout(module: Module, handout_id: str, paper: str) -> bytes:
    """The participant handout ``handout_id`` of ``module``; NotFound if it has none such."""
    page_size(paper)
    found = next((h for h in module.handouts if h.id == handout_id), None)
    if found is None:
        raise NotFound("This module has no such handout.")
    labels = _policy_labels()
    return render_pdf(
        "training/print/handout.html",
        {
            "handout": found,
            "blocks": [
                {
                    "heading": block.heading,
                    "points": [
                        {"point": p, "policy": _policy_tag(p, labels)} for p in block.points
                    ],
                }
                for block in found.blocks
            ],
        },
        paper=paper,
        module=module,
        title=found.title,
    )


LETTERS = "abcdefghijklmnopqrstuvwxyz"


def assessment(module: Module, paper: str, answer_key: bool = False) -> bytes:
    """The assessment's questions with lettered options and boxes; with ``answer_key``
    the correct option of each question is ticked and marked."""
    page_size(paper)
    if not module.questions:
        raise NotFound(_("This module has no assessment."))
    questions = [
        {
            "question": question,
            "options": [
                {"letter": LETTERS[i], "text": text, "correct": i == question.answer}
                for i, text in enumerate(question.options)
            ],
        }
        for question in module.questions
    ]
    return render_pdf(
        "training/print/assessment.html",
        {"questions": questions, "answer_key": answer_key},
        paper=paper,
        module=module,
        title=_("Assessment: answer key") if answer_key else _("Assessment"),
    )


def role_play_cards(module: Module, paper: str) -> bytes:
    """One card per role-play part, with the setting and the first meeting's agenda,
    two cards to a page (cut along the dashed line)."""
    page_size(paper)
    if module.role_play is None:
        raise NotFound(_("This module has no role play."))
    parts = [
        {"part": part, "actor": _actor_label(part.actor_type)} for part in module.role_play.parts
    ]
    return render_pdf(
        "training/print/role_play.html",
        {"role_play": module.role_play, "parts": parts},
        paper=paper,
        module=module,
        title=_("Role-play cards"),
    )
