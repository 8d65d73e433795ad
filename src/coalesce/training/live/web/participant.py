"""Participants' pages of a live session (under /live/): join with the code on the screen,
then answer from the phone. No account: a phone is let in by the secret token in its
cookie (``live_<CODE>``: HttpOnly, SameSite=Lax, gone when the browser closes). A
signed-in person who joins is not recorded as that person.

Writes are POST-only and end in a redirect to the phone with a message; with the
``HX-Request`` header they answer the phone's fragment. A refused answer (a closed
question, the room has moved on, text too long, answered twice) changes nothing and
answers the phone with the message and the error's status (400/409). A closed
session answers "This session has closed" (409).
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from coalesce.core.errors import Conflict, DomainError, NotFound
from coalesce.core.forms import apply_domain_error
from coalesce.training.live import rules as live
from coalesce.training.live import selectors as live_selectors
from coalesce.training.live import services as live_services

GET_POST = require_http_methods(["GET", "POST"])
PHONE = "training/phone/phone.html"


class JoinForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code on the screen"),
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )


class NameForm(forms.Form):
    display_name = forms.CharField(
        label=gettext_lazy("Your name (optional)"),
        required=False,
        max_length=live_services.MAX_NAME,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


def cookie_name(code: str) -> str:
    return f"live_{code}"


def _token(request, code) -> str:
    return request.COOKIES.get(cookie_name(code), "")


def _is_htmx(request) -> bool:
    return bool(request.headers.get("HX-Request"))


def _closed(request, message=None):
    return render(
        request,
        "training/phone/closed.html",
        {"message": message or _("This session has closed.")},
        status=409,
    )


def _not_found(request, message, code=""):
    return render(
        request,
        "training/phone/not_found.html",
        {"message": message, "code": code},
        status=404,
    )


def _to_enter(request, code):
    url = reverse("live:enter", kwargs={"code": code})
    if _is_htmx(request):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return redirect(url)


# --- joining -----------------------------------------------------------------------


@never_cache
@GET_POST
def join(request):
    """/live/: type the code on the screen."""
    form = JoinForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if not form.is_valid():
            status = 400
        else:
            code = live.normalise_code(form.cleaned_data["code"])
            try:
                live_services.open_session_by_code(code)
            except (NotFound, Conflict) as error:
                form.add_error("code", error.message)
                status = error.status
            else:
                return redirect("live:enter", code=code)
    return render(request, "training/phone/join.html", {"form": form}, status=status)


@never_cache
@GET_POST
def enter(request, code):
    """What the QR code opens: give a name (unless anonymous) and join."""
    code = live.normalise_code(code)
    try:
        session = live_services.open_session_by_code(code)
    except NotFound as error:
        return _not_found(request, error.message)
    except Conflict as error:
        return _closed(request, error.message)
    if request.method == "GET" and _token(request, code):
        try:
            live_services.participant(code, _token(request, code))
            return redirect("live:phone", code=code)
        except (NotFound, Conflict):
            pass
    form = NameForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            _participant, token = live_services.join(code, form.cleaned_data["display_name"])
        except Conflict as error:
            return _closed(request, error.message)
        except DomainError as error:
            apply_domain_error(form, error)
            status = error.status
        else:
            response = redirect("live:phone", code=code)
            response.set_cookie(
                cookie_name(code),
                token,
                httponly=True,
                samesite="Lax",
                path="/live/",
                secure=settings.SESSION_COOKIE_SECURE,
            )
            return response
    elif request.method == "POST":
        status = 400
    return render(
        request,
        "training/phone/enter.html",
        {"form": form, "session": session, "code": code},
        status=status,
    )


# --- the phone ---------------------------------------------------------------------


def _phone(request, code, *, status=200, fragment=None, draft=""):
    """Render the phone (or its fragment): what the participant sees now."""
    fragment = _is_htmx(request) if fragment is None else fragment
    token = _token(request, code)
    try:
        view = live_selectors.phone(code, token)
    except Conflict as error:
        return _closed(request, error.message)
    except NotFound:
        return _to_enter(request, code)
    records = []
    if view.group is not None and view.item is not None and view.item.activity:
        for index, name in enumerate(view.item.activity.record):
            records.append((f"record_{index}", name, view.group.record.get(name, "")))
    context = {
        "phone": view,
        "code": code,
        "fragment": fragment,
        "records": records,
        "draft": draft,
        "max_card": live_services.MAX_CARD,
        "max_record": live_services.MAX_RECORD_FIELD,
    }
    template = PHONE + ("#phone" if fragment else "")
    return render(request, template, context, status=status)


def _session_or_page(request, code):
    """The open session of ``code``, or the page to answer instead (404/409)."""
    try:
        return live_services.open_session_by_code(code), None
    except NotFound as error:
        return None, _not_found(request, error.message)
    except Conflict as error:
        return None, _closed(request, error.message)


def _phone_page(request, code, *, fragment):
    code = live.normalise_code(code)
    _session, refused = _session_or_page(request, code)
    if refused is None:
        return _phone(request, code, fragment=fragment)
    if fragment and refused.status_code == 409 and _is_htmx(request):
        # The fragment without polling: the phone stops asking.
        return render(request, PHONE + "#closed", {"code": code}, status=200)
    return refused


@never_cache
@require_GET
def phone(request, code):
    return _phone_page(request, code, fragment=False)


@never_cache
@require_GET
def phone_state(request, code):
    return _phone_page(request, code, fragment=True)


def _answer(request, code, write, success):
    """A participant's write: run ``write(participant)``, answer the phone."""
    code = live.normalise_code(code)
    try:
        me = live_services.participant(code, _token(request, code))
    except Conflict as error:
        return _closed(request, error.message)
    except NotFound as error:
        return _not_found(request, error.message, code=code)
    try:
        write(me)
    except DomainError as error:
        messages.error(request, error.message)
        draft = request.POST.get("text", "") if error.status == 400 else ""
        return _phone(request, code, status=error.status, draft=draft[:2000])
    messages.success(request, success)
    if _is_htmx(request):
        return _phone(request, code, fragment=True)
    return redirect("live:phone", code=code)


@require_POST
def card(request, code):
    return _answer(
        request,
        code,
        lambda me: live_services.post_card(
            me, request.POST.get("item_id", ""), request.POST.get("text", "")
        ),
        _("Your answer is on the board."),
    )


@require_POST
def quiz(request, code):
    def write(me):
        module = live_services.module_of(me.session)
        choices = {}
        for question in module.questions:
            value = request.POST.get(f"answer_{question.id}", "")
            if value == "":
                continue
            try:
                choices[question.id] = int(value)
            except ValueError:
                raise DomainError(_("Choose one of the options."), "answers") from None
        live_services.answer_quiz(me, request.POST.get("phase", ""), choices)

    return _answer(request, code, write, _("Thank you: your answers are handed in."))


@require_POST
def group(request, code):
    def write(me):
        item = live_services.item_of(me.session, request.POST.get("item_id", ""), kind="activity")
        values = {}
        for index, name in enumerate(item.activity.record):
            key = f"record_{index}"
            if key in request.POST:
                values[name] = request.POST[key]
        live_services.record_group(me, item.id, values)

    return _answer(request, code, write, _("Your group's answers are saved."))


urlpatterns = [
    path("", join, name="join"),
    path("<str:code>/join/", enter, name="enter"),
    path("<str:code>/", phone, name="phone"),
    path("<str:code>/state/", phone_state, name="phone_state"),
    path("<str:code>/cards/", card, name="card"),
    path("<str:code>/quiz/", quiz, name="quiz"),
    path("<str:code>/group/", group, name="group"),
]
