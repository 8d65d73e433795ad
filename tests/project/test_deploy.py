"""Production settings pass Django's deployment checks, and responses carry security headers."""

import os
import subprocess
import sys


def test_deployment_checks_are_clean_in_production_settings(tmp_path):
    env = {**os.environ, "HTTPS": "1", "DEBUG": "0", "COALESCE_DATA_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests only
    result = subprocess.run(
        [sys.executable, "-m", "coalesce", "check", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_secret_key_is_generated_once_and_kept_out_of_the_repository(tmp_path):
    env = {**os.environ, "COALESCE_DATA_DIR": str(tmp_path)}
    env.pop("SECRET_KEY", None)
    script = (
        "import os, django; os.environ['DJANGO_SETTINGS_MODULE'] = 'coalesce.settings'; "
        "django.setup(); from django.conf import settings; print(settings.SECRET_KEY)"
    )

    def run():
        result = subprocess.run(
            [sys.executable, "-c", script],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        return result.stdout.strip()

    first, second = run(), run()
    assert first == second and len(first) >= 50
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_every_response_carries_security_headers(client, db):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_signed_in_pages_are_never_cached(client, django_user_model):
    user = django_user_model.objects.create_user("someone@example.org", "a long password 123")
    client.force_login(user)
    assert "no-store" in client.get("/")["Cache-Control"]
    client.logout()
    assert "no-store" not in client.get("/").get("Cache-Control", "")


def test_the_stylesheet_is_served(client, db):
    response = client.get("/static/coalesce/site.css")
    assert response.status_code == 200
    assert b"--accent" in b"".join(response.streaming_content)
