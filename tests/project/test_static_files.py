"""Static files as production serves them: hashed names, gzip and Brotli copies made once by
collectstatic, a year-long immutable cache."""

import gzip
import re

import pytest
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from coalesce import settings as production

# Other apps' files (the API browser's scripts, flags) are not on Coalesce's pages.
NOT_OURS = ["ninja", "flags", "django_otp", "otp_totp"]


@pytest.fixture
def collected(tmp_path, settings):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = production.STORAGES
    settings.WHITENOISE_USE_FINDERS = production.WHITENOISE_USE_FINDERS
    call_command("collectstatic", interactive=False, verbosity=0, ignore_patterns=NOT_OURS)
    return tmp_path


def test_production_collects_hashed_compressed_copies(collected):
    assert production.WHITENOISE_USE_FINDERS is False  # only the collected copies go out
    url = staticfiles_storage.url("coalesce/site.css")
    assert re.fullmatch(r"/static/coalesce/site\.[0-9a-f]{12}\.css", url)
    on_disk = collected / url.removeprefix("/static/")
    assert on_disk.exists()
    assert on_disk.with_name(on_disk.name + ".br").exists()
    assert on_disk.with_name(on_disk.name + ".gz").exists()


@pytest.mark.parametrize(("accepts", "encoding"), [("br, gzip", "br"), ("gzip", "gzip")])
def test_a_hashed_file_goes_out_compressed_and_cached_for_a_year(collected, accepts, encoding):
    url = staticfiles_storage.url("coalesce/htmx.min.js")
    answer = Client().get(url, HTTP_ACCEPT_ENCODING=accepts)
    assert answer.status_code == 200
    assert answer["Content-Encoding"] == encoding
    assert "immutable" in answer["Cache-Control"] and "max-age=315360000" in answer["Cache-Control"]
    body = b"".join(answer.streaming_content)
    plain = (collected / "coalesce" / "htmx.min.js").stat().st_size
    assert len(body) < plain / 2


def test_a_phones_first_visit_to_a_live_session_is_at_most_25_kb(collected, world):
    """The phone page and every file it links, as they go over the wire (compressed)."""
    from coalesce.training import services
    from coalesce.training.live import services as live

    plan = services.create_plan(
        world.users["member"], module_id="module-12", title="Room", available_minutes=120
    )
    session = live.open_session(world.users["member"], plan.pk)
    live.go_to(world.users["member"], session.pk, "strengths-weaknesses")
    phone = Client(HTTP_ACCEPT_ENCODING="br, gzip")
    phone.post(reverse("live:enter", args=[session.code]), {"display_name": "Amina"})
    page = phone.get(reverse("live:phone", args=[session.code]))
    assert page.status_code == 200 and page["Content-Encoding"] == "gzip"
    html = gzip.decompress(page.content).decode()
    linked = re.findall(r'(?:href|src)="(/static/[^"]+)"', html)
    assert any(url.endswith(".css") for url in linked) and any(".js" in url for url in linked)
    weight = len(page.content)
    for url in linked:
        answer = phone.get(url)
        assert answer.status_code == 200, url
        weight += len(b"".join(answer.streaming_content))
    assert weight <= 25 * 1024, f"{weight} bytes: {linked}"
