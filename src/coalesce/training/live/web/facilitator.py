"""The facilitator's pages of a live session: the sessions list and the control room.

Thin views: parse → ``live_services`` (writes) or ``live_selectors`` (reads) →
template. Every page needs a signed-in person; a session run by somebody else answers
404 (the training policy). Writes are POST-only and end in a redirect to the control
room with a message; with the ``HX-Request`` header (htmx) they answer the refreshed
fragment of the control room instead. A refused write (``DomainError``) changes
nothing and answers the control room with the message and the error's status.

The control room and its polled fragment render from one template
(``training/live/room.html`` and its ``room`` partial).
"""

import io
import ipaddress

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.http.request import split_domain_port
from django.shortcuts import redirect, render
from django.urls import include, path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from coalesce.core.errors import DomainError, Forbidden, NotFound
from coalesce.training.live import selectors as live_selectors
from coalesce.training.live import services as live_services
from coalesce.training.services import in_plan_zone

LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "[::1]"}
OPTION_TEXT = 48  # characters of a card or point shown in a <select>


# --- the join address -------------------------------------------------------------


def lan_address() -> str:
    """A private (LAN) IPv4 address this server answers to, from ``ALLOWED_HOSTS``.

    ``coalesce serve --lan`` adds the machine's LAN addresses there; none → "".
    """
    for host in settings.ALLOWED_HOSTS:
        try:
            address = ipaddress.ip_address(host)
        except ValueError:
            continue
        if address.version == 4 and address.is_private and not address.is_loopback:
            return host
    return ""


def join_address(request, code) -> tuple[str, bool]:
    """The address phones open to join (the QR code's content), and whether it was
    switched from a loopback host to the LAN address (phones cannot reach 127.0.0.1)."""
    path_part = reverse("live:enter", kwargs={"code": code})
    host = request.get_host()
    name, port = split_domain_port(host)
    switched = False
    lan = lan_address()
    if name in LOOPBACK_HOSTS and lan:
        host = f"{lan}:{port}" if port else lan
        switched = True
    return f"{request.scheme}://{host}{path_part}", switched


# --- reading the control room --------------------------------------------------------


def _short(text: str) -> str:
    return text if len(text) <= OPTION_TEXT else text[: OPTION_TEXT - 1] + "…"


def _decorate_board(board):
    """Give each top card the choices its controls offer: the cards it may be merged
    into (the others in its column; for an unsorted card also those under the point it
    seems to raise) — short lists, so a big board stays light."""
    if board is None:
        return
    columns = {None: board.unsorted, **{p.index: p.cards for p in board.points}}
    for point in board.points:
        point.short = _short(point.text)
    for cards in columns.values():
        for card in cards:
            near = [c for c in cards if c.id != card.id]
            if card.point is None and card.suggestion is not None:
                near += columns.get(card.suggestion, [])
                card.suggestion_text = board.points[card.suggestion].text
            card.merge_options = [(c.id, _short(c.text)) for c in near]


def _room_context(request, session_id, *, fragment=False) -> dict:
    room = live_selectors.room(request.user, session_id)
    _decorate_board(room.board)
    timer = room.timer
    context = {
        "room": room,
        "session": room.session,
        "module": room.module,
        "fragment": fragment,
        "over_minutes": (timer.elapsed_minutes - timer.planned_minutes) if timer else 0,
        "items": room.module.items(),
    }
    if not fragment:
        url, switched = join_address(request, room.session.code)
        context.update(join_url=url, lan_switched=switched)
    return context


def _render_room(request, session_id, *, status=200, fragment=None):
    """The control room (or, for htmx, its polled part), its clock in the room's zone."""
    if fragment is None:
        fragment = bool(request.headers.get("HX-Request"))
    template = "training/live/room.html" + ("#room" if fragment else "")
    context = _room_context(request, session_id, fragment=fragment)
    with in_plan_zone(context["session"].plan):
        return render(request, template, context, status=status)


@require_GET
@login_required
def sessions(request):
    rows = live_selectors.sessions(request.user)
    return render(request, "training/live/sessions.html", {"rows": rows})


@require_GET
@login_required
def session(request, session_id):
    return _render_room(request, session_id, fragment=False)


@require_GET
@login_required
def session_room(request, session_id):
    return _render_room(request, session_id, fragment=True)


@require_GET
@login_required
def session_qr(request, session_id):
    found = live_services.facilitated(request.user, session_id)
    url, _switched = join_address(request, found.code)
    out = io.BytesIO()
    segno.make(url, error="m").save(
        out, kind="svg", xmldecl=False, svgns=True, scale=8, border=3, light="#fff"
    )
    return HttpResponse(out.getvalue(), content_type="image/svg+xml")


# --- writes --------------------------------------------------------------------------


def _posted_int(request, name, message) -> int:
    try:
        return int(request.POST.get(name, ""))
    except (TypeError, ValueError):
        raise DomainError(message, name) from None


def _write(request, session_id, write, success):
    """Run ``write()``; answer the control room (or its fragment for htmx)."""
    try:
        write()
    except DomainError as error:
        if isinstance(error, NotFound | Forbidden) and error.field is None:
            raise
        messages.error(request, error.message)
        return _render_room(request, session_id, status=error.status)
    messages.success(request, success)
    if request.headers.get("HX-Request"):
        return _render_room(request, session_id)
    return redirect("training:session", session_id=session_id)


@require_POST
@login_required
def session_open(request, plan_id):
    opened = live_services.open_session(
        request.user, plan_id, anonymous=request.POST.get("anonymous") in ("1", "on", "true")
    )
    messages.success(request, _("The session is open. Show the join code to the room."))
    return redirect("training:session", session_id=opened.pk)


@require_POST
@login_required
def session_go(request, session_id):
    def write():
        if request.POST.get("next"):
            live_services.go_next(request.user, session_id)
        else:
            live_services.go_to(request.user, session_id, request.POST.get("item_id", ""))

    return _write(request, session_id, write, _("The room has moved on."))


@require_POST
@login_required
def session_quiz(request, session_id):
    phase = request.POST.get("phase", "")
    messages_by_phase = {
        "pre": _("The pre-test is open."),
        "post": _("The post-test is open."),
        "": _("The test is closed."),
    }
    return _write(
        request,
        session_id,
        lambda: live_services.set_quiz(request.user, session_id, phase),
        messages_by_phase.get(phase, ""),
    )


@require_POST
@login_required
def session_close(request, session_id):
    return _write(
        request,
        session_id,
        lambda: live_services.close_session(request.user, session_id),
        _("The session is closed. Phones can no longer answer."),
    )


@require_POST
@login_required
def card_merge(request, session_id, card_id):
    def write():
        into = _posted_int(request, "into_id", _("Choose the card to merge it into."))
        live_services.merge_cards(request.user, session_id, card_id, into)

    return _write(request, session_id, write, _("The cards are merged."))


@require_POST
@login_required
def card_unmerge(request, session_id, card_id):
    return _write(
        request,
        session_id,
        lambda: live_services.unmerge_card(request.user, session_id, card_id),
        _("The card is on its own again."),
    )


@require_POST
@login_required
def card_move(request, session_id, card_id):
    def write():
        direction = request.POST.get("direction") or None
        point = None
        if direction is None or request.POST.get("point", "") != "":
            point = _posted_int(request, "point", _("Choose one of the expected points."))
        live_services.move_card(request.user, session_id, card_id, point=point, direction=direction)

    return _write(request, session_id, write, _("The card is moved."))


@require_POST
@login_required
def point_check(request, session_id):
    confirmed = request.POST.get("confirmed") == "1"

    def write():
        point = _posted_int(request, "point", _("Choose one of the expected points."))
        live_services.check_point(
            request.user, session_id, request.POST.get("item_id", ""), point, confirmed
        )

    success = _("The point is ticked.") if confirmed else _("The point is no longer ticked.")
    return _write(request, session_id, write, success)


@require_POST
@login_required
def session_groups(request, session_id):
    return _write(
        request,
        session_id,
        lambda: live_services.make_groups(
            request.user, session_id, request.POST.get("item_id", "")
        ),
        _("The groups are formed."),
    )


# The pages of one session, under sessions/<session_id>/.
session_urlpatterns = [
    path("", session, name="session"),
    path("room/", session_room, name="session_room"),
    path("qr.svg", session_qr, name="session_qr"),
    path("go/", session_go, name="session_go"),
    path("quiz/", session_quiz, name="session_quiz"),
    path("close/", session_close, name="session_close"),
    path("cards/<int:card_id>/merge/", card_merge, name="card_merge"),
    path("cards/<int:card_id>/unmerge/", card_unmerge, name="card_unmerge"),
    path("cards/<int:card_id>/move/", card_move, name="card_move"),
    path("points/", point_check, name="point_check"),
    path("groups/", session_groups, name="session_groups"),
]

urlpatterns = [
    path("plans/<int:plan_id>/sessions/new/", session_open, name="session_open"),
    path("sessions/", sessions, name="sessions"),
    path("sessions/<int:session_id>/", include(session_urlpatterns)),
]
