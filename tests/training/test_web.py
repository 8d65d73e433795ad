"""The facilitator's browser flow: plan Module 12 in 90 minutes and in 3 hours, change
an item locally, re-fit a late session; another person's plan is a 404; bad input gives
field errors and creates nothing."""

import pytest
from django.urls import reverse

from coalesce.training.models import Plan

NOTE = "Use the example of the Kenyan Police Reforms Working Group"


def _create(client, **data):
    form = {"module_id": "module-12", "title": "Session", "available_minutes": "90", **data}
    return client.post(reverse("training:plan_create"), form)


def test_catalogue_and_module_pages_show_the_module_and_its_source(world):
    client = world.client("outsider")
    for url in [reverse("training:modules"), reverse("training:module", args=["module-12"])]:
        response = client.get(url)
        assert response.status_code == 200
        body = response.content.decode()
        assert "Module" in body and "Ways to fit" in body or "Plan a session" in body
    from coalesce.training.catalogue import get_module

    module = get_module("module-12")
    for url in [reverse("training:modules"), reverse("training:module", args=["module-12"])]:
        assert module.source.split()[0] in client.get(url).content.decode()
    detail = client.get(reverse("training:module", args=["module-12"])).content.decode()
    assert "Add a role play" in detail
    assert client.get(reverse("training:module", args=["nope"])).status_code == 404


def test_training_is_in_the_top_navigation_for_signed_in_people(world):
    assert reverse("training:modules") in world.client("member").get("/").content.decode()
    assert reverse("training:modules") not in world.client("anonymous").get("/").content.decode()


def test_a_facilitator_plans_a_90_minute_and_a_3_hour_version(world):
    client = world.client("outsider")
    form = client.get(reverse("training:plan_create") + "?module=module-12")
    assert form.status_code == 200
    assert '<label for="id_available_minutes">' in form.content.decode()

    short = _create(
        client,
        title="Nairobi, short",
        available_minutes="90",
        start="2026-03-02T09:00",
    )
    plan = Plan.objects.get(title="Nairobi, short")
    assert short.status_code == 302 and short["Location"] == reverse(
        "training:plan", args=[plan.pk]
    )
    sheet = client.get(short["Location"]).content.decode()
    assert "Run the challenges exercise as a short plenary discussion" in sheet
    assert "09:00" in sheet and "10:25" in sheet  # 85 minutes from 09:00
    assert "5 minutes" in sheet  # spare

    long = _create(
        client,
        title="Nairobi, long",
        available_minutes="180",
        break_1_after="coalition-building",
        break_1_minutes="15",
    )
    assert long.status_code == 302
    plan = Plan.objects.get(title="Nairobi, long")
    assert plan.breaks == [{"after_item": "coalition-building", "minutes": 15, "label": "Break"}]
    sheet = client.get(long["Location"]).content.decode()
    # 165 minutes of teaching: the role play (+60) does not fit with the break
    assert "This plan does not fit" not in sheet
    assert "Add a role play" not in sheet.split("Adaptations applied")[1]

    client.post(reverse("training:plan_edit", args=[plan.pk]), {"title": "Nairobi, long",
                "available_minutes": "195", "break_1_after": "coalition-building",
                "break_1_minutes": "15"})  # fmt: skip
    sheet = client.get(long["Location"]).content.decode()
    assert "Add a role play" in sheet.split("Adaptations applied")[1]

    response = client.post(
        reverse("training:plan_override", args=[plan.pk]),
        {"item_id": "best-practices", "minutes": "20", "note": NOTE, "video": "Local film"},
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.overrides == {
        "best-practices": {"minutes": 20, "note": NOTE, "video": "Local film"}
    }
    sheet = client.get(long["Location"]).content.decode()
    assert NOTE in sheet and "Local film" in sheet

    listing = client.get(reverse("training:plans")).content.decode()
    assert "Nairobi, short" in listing and "Nairobi, long" in listing


def test_a_plan_that_cannot_fit_shows_a_clear_error(world):
    client = world.client("member")
    _create(client, title="Too short", available_minutes="60")
    plan = Plan.objects.get(title="Too short")
    sheet = client.get(reverse("training:plan", args=[plan.pk])).content.decode()
    assert "This plan does not fit" in sheet
    assert "This module needs at least 85 minutes; you have 60." in sheet


def test_refit_shows_the_rest_and_stores_nothing(world):
    client = world.client("member")
    _create(client, title="Live", available_minutes="120", start="2026-03-02T09:00")
    plan = Plan.objects.get(title="Live")
    before = (plan.updated_at, plan.overrides, plan.breaks)
    url = reverse("training:plan_refit", args=[plan.pk])
    assert client.get(url).status_code == 200
    response = client.get(
        url, {"done": ["introduction-talking-points", "coalition-building"], "minutes_used": 40}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "The rest, re-fitted" in body and "09:40" in body
    assert "Run the challenges exercise as a short plenary discussion" in body
    response = client.get(url, {"done": ["introduction-talking-points"], "minutes_used": 60})
    assert response.status_code == 400
    assert "20 too few" in response.content.decode()
    plan.refresh_from_db()
    assert (plan.updated_at, plan.overrides, plan.breaks) == before


def test_another_person_gets_404_on_the_plan(world):
    _create(world.client("member"), title="Mine")
    plan = Plan.objects.get(title="Mine")
    other = world.client("steering")
    for name in ["plan", "plan_edit", "plan_override", "plan_refit"]:
        assert other.get(reverse(f"training:{name}", args=[plan.pk])).status_code == 404
    assert other.post(reverse("training:plan_delete", args=[plan.pk])).status_code == 404
    assert (
        other.post(
            reverse("training:plan_edit", args=[plan.pk]),
            {"title": "Hijacked", "available_minutes": 90},
        ).status_code
        == 404
    )
    plan.refresh_from_db()
    assert plan.title == "Mine"
    assert "Mine" not in other.get(reverse("training:plans")).content.decode()
    world.client("member").post(reverse("training:plan_delete", args=[plan.pk]))
    assert not Plan.objects.filter(pk=plan.pk).exists()


@pytest.mark.parametrize(
    "data, field",
    [
        ({"available_minutes": "0"}, "available_minutes"),
        ({"available_minutes": "2000"}, "available_minutes"),
        ({"available_minutes": "abc"}, "available_minutes"),
        ({"title": ""}, "title"),
        ({"module_id": "no-such-module"}, "module_id"),
        ({"break_1_after": "coalition-building"}, "break_1_minutes"),
        ({"break_1_minutes": "10"}, "break_1_after"),
        ({"break_1_after": "nowhere", "break_1_minutes": "10"}, "break_1_after"),
        ({"start": "tomorrow"}, "start"),
    ],
)
def test_bad_input_gives_field_errors_and_creates_nothing(world, data, field):
    response = _create(world.client("member"), **data)
    assert response.status_code == 400
    assert response.context["form"].errors.get(field), response.context["form"].errors
    assert 'class="error"' in response.content.decode()
    assert not Plan.objects.exists()


def test_bad_override_input_is_shown_on_its_field(world):
    client = world.client("member")
    _create(client, title="Mine")
    plan = Plan.objects.get(title="Mine")
    url = reverse("training:plan_override", args=[plan.pk])
    response = client.post(url, {"item_id": "takeaways", "minutes": "601"})
    assert response.status_code == 400
    assert response.context["form"].errors["minutes"]
    response = client.post(url, {"item_id": "takeaways", "note": "x" * 501})
    assert response.status_code == 400 and response.context["form"].errors["note"]
    plan.refresh_from_db()
    assert plan.overrides == {}


def test_pages_have_no_inline_style_or_script(world):
    client = world.client("member")
    _create(client, title="Mine", start="2026-03-02T09:00")
    plan = Plan.objects.get(title="Mine")
    urls = [reverse("training:modules"), reverse("training:module", args=["module-12"]),
            reverse("training:plans"), reverse("training:plan_create"),
            reverse("training:plan", args=[plan.pk]), reverse("training:plan_edit", args=[plan.pk]),
            reverse("training:plan_override", args=[plan.pk]),
            reverse("training:plan_refit", args=[plan.pk])]  # fmt: skip
    for url in urls:
        body = client.get(url).content.decode()
        assert "<script" not in body and "style=" not in body and "<style" not in body, url


def test_module_and_plan_pages_link_to_their_printables(client, django_user_model):
    from django.urls import reverse

    user = django_user_model.objects.create_user("facilitator2@example.org", "a long password 123")
    client.force_login(user)
    module_page = client.get(reverse("training:module", args=["module-12"])).content.decode()
    assert reverse("training:print_answer_key", args=["module-12"]) in module_page
    assert reverse("training:print_role_play", args=["module-12"]) in module_page
