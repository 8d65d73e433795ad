"""How a request to the JSON API says who it is.

* ``TokenAuth``: ``Authorization: Bearer clc_…``; only the token's hash is looked up.
  A bearer token that is present but wrong is refused outright (401), never treated
  as "anonymous", so a client with a revoked token finds out at once.
* ``SessionAuth``: the Django session of a signed-in browser. CSRF is checked for it
  (unsafe methods need the ``X-CSRFToken`` header), and only when the session is
  signed in, so anonymous or token requests are not refused for a missing CSRF token.
* ``anonymous``: the last entry of the list on public operations; returns the
  ``ANONYMOUS`` sentinel (ninja needs a truthy result).

``PROTECTED`` is the auth list for operations that need a signed-in person (401
otherwise), ``PUBLIC`` for those that also answer anonymous visitors.
"""

from django.conf import settings
from ninja.errors import AuthenticationError, HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from coalesce.accounts import services
from coalesce.accounts.models import ApiToken, hash_token
from coalesce.core.api import Operations


class TokenAuth(HttpBearer):
    """``Authorization: Bearer clc_…``."""

    def authenticate(self, request, token):
        if not token or len(token) > 200:
            raise AuthenticationError(message="Invalid or revoked API token.")
        found = ApiToken.objects.select_related("user").filter(key_hash=hash_token(token)).first()
        if found is None or not found.user.is_active:
            raise AuthenticationError(message="Invalid or revoked API token.")
        services.note_api_token_use(found)
        request.user = found.user
        request.api_token = found
        return found.user


class SessionAuth(APIKeyCookie):
    """The Django session; CSRF is enforced for signed-in sessions."""

    param_name = settings.SESSION_COOKIE_NAME

    def __init__(self):
        super().__init__(csrf=True)

    def _get_key(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None  # nothing to protect: no session, no CSRF check
        if not getattr(request, "_ninja_csrf_exempt", False) and check_csrf(request):
            raise HttpError(403, "CSRF check failed: send the X-CSRFToken header.")
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request, key):
        user = getattr(request, "user", None)
        if key and user is not None and user.is_authenticated:
            return user
        return None


class _Anonymous:
    """Sentinel for an anonymous caller of a public operation."""

    is_authenticated = False

    def __bool__(self):
        return True

    def __repr__(self):
        return "ANONYMOUS"


ANONYMOUS = _Anonymous()


def anonymous(request):
    return ANONYMOUS


token_auth = TokenAuth()
session_auth = SessionAuth()

PROTECTED = [token_auth, session_auth]
PUBLIC = [token_auth, session_auth, anonymous]


def user_of(request):
    """The signed-in user behind this request, or None for an anonymous caller."""
    auth = getattr(request, "auth", None)
    return auth if getattr(auth, "is_authenticated", False) else None


def operations(tag: str | None = None) -> Operations:
    """An app's operations: signed-in callers by default, ``anonymous=True`` for public."""
    return Operations(auth=PROTECTED, anonymous_auth=PUBLIC, tag=tag)
