"""Modules in several languages: a translation (``module-12.fr.yaml``) is the module
with its texts in another language and everything else — ids, numbers, kinds, minutes,
answers — the original's, which the loader checks; a plan chooses the language the
module is given in, and its agenda, printouts and live session follow it, while each
phone's own words stay in its reader's language."""

from pathlib import Path

import pytest
import yaml
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from coalesce.core.errors import DomainError
from coalesce.training import services
from coalesce.training.catalogue import (
    SHIPPED,
    ModuleFileError,
    get_module,
    load_module,
    load_translation,
    module_languages,
)
from coalesce.training.live import services as live

ORIGINAL = Path(SHIPPED) / "module-12.yaml"
FRENCH = Path(SHIPPED) / "module-12.fr.yaml"


def test_module_12_is_given_in_four_languages():
    assert module_languages("module-12") == ["en", "ar", "es", "fr"]
    english, arabic = get_module("module-12"), get_module("module-12", "ar")
    assert arabic.language == "ar" and arabic.title != english.title
    assert [i.id for i in arabic.items()] == [i.id for i in english.items()]
    assert [i.minutes for i in arabic.items()] == [i.minutes for i in english.items()]
    assert [q.answer for q in arabic.questions] == [q.answer for q in english.questions]
    assert get_module("module-12", "sw") is english  # no Swahili: as written


def written(tmp_path, change, name="module-12.fr.yaml") -> Path:
    data = yaml.safe_load(FRENCH.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def problems_of(path) -> str:
    with pytest.raises(ModuleFileError) as error:
        load_translation(path, load_module(ORIGINAL))
    return str(error.value)


def test_a_translation_that_changes_a_timing_is_refused(tmp_path):
    def longer(data):  # the total kept in step, so only the comparison can object
        data["sections"][0]["items"][0]["minutes"] += 5
        data["total_minutes"] += 5

    path = written(tmp_path, longer)
    assert "sections[0].items[0].minutes: must be" in problems_of(path)


def test_a_translation_that_moves_the_answer_is_refused(tmp_path):
    path = written(tmp_path, lambda d: d["questions"][0].update(answer=0))
    assert "questions[0].answer: must be" in problems_of(path)


def test_a_translation_that_drops_a_point_is_refused(tmp_path):
    def drop(data):
        data["sections"][0]["items"][0]["talking_points"].pop()

    assert "talking_points: must have" in problems_of(written(tmp_path, drop))


def test_a_translation_in_another_language_than_its_name_says_is_refused(tmp_path):
    path = written(tmp_path, lambda d: d.update(language="es"))
    assert "language: must be 'fr'" in problems_of(path)


def test_the_shipped_translations_pass_the_check():
    for language in ("fr", "es", "ar"):
        path = Path(SHIPPED) / f"module-12.{language}.yaml"
        assert load_translation(path, load_module(ORIGINAL)).language == language


@pytest.fixture
def french_plan(world):
    return services.create_plan(
        world.users["member"],
        module_id="module-12",
        title="Abidjan",
        available_minutes=120,
        language="fr",
    )


def test_a_plan_gives_the_module_in_its_language(world, french_plan):
    french = get_module("module-12", "fr")
    page = world.client("member").get(reverse("training:plan", args=[french_plan.pk]))
    assert escape(french.items()[0].title) in page.content.decode()
    assert escape(get_module("module-12").items()[0].title) not in page.content.decode()


def test_a_plan_refuses_a_language_its_module_lacks(world):
    with pytest.raises(DomainError) as error:
        services.create_plan(
            world.users["member"],
            module_id="module-12",
            title="x",
            available_minutes=120,
            language="sw",
        )
    assert error.value.field == "language"


def test_the_api_says_a_plans_language_and_refuses_an_unknown_one(world):
    from coalesce.accounts.models import ApiToken

    _t, raw = ApiToken.issue(world.users["member"], "t")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    body = {"module_id": "module-12", "title": "T", "available_minutes": 120}
    made = api.post("/api/training/plans", {**body, "language": "es"}, "application/json")
    assert made.status_code == 201 and made.json()["language"] == "es"
    refused = api.post("/api/training/plans", {**body, "language": "de"}, "application/json")
    assert refused.status_code == 400 and "language" in refused.content.decode()


def test_a_phone_reads_the_session_in_the_plans_language_and_its_own(world, french_plan):
    session = live.open_session(world.users["member"], french_plan.pk)
    live.go_to(world.users["member"], session.pk, "strengths-weaknesses")
    phone = Client(HTTP_ACCEPT_LANGUAGE="ar")
    phone.post(reverse("live:enter", args=[session.code]), {"display_name": "Amal"})
    page = phone.get(reverse("live:phone", args=[session.code])).content.decode()
    french = get_module("module-12", "fr")
    item = next(i for i in french.items() if i.id == "strengths-weaknesses")
    assert escape(item.title) in page  # the module's words: the plan's French
    assert 'lang="ar"' in page and 'dir="rtl"' in page  # the phone's own: Arabic
