"""The JSON API: one NinjaAPI, token authentication, domain errors mapped once."""

from ninja import NinjaAPI

from coalesce.accounts.api_auth import SessionOrTokenAuth, TokenAuth  # noqa: F401
from coalesce.core.errors import DomainError

api = NinjaAPI(
    title="Coalesce API",
    version="1",
    urls_namespace="api",
    docs_url=None,
    openapi_url="/openapi.json",
)


@api.exception_handler(DomainError)
def domain_error(request, error: DomainError):
    return api.create_response(
        request, {"detail": error.message, "field": error.field}, status=error.status
    )
