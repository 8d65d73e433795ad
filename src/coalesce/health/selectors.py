"""Reads of health checks, for the pages and the API alike.

Results are computed from tallies summed in SQL (one query for a wave and the one
before it, one for the whole trend), so a wave with many answers costs the same as a
wave with one. A wave's numbers are shown only once it has closed: while it is open,
each new answer would change them, and the difference would give the answer away.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, Func, IntegerField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from coalesce.coalitions.models import (
    CharterPolicy,
    Committee,
    MembershipStatus,
    Person,
    PolicyStatus,
)
from coalesce.core import charts
from coalesce.core.errors import NotFound
from coalesce.core.validation import clean_id
from coalesce.health import mix, rules
from coalesce.health.items import REVERSED, THEME_LABELS, THEME_OF, THEMES
from coalesce.health.limits import MAX_WAVES, MIN_ANSWERS
from coalesce.health.models import Answer, Concern, Participation, Wave

THEME_KEYS = tuple(theme.key for theme in THEMES)
LEGEND_CHARACTERS = 14  # a series' name in a chart's legend has 120 pixels
TREND_CHART_WAVES = (
    3  # the chart shows the last three closed waves (its legend fits); the table all
)


def withheld_text() -> str:
    return _("fewer than %(n)d answers") % {"n": MIN_ANSWERS}


def _count(rows):
    """A subquery counting ``rows`` (filtered on an OuterRef): SELECT COUNT(DISTINCT id)."""
    counted = rows.order_by().annotate(
        n=Func(F("pk"), function="COUNT", template="%(function)s(DISTINCT %(expressions)s)")
    )
    return Coalesce(Subquery(counted.values("n")[:1], output_field=IntegerField()), 0)


def _waves(actor):
    active = Q(own_membership__status=MembershipStatus.ACTIVE) | Q(
        organisation__membership__status=MembershipStatus.ACTIVE
    )
    people = Person.objects.filter(coalition=OuterRef("coalition"), user__isnull=False)
    policies = CharterPolicy.objects.filter(coalition=OuterRef("coalition"))
    earlier = Wave.objects.filter(
        coalition=OuterRef("coalition"), opened_on__lte=OuterRef("opened_on")
    )
    return Wave.objects.filter(coalition=actor.coalition).annotate(
        answered=_count(Participation.objects.filter(wave=OuterRef("pk"))),
        invited=_count(people.filter(active)),
        charter_total=_count(policies),
        charter_agreed=_count(policies.filter(status=PolicyStatus.AGREED)),
        mine=Exists(
            Participation.objects.filter(wave=OuterRef("pk"), person_id__in=actor.person_ids)
        ),
        previous_id=Subquery(
            earlier.filter(pk__lt=OuterRef("pk")).order_by("-opened_on", "-pk").values("pk")[:1]
        ),
    )


def waves(actor) -> list[Wave]:
    """The coalition's waves, newest first, each with ``answered`` (how many people),
    ``invited`` (people of active members with an account, now) and ``mine`` (whether
    the actor's person answered it)."""
    return list(_waves(actor)[:MAX_WAVES])


def wave(actor, wave_id) -> Wave:
    found = _waves(actor).filter(pk=clean_id(wave_id, "wave_id")).first()
    if found is None:
        raise NotFound()
    return found


def cells(wave_ids) -> dict[int, list[rules.Cell]]:
    """Each wave's tallies (item × group): the released answers summed in SQL (one
    query), with any still sealed in the wave's pool (``health.mix``) added."""
    wave_ids = list(wave_ids)
    tallies: dict[tuple, list[int]] = {}
    rows = (
        Answer.objects.filter(response__wave_id__in=wave_ids)
        .values("response__wave_id", "response__is_steering", "response__size", "item")
        .annotate(total=Sum("score"), count=Count("pk"))
        .order_by()
    )
    for row in rows:
        key = (
            row["response__wave_id"],
            row["response__is_steering"],
            row["response__size"],
            row["item"],
        )
        tallies[key] = [row["total"], row["count"]]
    for _pk, wave_id, answer in mix.pool(wave_ids):
        for item, score in answer["scores"].items():
            tally = tallies.setdefault((wave_id, answer["steering"], answer["size"], item), [0, 0])
            tally[0] += score
            tally[1] += 1
    found: dict[int, list[rules.Cell]] = {pk: [] for pk in wave_ids}
    for (wave_id, is_steering, size, item), (total, count) in tallies.items():
        found[wave_id].append(rules.Cell(is_steering, size, item, total, count))
    return found


def summary(tallies, previous=None) -> list[rules.ThemeResult]:
    return rules.summarise(tallies, THEME_KEYS, THEME_OF, REVERSED, previous)


def theme_result(found: Wave, theme: str) -> rules.ThemeResult | None:
    """The result of ``theme`` in a closed wave (None while it is open)."""
    if found.is_open:
        return None
    previous = (
        Wave.objects.filter(coalition_id=found.coalition_id, opened_on__lte=found.opened_on)
        .filter(pk__lt=found.pk)
        .order_by("-opened_on", "-pk")
        .values_list("pk", flat=True)
        .first()
    )
    tallies = cells([found.pk] + ([previous] if previous else []))
    results = summary(tallies[found.pk], tallies.get(previous) if previous else None)
    return next(result for result in results if result.theme == theme)


@dataclass
class WaveView:
    wave: Wave
    results: list = field(default_factory=list)  # ThemeResult, when closed
    concerns: dict = field(default_factory=dict)  # theme → Concern
    charts: dict = field(default_factory=dict)
    committees: list = field(default_factory=list)
    breakdowns: dict = field(default_factory=dict)  # "role"/"size" → (label, a, b, gap) rows

    @property
    def closed(self) -> bool:
        return not self.wave.is_open


def wave_view(actor, wave_id, *, with_committees=False) -> WaveView:
    """A wave's page: participation always; results, charts and concerns once closed."""
    found = wave(actor, wave_id)
    view = WaveView(found)
    view.charts["participation"] = participation_chart(found)
    if found.is_open:
        return view
    previous = found.previous_id
    tallies = cells([found.pk] + ([previous] if previous else []))
    before = tallies.get(previous) if previous else None
    view.results = summary(tallies[found.pk], before)
    earlier = summary(before) if before is not None else [None] * len(view.results)
    for result, last in zip(view.results, earlier, strict=True):
        result.label = THEME_LABELS[result.theme]
        result.before = last.score if last is not None else rules.WITHHELD
    view.concerns = {
        c.theme: c for c in Concern.objects.filter(wave=found).select_related("conflict", "task")
    }
    for result in view.results:
        result.acted = view.concerns.get(result.theme)
    view.breakdowns = {
        name: [(r.label, r.groups[first], r.groups[second], r.gaps[name]) for r in view.results]
        for name, (first, second) in rules.GAPS.items()
    }
    view.charts.update(result_charts(view.results, has_previous=bool(previous)))
    if with_committees and any(result.concern for result in view.results):
        view.committees = list(Committee.objects.filter(coalition=actor.coalition).order_by("name"))
    return view


def participation_chart(found: Wave):
    not_yet = max(found.invited - found.answered, 0)
    return charts.horizontal_bars(
        [
            Share(_("Answered"), found.answered),
            Share(_("Not answered"), not_yet),
        ],
        title=_("Participation: %(answered)d of %(invited)d")
        % {"answered": found.answered, "invited": found.invited},
        chart_id=f"health-participation-{found.pk}",
    )


@dataclass(frozen=True)
class Share:
    label: str
    count: int


def _bars(results, series, values, *, title, chart_id):
    return charts.grouped_bars(
        [(result.label, values(result)) for result in results],
        series,
        title=title,
        chart_id=chart_id,
        maximum=5,
        missing=withheld_text(),
    )


def result_charts(results, *, has_previous: bool) -> dict:
    series = [_("Last wave"), _("This wave")] if has_previous else [_("This wave")]

    def scores(result):
        if not has_previous:
            return [result.score.value]
        return [result.before.value, result.score.value]

    groups = {"role": ("steering", "others"), "size": ("small", "large")}
    names = {
        # short: the legend gives each series 120 pixels
        "role": [_("Steering"), _("Others")],
        "size": [_("Small"), _("Large")],
    }
    found = {
        "scores": _bars(
            results, series, scores, title=_("Score per theme (1–5)"), chart_id="health-scores"
        )
    }
    for name, (first, second) in groups.items():
        found[name] = _bars(
            results,
            names[name],
            lambda r, a=first, b=second: [r.groups[a].value, r.groups[b].value],
            title=_("Score per theme by group (1–5)"),
            chart_id=f"health-{name}",
        )
    return found


@dataclass
class Trend:
    waves: list  # closed waves, oldest first
    rows: list  # (theme label, [Score per wave])
    chart: object = None


def trend(actor) -> Trend:
    """Every closed wave's score per theme (withheld under ``MIN_ANSWERS``): one query
    for the waves, one for their tallies. The chart names each wave by its title cut
    to fit its legend; the table by its whole title."""
    closed = [w for w in waves(actor) if not w.is_open][::-1]
    tallies = cells([w.pk for w in closed])
    per_wave = [summary(tallies[w.pk]) for w in closed]
    rows = [
        (THEME_LABELS[key], [results[index].score for results in per_wave])
        for index, key in enumerate(THEME_KEYS)
    ]
    shown = closed[-TREND_CHART_WAVES:]
    chart = None
    if shown:
        chart = charts.grouped_bars(
            [(label, [s.value for s in scores[-len(shown) :]]) for label, scores in rows],
            [Truncator(w.title).chars(LEGEND_CHARACTERS) for w in shown],
            title=_("Score per theme, wave by wave (1–5)"),
            chart_id="health-trend",
            maximum=5,
            missing=withheld_text(),
        )
    return Trend(closed, rows, chart)
