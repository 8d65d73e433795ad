from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers

from coalesce.core.errors import DomainError
from coalesce.core.localisation import use_language, use_time_zone


def use_viewer_language(request) -> None:
    """The signed-in person's chosen language, over the one LocaleMiddleware took from the
    browser (cookie, then Accept-Language)."""
    language = getattr(request.user, "language", "")
    if language:
        use_language(language)
        request.LANGUAGE_CODE = translation.get_language()


class ViewerPreferencesMiddleware:
    """Each request in the viewer's language and time zone; a page of a coalition falls back
    to the coalition's zone when the viewer has chosen none (see ``coalitions.web.pages``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            use_viewer_language(request)
            use_time_zone(getattr(user, "time_zone", ""))
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()


class PrivateCacheMiddleware:
    """Signed-in pages and every API answer must never be kept by a shared or browser cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        if signed_in or request.path.startswith("/api/"):
            add_never_cache_headers(response)
            response["Cache-Control"] = "no-store, private"
        return response


class DomainErrorMiddleware:
    """Turn a DomainError escaping a page view into an error page with its status."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DomainError) or request.path.startswith("/api/"):
            return None
        return render(
            request,
            "core/error.html",
            {"message": exception.message, "status": exception.status},
            status=exception.status,
        )
