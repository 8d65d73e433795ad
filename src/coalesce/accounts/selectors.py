"""Reads for account pages."""

from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from coalesce.accounts import hooks
from coalesce.accounts.models import ApiToken


def api_tokens(user):
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-id")


def when(value):
    """A moment as the export writes it: ISO 8601, or None."""
    return value.isoformat() if value else None


def export_for(user) -> dict:
    """Everything Coalesce holds about ``user`` that is theirs to take away: the account
    and its tokens here, then the sections the apps above add (``accounts.hooks``)."""
    return {
        "format": "coalesce.account-export/1",
        "exported_at": timezone.now().isoformat(),
        "account": {
            "id": user.id,
            "email": user.email,
            "display_name": user.display_name,
            "date_joined": when(user.date_joined),
            "last_login": when(user.last_login),
            "two_factor": TOTPDevice.objects.filter(user=user, confirmed=True).exists(),
        },
        "api_tokens": [
            {
                "name": t.name,
                "prefix": t.prefix,
                "created_at": when(t.created_at),
                "last_used_at": when(t.last_used_at),
            }
            for t in api_tokens(user)
        ],
        **hooks.data_sections(user),
    }
