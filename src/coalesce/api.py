"""The JSON API: one NinjaAPI, token or session authentication, errors mapped once.

Every error answer is JSON ``{"detail": str, "field": str | None}``:

* domain errors from services, selectors and the policy keep their status
  (400 bad input, 403 refused, 404 missing or hidden, 409 conflict);
* input that does not match the schema (wrong type, too long, missing) is **422**,
  with ``field`` the dotted path of the first bad field (``name``, ``answers.3``), or
  ``body`` when the body itself is not the documented JSON object, and ``errors``
  listing every problem;
* a protected operation called without valid credentials is **401**; a session
  write without the CSRF header is 403.
"""

from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from coalesce.accounts.api import router as accounts_router
from coalesce.accounts.api_auth import SessionAuth, TokenAuth  # noqa: F401 — re-exported
from coalesce.coalitions.api import router as coalitions_router
from coalesce.coalitions.invitations.api import router as invitations_router
from coalesce.core.errors import DomainError
from coalesce.credit.api import router as credit_router
from coalesce.decisions.api import router as decisions_router
from coalesce.digests.api import router as digests_router
from coalesce.expertise.api import router as expertise_router
from coalesce.finance.api import router as finance_router
from coalesce.goals.api import router as goals_router
from coalesce.groundwork.api import carry as groundwork_carry
from coalesce.groundwork.api import register as groundwork_register
from coalesce.health.api import router as health_router
from coalesce.meetings.api import router as meetings_router
from coalesce.participation.api import router as participation_router
from coalesce.spokespeople.api import router as spokespeople_router
from coalesce.statements.api import router as statements_router
from coalesce.training.api import router as training_router
from coalesce.training.live.api import facilitator as live_facilitator
from coalesce.training.live.api import participant as live_participant
from coalesce.updates.api import router as updates_router

api = NinjaAPI(
    title="Coalesce API",
    version="1",
    description=(
        "Coalitions, their charter, members, applications and committees; decisions and "
        "the conflict register. Authenticate with `Authorization: Bearer <token>` (create "
        "one with POST /api/tokens while signed in) or with the browser session plus the "
        "`X-CSRFToken` header for writes. "
        "Errors are JSON `{detail, field}`; schema errors are 422 with the field path."
    ),
    urls_namespace="api",
    docs_url=None,
    openapi_url="/openapi.json",
)

_SOURCES = {"body", "query", "path", "header", "cookie", "form", "file"}
_PARAMETER_NAMES = {"payload", "filters"}


def _field_path(loc) -> str | None:
    parts = [str(p) for p in loc or ()]
    source = parts[0] if parts and parts[0] in _SOURCES else None
    if source:
        parts = parts[1:]
    if parts and parts[0] in _PARAMETER_NAMES:
        parts = parts[1:]
    # The body as a whole (not a JSON object, or missing) is named "body".
    return ".".join(parts) or ("body" if source == "body" else None)


def _error(request, detail: str, field: str | None, status: int, **extra):
    return api.create_response(request, {"detail": detail, "field": field, **extra}, status=status)


@api.exception_handler(DomainError)
def domain_error(request, error: DomainError):
    return _error(request, error.message, error.field, error.status)


@api.exception_handler(ValidationError)
def validation_error(request, error: ValidationError):
    errors = [
        {"field": _field_path(e.get("loc")), "message": str(e.get("msg", "Invalid value."))}
        for e in error.errors
    ]
    first = errors[0] if errors else {"field": None, "message": "Invalid input."}
    return _error(request, first["message"], first["field"], 422, errors=errors)


@api.exception_handler(AuthenticationError)
def authentication_error(request, error: AuthenticationError):
    response = _error(request, error.message or "Sign in or send an API token.", None, 401)
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(HttpError)
def http_error(request, error: HttpError):
    return _error(request, str(error.message), None, error.status_code)


@api.exception_handler(Http404)
def not_found(request, error):
    return _error(request, "Not found.", None, 404)


api.add_router("", accounts_router)
api.add_router("/coalitions", coalitions_router)
# Same prefix, distinct paths: /coalitions/{slug}/proposals, …/conflicts, …
api.add_router("/coalitions", decisions_router)
api.add_router("/training", training_router)
api.add_router("/training", live_facilitator.router)
api.add_router("/training", groundwork_carry.router)
api.add_router("/training", live_participant.router)
api.add_router("/coalitions", groundwork_register.router)
api.add_router("/coalitions", invitations_router)
api.add_router("/coalitions", updates_router)
api.add_router("/coalitions", digests_router)

api.add_router("/coalitions", finance_router)

api.add_router("/coalitions", statements_router)

api.add_router("/coalitions", spokespeople_router)

api.add_router("/coalitions", credit_router)

api.add_router("/coalitions", expertise_router)

api.add_router("/coalitions", goals_router)

api.add_router("/coalitions", meetings_router)

api.add_router("/coalitions", health_router)

api.add_router("/coalitions", participation_router)
