"""Every write of health checks: opening and closing a wave, answering it, and turning a
theme of concern into a conflict-register item or a task.

Each is keyword-only, validates, checks ``health.policy``, runs in one transaction and
leaves an audit record. An answer's audit record names the wave, never the response."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coalesce.coalitions.models import Coalition
from coalesce.coalitions.policy import Role
from coalesce.coalitions.services.audit import record_by
from coalesce.core.errors import Conflict, DomainError, NotFound
from coalesce.core.validation import clean_choice, clean_date, clean_id, clean_text
from coalesce.decisions.services.conflicts import raise_conflict
from coalesce.goals.services import create_task
from coalesce.health import mix, policy, selectors
from coalesce.health.items import ITEM_KEYS, THEME_LABELS
from coalesce.health.limits import MAX_SCORE, MAX_TITLE, MIN_SCORE
from coalesce.health.models import Concern, ConcernKind, Participation, Size, Wave


def wave_of(actor, wave_id, *, lock=False) -> Wave:
    """The wave ``wave_id`` of the actor's coalition, or 404."""
    rows = Wave.objects.filter(coalition=actor.coalition)
    if lock:
        rows = rows.select_for_update()
    found = rows.filter(pk=clean_id(wave_id, "wave_id")).first()
    if found is None:
        raise NotFound()
    return found


@transaction.atomic
def open_wave(actor, *, title, closes_on) -> Wave:
    """A new wave, open from today until ``closes_on`` (a date after today); refused
    (409) while another wave is open."""
    policy.require(actor, "health.manage")
    title = clean_text(title, "title", max_length=MAX_TITLE)
    closes_on = clean_date(closes_on, "closes_on")
    today = timezone.localdate()
    if closes_on is None:
        raise DomainError(_("Say when the health check closes."), "closes_on")
    if closes_on <= today:
        raise DomainError(_("The closing date must be after today."), "closes_on")
    # One open wave at a time, also when two are opened at once.
    Coalition.objects.select_for_update().filter(pk=actor.coalition.pk).first()
    still_open = Wave.objects.filter(
        coalition=actor.coalition, closed_on__isnull=True, closes_on__gte=today
    )
    if still_open.exists():
        raise Conflict(_("A health check is already open: close it first."), "title")
    wave = Wave.objects.create(
        coalition=actor.coalition,
        title=title,
        opened_on=today,
        closes_on=closes_on,
        opened_by=actor.user,
    )
    record_by(actor, "health.wave_open", wave, fields=("title", "closes_on"))
    return wave


@transaction.atomic
def close_wave(actor, wave_id) -> Wave:
    """Close an open wave early (today)."""
    policy.require(actor, "health.manage")
    wave = wave_of(actor, wave_id, lock=True)
    if not wave.is_open:
        raise Conflict(_("This health check is already closed."))
    wave.closed_on = timezone.localdate()
    wave.save(update_fields=["closed_on"])
    mix.release(wave, everything=True)
    record_by(actor, "health.wave_close", wave, fields=("closed_on",))
    return wave


def _scores(scores) -> dict:
    if not isinstance(scores, dict):
        raise DomainError(_("Answer every statement."), "scores")
    unknown = sorted(set(scores) - set(ITEM_KEYS))
    if unknown:
        raise DomainError(_("There is no statement %(key)s.") % {"key": unknown[0]}, "scores")
    clean = {}
    for key in ITEM_KEYS:
        value = scores.get(key)
        if value in (None, ""):
            raise DomainError(_("Answer this statement."), key)
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise DomainError(_("Choose a number from 1 to 5."), key)
        try:
            value = int(value)
        except ValueError as error:
            raise DomainError(_("Choose a number from 1 to 5."), key) from error
        if not MIN_SCORE <= value <= MAX_SCORE:
            raise DomainError(_("Choose a number from 1 to 5."), key)
        clean[key] = value
    return clean


@transaction.atomic
def answer(actor, wave_id, *, scores, size) -> None:
    """Answer an open wave once, for the actor's person. ``scores`` maps every item key
    to 1–5; ``size`` is small, large or unstated. What is stored of the answer has no
    tie to the person: see ``health.models``. Returns nothing that could name it."""
    policy.require(actor, "health.answer")
    wave = wave_of(actor, wave_id, lock=True)
    if not wave.is_open:
        raise Conflict(_("This health check is closed."))
    person_id = min(actor.person_ids)
    if Participation.objects.filter(wave=wave, person_id=person_id).exists():
        raise Conflict(_("You have already answered this health check."))
    clean = _scores(scores)
    size = clean_choice(size, Size, "size")
    try:
        with transaction.atomic():
            Participation.objects.create(wave=wave, person_id=person_id)
    except IntegrityError as error:
        raise Conflict(_("You have already answered this health check.")) from error
    mix.add(wave, is_steering=actor.has(Role.STEERING), size=size, scores=clean)
    record_by(actor, "health.answer", wave)


def _concern_text(wave, theme, result) -> tuple[str, str]:
    label = THEME_LABELS[theme]
    title = _("Health check “%(wave)s”: %(theme)s") % {"wave": wave.title, "theme": label}
    change = (
        _("no change can be shown")
        if result.change.withheld
        else _("a change of %(change)s since the last wave") % {"change": result.change.value}
    )
    description = _(
        "In the health check “%(wave)s”, the theme “%(theme)s” scored %(score)s out of 5 "
        "over %(n)d answers, %(change)s."
    ) % {
        "wave": wave.title,
        "theme": label,
        "score": result.score.value,
        "n": result.score.answers,
        "change": change,
    }
    return title[:200], description


@transaction.atomic
def open_concern(actor, wave_id, *, theme, kind, committee=None) -> Concern:
    """Turn a theme of concern of a closed wave into a conflict-register item (``kind``
    "conflict") or a task of ``committee`` ("task"); once of each per wave and theme."""
    policy.require(actor, "health.manage")
    wave = wave_of(actor, wave_id, lock=True)
    if theme not in THEME_LABELS:
        raise DomainError(_("Choose a theme of the health check."), "theme")
    kind = clean_choice(kind, ConcernKind, "kind")
    result = selectors.theme_result(wave, theme)
    if result is None or not result.concern:
        raise Conflict(_("This theme is not of concern in this health check."), "theme")
    concern, _created = Concern.objects.select_for_update().get_or_create(wave=wave, theme=theme)
    title, description = _concern_text(wave, theme, result)
    if kind == ConcernKind.CONFLICT:
        if concern.conflict_id:
            raise Conflict(_("A conflict-register item is already open for this theme."))
        concern.conflict = raise_conflict(actor, title=title, description=description)
    else:
        if concern.task_id:
            raise Conflict(_("A task already exists for this theme."))
        concern.task = create_task(
            actor, committee=committee, title=title, origin_label=wave.title[:200]
        )
    concern.save()
    record_by(actor, "health.concern", concern, fields=(kind,))
    return concern


def release_ended_waves(today=None) -> int:
    """Empty the pool of every wave that ended by date (run by the task worker): how
    many answers were released."""
    today = today or timezone.localdate()
    released = 0
    ended = Wave.objects.filter(closed_on__isnull=True, closes_on__lt=today)
    for wave_id in (
        ended.filter(sealed_responses__isnull=False).distinct().values_list("pk", flat=True)
    ):
        with transaction.atomic():
            wave = Wave.objects.select_for_update().get(pk=wave_id)
            released += mix.release(wave, everything=True)
    return released
