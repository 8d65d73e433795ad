"""JSON operations for health checks, mounted under /coalitions (paths /{slug}/health/...).

The same selectors as the pages: a withheld number (fewer than ``MIN_ANSWERS`` answers,
or a breakdown with a group that small) is null with ``withheld: true``. Answering
returns nothing that could identify the answer."""

from typing import Annotated

from ninja import Field, Schema, Status

from coalesce.accounts.api_auth import operations
from coalesce.coalitions.access import api_actor
from coalesce.core.api import Body, Id, PathId, Slug, Text, text_keys
from coalesce.health import selectors, services
from coalesce.health.items import ITEMS, THEME_LABELS
from coalesce.health.limits import MAX_ITEM_KEY, MAX_SCORE, MAX_TITLE, MIN_ANSWERS, MIN_SCORE

ops = operations("health")
router = ops.router

Scores = Annotated[
    dict[Text(MAX_ITEM_KEY), Annotated[int, Field(ge=MIN_SCORE, le=MAX_SCORE)]],
    Field(
        max_length=len(ITEMS) + 10,
        description="Every item's key → 1 (strongly disagree) … 5 (strongly agree).",
        json_schema_extra=text_keys,
    ),
]


class HealthItemOut(Schema):
    key: str
    theme: str
    text: str
    reverse: bool = Field(description="Counted as 6 − the answer.")
    source: str = Field(description="The category of a public framework it is written towards.")
    licence: str


class HealthWaveOut(Schema):
    id: int
    title: str
    opened_on: str
    closes_on: str
    closed_on: str | None
    open: bool
    answered: int = Field(description="People who answered.")
    invited: int = Field(description="People of active members with an account, now.")
    answered_by_me: bool


class HealthScoreOut(Schema):
    value: str | None = Field(description="Two decimal places; null when withheld.")
    answers: int | None = Field(description="null when withheld.")
    withheld: bool


class HealthThemeOut(Schema):
    theme: str
    label: str
    score: HealthScoreOut
    change: HealthScoreOut = Field(description="Since the last wave.")
    groups: dict[str, HealthScoreOut] = Field(
        description="steering, others, small, large, unstated"
    )
    gaps: dict[str, HealthScoreOut] = Field(
        description="role: steering − others; size: small − large"
    )
    concern: bool
    conflict_id: int | None
    task_id: int | None


class HealthWaveDetailOut(HealthWaveOut):
    charter_agreed: int
    charter_total: int
    min_answers: int
    results: list[HealthThemeOut] | None = Field(description="null while the wave is open.")


class HealthTrendOut(Schema):
    waves: list[HealthWaveOut]
    themes: dict[str, list[HealthScoreOut]] = Field(
        description="Theme → a score per wave, in order."
    )


class HealthWaveIn(Body):
    title: Text(MAX_TITLE)
    closes_on: Text(10) = Field(description="YYYY-MM-DD, after today.")


class HealthAnswerIn(Body):
    scores: Scores
    size: Text(10) = Field(description="small (up to 10 staff), large or unstated.")


class HealthAnsweredOut(Schema):
    answered: bool


class HealthConcernIn(Body):
    theme: Text(MAX_ITEM_KEY)
    kind: Text(10) = Field(description="conflict or task")
    committee_id: Id | None = Field(None, description="The task's committee (kind task).")


class HealthConcernOut(Schema):
    theme: str
    conflict_id: int | None
    task_id: int | None


def score_out(score) -> dict:
    value = score.value
    return {
        "value": None if value is None else str(value),
        # a withheld group's size is itself a number over fewer than MIN_ANSWERS
        "answers": None if score.withheld else score.answers,
        "withheld": score.withheld,
    }


def wave_out(wave) -> dict:
    return {
        "id": wave.pk,
        "title": wave.title,
        "opened_on": wave.opened_on.isoformat(),
        "closes_on": wave.closes_on.isoformat(),
        "closed_on": wave.closed_on.isoformat() if wave.closed_on else None,
        "open": wave.is_open,
        "answered": wave.answered,
        "invited": wave.invited,
        "answered_by_me": wave.mine,
    }


def theme_out(result) -> dict:
    acted = getattr(result, "acted", None)
    return {
        "theme": result.theme,
        "label": str(THEME_LABELS[result.theme]),
        "score": score_out(result.score),
        "change": score_out(result.change),
        "groups": {key: score_out(value) for key, value in result.groups.items()},
        "gaps": {key: score_out(value) for key, value in result.gaps.items()},
        "concern": result.concern,
        "conflict_id": acted.conflict_id if acted else None,
        "task_id": acted.task_id if acted else None,
    }


@ops.get(
    "/{slug}/health/items",
    list[HealthItemOut],
    description="Policy action `health.view`: the fixed catalogue of statements.",
)
def list_health_items(request, slug: Slug):
    api_actor(request, slug, action="health.view")
    return [
        {
            "key": item.key,
            "theme": item.theme,
            "text": str(item.text),
            "reverse": item.reverse,
            "source": item.source,
            "licence": str(item.licence),
        }
        for item in ITEMS
    ]


@ops.get(
    "/{slug}/health/waves",
    list[HealthWaveOut],
    description="Policy action `health.view`: the waves, newest first, with participation.",
)
def list_health_waves(request, slug: Slug):
    actor = api_actor(request, slug, action="health.view")
    return [wave_out(wave) for wave in selectors.waves(actor)]


@ops.post(
    "/{slug}/health/waves",
    HealthWaveOut,
    status=201,
    description="Policy action `health.manage` (steering committee, admins): open a wave "
    "from today to `closes_on`; 409 while another is open, 400 for a date not after today.",
)
def open_health_wave(request, slug: Slug, payload: HealthWaveIn):
    actor = api_actor(request, slug)
    wave = services.open_wave(actor, **payload.dict())
    return Status(201, wave_out(selectors.wave(actor, wave.pk)))


@ops.get(
    "/{slug}/health/trend",
    HealthTrendOut,
    description="Policy action `health.view`: every closed wave's score per theme, oldest "
    f"first (null, `withheld`, under {MIN_ANSWERS} answers).",
)
def get_health_trend(request, slug: Slug):
    actor = api_actor(request, slug, action="health.view")
    trend = selectors.trend(actor)
    themes = dict(zip(selectors.THEME_KEYS, trend.rows, strict=True))
    return {
        "waves": [wave_out(wave) for wave in trend.waves],
        "themes": {key: [score_out(s) for s in scores] for key, (_l, scores) in themes.items()},
    }


@ops.get(
    "/{slug}/health/waves/{wave_id}",
    HealthWaveDetailOut,
    description="Policy action `health.view`: a wave's participation and charter "
    "completeness; once closed, each theme's score, change, groups and gaps (null with "
    f"`withheld` under {MIN_ANSWERS} answers, or when a group of the breakdown is that small).",
)
def get_health_wave(request, slug: Slug, wave_id: PathId):
    actor = api_actor(request, slug, action="health.view")
    view = selectors.wave_view(actor, wave_id)
    return {
        **wave_out(view.wave),
        "charter_agreed": view.wave.charter_agreed,
        "charter_total": view.wave.charter_total,
        "min_answers": MIN_ANSWERS,
        "results": None if view.wave.is_open else [theme_out(r) for r in view.results],
    }


@ops.post(
    "/{slug}/health/waves/{wave_id}/close",
    HealthWaveOut,
    description="Policy action `health.manage`: close an open wave today; 409 if closed.",
)
def close_health_wave(request, slug: Slug, wave_id: PathId):
    actor = api_actor(request, slug)
    wave = services.close_wave(actor, wave_id)
    return wave_out(selectors.wave(actor, wave.pk))


@ops.post(
    "/{slug}/health/waves/{wave_id}/answers",
    HealthAnsweredOut,
    status=201,
    description="Policy action `health.answer` (a person of an active member): answer an "
    "open wave once, every item 1–5. 409 twice or after it closed, 400 naming the item "
    "missing or out of range. Stored without the person; the answer is not returned.",
)
def answer_health_wave(request, slug: Slug, wave_id: PathId, payload: HealthAnswerIn):
    actor = api_actor(request, slug)
    services.answer(actor, wave_id, **payload.dict())
    return Status(201, {"answered": True})


@ops.post(
    "/{slug}/health/waves/{wave_id}/concerns",
    HealthConcernOut,
    status=201,
    description="Policy action `health.manage`: turn a theme of concern of a closed wave "
    "into a conflict-register item (`kind` conflict) or a task of `committee_id` (task); "
    "409 for a theme not of concern or already acted on that way.",
)
def open_health_concern(request, slug: Slug, wave_id: PathId, payload: HealthConcernIn):
    actor = api_actor(request, slug)
    data = payload.dict()
    concern = services.open_concern(
        actor, wave_id, theme=data["theme"], kind=data["kind"], committee=data["committee_id"]
    )
    return Status(
        201,
        {"theme": concern.theme, "conflict_id": concern.conflict_id, "task_id": concern.task_id},
    )
