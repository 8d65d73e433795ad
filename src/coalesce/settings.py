"""Coalesce settings, read from environment variables with defaults that run the demo.

Environment:
  COALESCE_DATA_DIR   folder for the SQLite database, secret key and encryption keys (./data)
  DATABASE_URL        e.g. postgres://user:pass@host/db (default: SQLite in the data folder)
  SECRET_KEY          (default: generated on first run and kept in the data folder)
  COALESCE_ENCRYPTION_KEYS  comma-separated Fernet keys, newest first (default: key file)
  DEBUG               "1" to turn debugging on (off by default)
  ALLOWED_HOSTS       comma-separated (default: localhost names)
  EMAIL_URL-ish:      EMAIL_BACKEND, EMAIL_FILE_PATH, DEFAULT_FROM_EMAIL
"""

import os
from pathlib import Path

import dj_database_url

from coalesce.core.bootstrap import data_dir, read_or_create_secret

BASE_DIR = Path(__file__).resolve().parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, "1" if default else "0").lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DATA_DIR = data_dir()
DEBUG = env_bool("DEBUG")
SECRET_KEY = os.environ.get("SECRET_KEY") or read_or_create_secret(DATA_DIR / "secret_key")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks",
    "django_tasks_db",
    "template_partials",
    "csp",
    "ninja",
    "django_countries",
    "coalesce.core",
    "coalesce.accounts",
    "coalesce.audit",
    "coalesce.coalitions",
    "coalesce.decisions",
    "coalesce.training",
    "coalesce.updates",
    "coalesce.digests",
    "coalesce.goals",
    "coalesce.meetings",
    "coalesce.health",
    "coalesce.participation",
    "coalesce.spokespeople",
    "coalesce.credit",
    "coalesce.expertise",
    "coalesce.finance",
    "coalesce.statements",
    "coalesce.groundwork",
    "coalesce.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # HTML compressed here (static files are pre-compressed by whitenoise). Django's
    # middleware pads each answer with random bytes against BREACH; see docs/deployment.md.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "coalesce.core.middleware.ViewerPreferencesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "coalesce.core.middleware.PrivateCacheMiddleware",
    "coalesce.core.middleware.DomainErrorMiddleware",
]

ROOT_URLCONF = "coalesce.urls"
WSGI_APPLICATION = "coalesce.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "csp.context_processors.nonce",
            ],
            "builtins": [
                "template_partials.templatetags.partials",
                "coalesce.core.templatetags.coalesce_time",
            ],
        },
    }
]


def database_settings() -> dict:
    url = os.environ.get("DATABASE_URL")
    if url:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
        if config["ENGINE"] != "django.db.backends.sqlite3":
            return config
    else:
        config = {"ENGINE": "django.db.backends.sqlite3", "NAME": DATA_DIR / "coalesce.sqlite3"}
    config["ENGINE"] = "coalesce.core.sqlite"  # Django's, with a queue for writers
    config["OPTIONS"] = {
        # WAL lets readers work while one writer writes; FULL makes every commit durable;
        # IMMEDIATE takes the write lock at BEGIN so two writers queue instead of deadlocking.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # Keep each thread's connection between requests: opening one (the pragmas, Django's
    # SQL functions) cost a ballot about as much as its own queries.
    config["CONN_MAX_AGE"] = 60
    config["CONN_HEALTH_CHECKS"] = True
    return config


DATABASES = {"default": database_settings()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = ["coalesce.accounts.backends.EmailBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "en"
# Each language named in itself, as a person looking for their own reads it.
LANGUAGES = [("en", "English"), ("fr", "Français"), ("es", "Español"), ("ar", "العربية")]
# Dates and times as each language writes them, each time with its zone's name.
FORMAT_MODULE_PATH = ["coalesce.formats"]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed names (site.3f2a….css) with gzip and Brotli copies, made once by collectstatic
    # (``coalesce serve`` runs it); whitenoise sends them with a year-long immutable cache.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = False

# E-mail: in development messages go to files in the data folder.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(DATA_DIR / "mail"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "coalesce@localhost")

TASKS = {"default": {"BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

# Security headers on every response.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_TLS_PROXY") else None
)
TRUST_X_FORWARDED_FOR = env_bool("TRUST_X_FORWARDED_FOR")
HTTPS = env_bool("HTTPS")
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}

OTP_TOTP_ISSUER = "Coalesce"
# django-otp's own back-off doubles without end, so someone with a member's password could
# lock them out for days; wrong codes are slowed down by accounts.throttle instead, with a
# bounded wait and trusted browsers exempt.
OTP_TOTP_THROTTLE_FACTOR = 0

# Login throttling: per account+address and per address, never per account alone,
# so an outsider cannot lock a victim out by failing on purpose.
LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS = int(
    os.environ.get("LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS", 5)
)
LOGIN_FAILURES_PER_ADDRESS = int(os.environ.get("LOGIN_FAILURES_PER_ADDRESS", 30))
LOGIN_FAILURE_WINDOW_SECONDS = 15 * 60

COALESCE_ENCRYPTION_KEYS = env_list("COALESCE_ENCRYPTION_KEYS", "")
COALESCE_KEY_FILE = DATA_DIR / "encryption_keys"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
