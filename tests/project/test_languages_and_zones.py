"""Every page in the viewer's language (their account's choice, else the browser's) and its
times in the viewer's zone (their account's, else the coalition's), each time named."""

import pytest
from django.urls import reverse

from coalesce.accounts import services as accounts
from coalesce.coalitions.policy import actor_for
from coalesce.core.errors import DomainError
from coalesce.meetings import services as meetings

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_hashing")]

SIGN_IN = {"en": "Sign in", "fr": "Se connecter", "es": "Iniciar sesión", "ar": "تسجيل الدخول"}


@pytest.mark.parametrize("language", ["en", "fr", "es", "ar"])
def test_the_browser_language_is_spoken_and_declared(client, language):
    page = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    direction = "rtl" if language == "ar" else "ltr"
    assert f'<html lang="{language}" dir="{direction}">' in page
    assert SIGN_IN[language] in page


def test_a_language_the_interface_lacks_falls_back_to_english(client):
    page = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="sw").content.decode()
    assert '<html lang="en" dir="ltr">' in page


def test_the_account_language_wins_over_the_browser(world):
    accounts.update_account(world.users["member"], language="es")
    page = world.client("member").get(reverse("home"), HTTP_ACCEPT_LANGUAGE="fr")
    assert '<html lang="es"' in page.content.decode()
    assert page["Content-Language"] == "es"


def test_choosing_a_language_keeps_it_on_the_account_and_goes_back(world):
    client = world.client("member")
    back = reverse("accounts:settings")
    answer = client.post(reverse("accounts:language"), {"language": "ar", "next": back})
    assert answer.status_code == 302 and answer["Location"] == back
    world.users["member"].refresh_from_db()
    assert world.users["member"].language == "ar"
    assert 'dir="rtl"' in client.get(back).content.decode()


def test_a_visitor_chooses_a_language_with_a_cookie(client):
    form = client.get(reverse("accounts:language"), HTTP_REFERER="/accounts/login/")
    assert 'value="/accounts/login/"' in form.content.decode()
    client.post(reverse("accounts:language"), {"language": "fr", "next": "/accounts/login/"})
    assert '<html lang="fr"' in client.get(reverse("accounts:login")).content.decode()


def test_the_language_page_never_sends_elsewhere(client):
    form = client.get(reverse("accounts:language"), HTTP_REFERER="https://evil.example/")
    assert "evil.example" not in form.content.decode()


@pytest.mark.parametrize(
    ("change", "field"),
    [({"language": "klingon"}, "language"), ({"time_zone": "Mars/Olympus"}, "time_zone")],
)
def test_unknown_languages_and_zones_are_refused_and_change_nothing(world, change, field):
    user = world.users["member"]
    with pytest.raises(DomainError) as refused:
        accounts.update_account(user, display_name="Changed", **change)
    assert refused.value.field == field
    user.refresh_from_db()
    assert user.display_name != "Changed" and user.language == "" and user.time_zone == ""


def test_the_settings_page_saves_language_and_zone_and_answers_in_the_new_language(world):
    client = world.client("member")
    saved = client.post(
        reverse("accounts:settings"),
        {"display_name": "Amina", "language": "fr", "time_zone": "Africa/Nairobi"},
        follow=True,
    )
    page = saved.content.decode()
    assert '<html lang="fr"' in page and "Enregistré" in page
    refused = client.post(
        reverse("accounts:settings"), {"display_name": "Amina", "time_zone": "Nowhere/At_all"}
    )
    assert refused.status_code == 400
    world.users["member"].refresh_from_db()
    assert world.users["member"].time_zone == "Africa/Nairobi"


def test_the_api_reads_and_changes_the_language_and_zone(world):
    client = world.client("member")
    changed = client.patch(
        "/api/me",
        {"language": "ar", "time_zone": "Europe/Zurich"},
        content_type="application/json",
    )
    assert changed.status_code == 200, changed.content
    assert changed.json()["language"] == "ar" and changed.json()["time_zone"] == "Europe/Zurich"
    refused = client.patch(
        "/api/me", {"time_zone": "Europe/Atlantis"}, content_type="application/json"
    )
    assert refused.status_code == 400 and refused.json()["field"] == "time_zone"
    assert client.get("/api/me").json()["time_zone"] == "Europe/Zurich"


def test_a_time_set_in_nairobi_reads_in_each_viewers_zone(world):
    """17:00 in Nairobi is 17:00 EAT to a member in Nairobi and 15:00 CET to one in Geneva."""
    steering = actor_for(world.users["steering"], world.coalition)
    venue = meetings.add_venue(steering, name="Hall", address="Ngong Road")
    meeting = meetings.create_meeting(
        steering,
        title="Hearing preparation",
        time_zone="Africa/Nairobi",
        duration_minutes=60,
        times=["2027-12-01 17:00"],
        venue_ids=[venue.id],
    )
    accounts.update_account(world.users["member"], time_zone="Africa/Nairobi")
    accounts.update_account(world.users["chair"], time_zone="Europe/Zurich")
    page = reverse("meetings:meeting", args=[world.coalition.slug, meeting.id])
    nairobi = world.client("member").get(page).content.decode()
    geneva = world.client("chair").get(page).content.decode()
    assert "1 December 2027, 17:00 EAT" in nairobi
    assert "1 December 2027, 15:00 CET (17:00 in Africa/Nairobi)" in geneva


def test_without_a_zone_of_their_own_a_member_reads_the_coalitions(world):
    admin = actor_for(world.users["admin"], world.coalition)
    from coalesce.coalitions import services as coalitions

    coalitions.update_coalition(admin, time_zone="Africa/Nairobi")
    steering = actor_for(world.users["steering"], world.coalition)
    venue = meetings.add_venue(steering, name="Hall", address="Ngong Road")
    meeting = meetings.create_meeting(
        steering,
        title="Hearing preparation",
        time_zone="Europe/Zurich",
        duration_minutes=60,
        times=["2027-12-01 15:00"],
        venue_ids=[venue.id],
    )
    page = reverse("meetings:meeting", args=[world.coalition.slug, meeting.id])
    shown = world.client("member").get(page).content.decode()
    assert "1 December 2027, 17:00 EAT (15:00 in Europe/Zurich)" in shown
