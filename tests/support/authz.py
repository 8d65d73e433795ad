"""Shared pieces of the authorisation-matrix and leak tests: roles, snapshots, URL walking."""

import hashlib
import json

from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver

ALL = frozenset(
    ["anonymous", "outsider", "applicant", "member", "chair", "steering", "admin", "custodian"]
)
SIGNED_IN = ALL - {"anonymous"}
MEMBER_LEVEL = frozenset(["member", "chair", "steering", "admin", "custodian"])
NOBODY = frozenset()

# The world's markers (tests/conftest.py) each role is entitled to see.
ENTITLED = {
    "custodian": {"steering_only_name", "pseudonymous_name", "pseudonymous_person"},
    "steering": {"steering_only_name"},
}
CONTACT_MARKERS = {"pseudonymous_email", "pseudonymous_phone", "steering_only_email"}

# Everything a refused write must leave untouched.
SNAPSHOT_APPS = (
    "coalitions",
    "decisions",
    "accounts",
    "audit",
    "otp_totp",
    "training",
    "groundwork",
    "updates",
    "finance",
    "statements",
    "spokespeople",
    "credit",
    "expertise",
    "goals",
    "meetings",
    "health",
    "participation",
)
SKIP_MODELS = {"LoginFailure"}


def database_snapshot() -> str:
    digest = hashlib.sha256()
    for app_label in SNAPSHOT_APPS:
        for model in apps.get_app_config(app_label).get_models():
            if model.__name__ in SKIP_MODELS:
                continue
            rows = list(model.objects.order_by("pk").values())
            for row in rows:
                row.pop("last_login", None)  # signing in is not a write of the request
                row.pop("last_used_at", None)  # nor is using a token
            digest.update(json.dumps([model.__name__, rows], default=str, sort_keys=True).encode())
    return digest.hexdigest()


def web_url_names() -> dict[str, str]:
    """Every named page in the URL router (not the API, which is checked by operation)."""
    found = {}

    def walk(patterns, prefix, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                ns = pattern.namespace
                name = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
                if name == "api":
                    continue
                walk(pattern.url_patterns, prefix + str(pattern.pattern), name)
            elif isinstance(pattern, URLPattern):
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                assert pattern.name, f"URL {prefix}{pattern.pattern} has no name"
                found[name] = prefix + str(pattern.pattern)

    walk(get_resolver().url_patterns, "", None)
    return found


def is_login_redirect(response) -> bool:
    return response.status_code == 302 and "/accounts/login/" in response["Location"]
