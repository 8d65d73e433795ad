"""The curriculum module format: Module 12 as shipped, the loader's located errors,
the validate_module command, and a second module written from docs/module-format.md."""

import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command

from coalesce.coalitions.models import ActorType, PolicyKind
from coalesce.training import catalogue as catalogue_module
from coalesce.training.catalogue import ModuleFileError, catalogue, load_catalogue, load_module
from coalesce.training.schema import CHARTER_POLICIES, Module

MODULE_12 = Path(catalogue_module.SHIPPED) / "module-12.yaml"
STAKEHOLDER = Path(__file__).parent / "data" / "module-stakeholder-mapping.yaml"
SEED = Path("/work/shared/seed/000_75019c98c240f9a7.txt")
CITATION = (
    "Adapted from Inclusive Security and DCAF. A Women's Guide to Security Sector Reform: "
    "Training Curriculum. Washington, D.C.: Inclusive Security and DCAF, 2017. Module 12."
)


# --- Module 12 -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def module12() -> Module:
    return load_module(MODULE_12)


def test_module_12_loads_with_its_numbers_and_120_minutes(module12):
    assert module12.id == "module-12"
    assert module12.source == CITATION
    assert "adapt" in module12.licence_note
    assert module12.total_minutes == 120
    assert sum(item.minutes for item in module12.items()) == 120
    assert [s.number for s in module12.sections] == ["12.1", "12.2", "12.3", "12.4"]
    assert [(i.number, i.minutes) for i in module12.items()] == [
        ("12.1.1", 5),
        ("12.2.1", 20),
        ("12.2.2", 30),
        ("12.2.3", 30),
        ("12.3.1", 30),
        ("12.4.1", 5),
    ]
    assert len(module12.objectives) == 3
    assert len(module12.resources) == 5
    assert all(r.url.startswith("https://") for r in module12.resources)


def test_every_discussion_has_expected_points(module12):
    discussions = [i for i in module12.items() if i.kind == "discussion"]
    assert discussions
    for item in discussions:
        assert item.expected_points and item.prompts
    points = next(i for i in discussions if i.number == "12.2.2").expected_points
    assert sum(p.startswith("Benefit") for p in points) == 6
    assert sum(p.startswith("Challenge") for p in points) == 5


def test_the_activity_records_partner_challenge_strategy(module12):
    activity = next(i for i in module12.items() if i.number == "12.2.3").activity
    assert activity.record == ["Partner type", "Challenge", "Strategy"]
    assert activity.group_size == 3
    assert activity.debrief


def test_adaptations_match_adapting_the_module(module12):
    by_number = {i.id: i.number for i in module12.items()}
    found = {(a.kind, by_number[a.item], a.minutes) for a in module12.adaptations}
    assert found == {
        ("less", "12.2.1", 10),
        ("less", "12.2.2", 10),
        ("less", "12.2.3", 15),
        ("more", "12.3.1", 60),
    }
    role_play = module12.role_play
    assert role_play is not None
    assert next(a for a in module12.adaptations if a.id == role_play.adaptation).kind == "more"
    assert len(role_play.parts) >= 6
    assert len({p.actor_type for p in role_play.parts}) >= 6
    assert {p.actor_type for p in role_play.parts} <= set(ActorType.values)
    assert any("name" in c for p in role_play.parts for c in p.concerns)  # anonymity


def test_handout_points_carry_every_charter_policy(module12):
    (handout,) = module12.handouts
    assert handout.title == "Best Practices for Organizing and Maintaining a Coalition"
    policies = [p.charter_policy for b in handout.blocks for p in b.points if p.charter_policy]
    assert sorted(policies) == sorted(PolicyKind.values)
    assert [p.charter_policy for p in handout.blocks[-1].points] == ["", ""]


def test_charter_policies_in_the_format_are_the_charter_kinds():
    assert set(CHARTER_POLICIES) == set(PolicyKind.values)


def test_assessment_questions_and_answer_key(module12):
    assert [(q.number, len(q.options), q.answer) for q in module12.questions] == [
        ("Q.12.1", 4, 2),
        ("Q.12.2", 4, 3),
    ]
    assert "alliance" in module12.questions[0].options[2].lower()
    assert "organisation" in module12.questions[1].options[3].lower()


def _words(text: str) -> list[str]:
    text = text.lower().replace("\u2019", "").replace("'", "")
    return re.findall(r"[a-z0-9]+", text)


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def test_no_sentence_of_twelve_words_is_copied_from_the_source():
    """The prose is our own: no run of 12 words from a seed sentence appears in any text
    of the module (citations, which must be exact, are left out)."""
    if not SEED.exists():
        pytest.skip("the seed curriculum is not on this machine")
    seed = SEED.read_text(encoding="utf-8").replace("*", "")
    runs = set()
    for sentence in re.split(r"(?<=[.!?:])\s+|\n+", seed):
        words = _words(sentence)
        for start in range(len(words) - 11):
            runs.add(tuple(words[start : start + 12]))
    data = yaml.safe_load(MODULE_12.read_text(encoding="utf-8"))
    data.pop("resources")
    data.pop("source")
    copied = []
    for text in _strings(data):
        words = _words(text)
        for start in range(len(words) - 11):
            if tuple(words[start : start + 12]) in runs:
                copied.append(" ".join(words[start : start + 12]))
    assert not copied, copied


# --- located errors ---------------------------------------------------------------------

GOOD = textwrap.dedent(
    """\
    id: tiny
    title: A tiny module
    source: Written for the tests.
    total_minutes: 30
    objectives: [Participants can test.]
    sections:
      - id: first
        title: First
        items:
          - {id: opening, title: Opening, kind: talking_points, minutes: 10}
          - id: talk
            title: Talk
            kind: discussion
            minutes: 20
            expected_points: [A point]
    adaptations:
      - {id: shorter, kind: less, item: talk, minutes: 5, summary: Shorter}
    questions:
      - {id: q1, text: "Which one?", options: [this, that], answer: 1}
    """
)


def problems_of(tmp_path, text, name="bad.yaml") -> list[str]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ModuleFileError) as caught:
        load_module(path)
    error = caught.value
    assert error.path == str(path)
    for message in error.messages():
        assert message.startswith(f"{path}: ")
    assert str(error).splitlines() == error.messages()
    return error.problems


def test_the_good_example_loads(tmp_path):
    path = tmp_path / "tiny.yaml"
    path.write_text(GOOD, encoding="utf-8")
    assert load_module(path).total_minutes == 30


def test_bad_yaml_gives_line_and_column(tmp_path):
    (problem,) = problems_of(tmp_path, "id: x\ntitle: [unclosed\nsource: y\n")
    assert problem.startswith("line 3, column 7: not valid YAML")
    assert "starts at line 2" in problem


def test_a_repeated_key_is_an_error_not_an_overwrite(tmp_path):
    (problem,) = problems_of(tmp_path, GOOD + "title: Again\n")
    assert problem == "title: appears twice (first on line 2) (line 20)"


def test_empty_file_and_not_a_mapping(tmp_path):
    assert problems_of(tmp_path, "") == ["the file is empty"]
    assert problems_of(tmp_path, "- a\n- b\n") == [
        "(top level): must be a mapping of fields (id, title, …), got list"
    ]


def test_missing_fields(tmp_path):
    text = GOOD.replace("title: A tiny module\n", "").replace("    title: First\n", "")
    problems = problems_of(tmp_path, text)
    assert "title: is required but missing" in problems
    assert "sections[0].title: is required but missing (line 6)" in problems


def test_wrong_types(tmp_path):
    text = GOOD.replace("minutes: 20", "minutes: twenty").replace(
        "title: First", "title: First\n    number: 1.2"
    )
    problems = problems_of(tmp_path, text)
    assert "sections[0].items[1].minutes: must be a whole number, got 'twenty' (line 15)" in (
        problems
    )
    assert 'sections[0].number: must be text, got 1.2 (put it in quotes: "1.2") (line 9)' in (
        problems
    )


def test_out_of_range_minutes(tmp_path):
    problems = problems_of(tmp_path, GOOD.replace("minutes: 10}", "minutes: 0}"))
    assert problems == ["sections[0].items[0].minutes: must be at least 1, got 0 (line 10)"]


def test_unknown_field_is_named_with_a_suggestion(tmp_path):
    text = GOOD.replace("expected_points:", "expected_point:")
    problems = problems_of(tmp_path, text)
    assert problems[0].startswith(
        "sections[0].items[1].expected_point: unknown field 'expected_point' "
        "(did you mean 'expected_points'?); allowed here: id, number, title, kind"
    )
    assert problems[0].endswith("(line 15)")


def test_an_adaptation_naming_an_unknown_item(tmp_path):
    problems = problems_of(tmp_path, GOOD.replace("item: talk", "item: tlak"))
    assert problems == [
        "adaptations[0].item: adaptation 'shorter' names unknown item 'tlak' "
        "(items: opening, talk) (line 17)"
    ]


def test_an_adaptation_saving_the_whole_item(tmp_path):
    (problem,) = problems_of(tmp_path, GOOD.replace("minutes: 5,", "minutes: 20,"))
    assert problem.startswith("adaptations[0].minutes: adaptation 'shorter' saves 20 min")
    assert problem.endswith("it must leave at least 1 min (line 17)")


def test_totals_that_do_not_add_up(tmp_path):
    problems = problems_of(tmp_path, GOOD.replace("total_minutes: 30", "total_minutes: 45"))
    assert problems == ["total_minutes: is 45 but the items add up to 30 (line 4)"]


def test_an_answer_index_out_of_range(tmp_path):
    problems = problems_of(tmp_path, GOOD.replace("answer: 1", "answer: 2"))
    assert problems == [
        "questions[0].answer: answer 2 is not one of the 2 options "
        "(they are numbered from 0 to 1) (line 19)"
    ]


def test_a_discussion_without_expected_points(tmp_path):
    text = GOOD.replace("        expected_points: [A point]\n", "")
    assert problems_of(tmp_path, text) == [
        "sections[0].items[1]: a discussion needs expected_points (line 11)"
    ]


def test_duplicate_ids_and_unknown_charter_policy(tmp_path):
    text = GOOD.replace("id: talk", "id: opening").replace("item: talk", "item: opening")
    text += textwrap.dedent(
        """\
        handouts:
          - id: sheet
            title: Sheet
            blocks:
              - heading: Policies
                points:
                  - {title: Deciding, text: How we decide., charter_policy: decision-making}
        """
    )
    problems = problems_of(tmp_path, text)
    assert (
        "sections[0].items[1].id: item id 'opening' is already used at sections[0].items[0].id "
        "(line 11)"
    ) in problems
    assert any(
        p.startswith(
            "handouts[0].blocks[0].points[0].charter_policy: 'decision-making' is not a "
            "charter policy"
        )
        and p.endswith("(line 26)")
        for p in problems
    )


def test_every_problem_is_reported_at_once(tmp_path):
    text = GOOD.replace("minutes: 10}", "minutes: -1}").replace("answer: 1", "answer: 9")
    text = text.replace("id: tiny", "id: tiny\ncolour: red")
    problems = problems_of(tmp_path, text)
    assert [p.split(":")[0] for p in problems] == [
        "sections[0].items[0].minutes",
        "questions[0].answer",
        "colour",
    ]


def test_an_unreadable_file(tmp_path):
    with pytest.raises(ModuleFileError, match="cannot be read"):
        load_module(tmp_path / "missing.yaml")


# --- the validate_module command --------------------------------------------------------


def test_validate_module_reports_ok(capsys):
    call_command("validate_module", str(MODULE_12))
    assert capsys.readouterr().out.strip() == "OK module-12 (en): 4 sections, 6 items, 120 minutes"


def test_validate_module_reports_problems_and_exits_non_zero(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text(GOOD.replace("total_minutes: 30", "total_minutes: 31"), encoding="utf-8")
    with pytest.raises(SystemExit) as exit_:
        call_command("validate_module", str(MODULE_12), str(bad))
    assert exit_.value.code == 1
    out, err = capsys.readouterr()
    assert "OK module-12" in out
    assert f"{bad}: total_minutes: is 31 but the items add up to 30 (line 4)" in err


def test_the_coalesce_program_exit_codes(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: [", encoding="utf-8")
    command = [sys.executable, "-m", "coalesce", "validate_module"]
    good = subprocess.run([*command, str(MODULE_12)], capture_output=True, text=True)
    assert good.returncode == 0, good.stderr
    assert good.stdout.startswith("OK module-12 (en):")
    failed = subprocess.run([*command, str(bad)], capture_output=True, text=True)
    assert failed.returncode == 1
    assert f"{bad}: line 1" in failed.stderr


# --- a second module, written from docs/module-format.md --------------------------------


def test_the_stakeholder_mapping_module_loads():
    module = load_module(STAKEHOLDER)
    assert module.total_minutes == 60
    kinds = {item.kind for item in module.items()}
    assert {"discussion", "activity"} <= kinds
    assert {a.kind for a in module.adaptations} == {"less", "more"}
    assert module.handouts
    assert len(module.questions) == 3


def test_a_modules_dir_adds_to_the_catalogue(tmp_path, monkeypatch):
    folder = tmp_path / "modules"
    folder.mkdir()
    (folder / STAKEHOLDER.name).write_text(STAKEHOLDER.read_text(encoding="utf-8"))
    monkeypatch.setenv("COALESCE_MODULES_DIR", str(folder))
    load_catalogue.cache_clear()
    try:
        found = catalogue()
        assert "module-12" in found
        assert found[load_module(STAKEHOLDER).id].total_minutes == 60
    finally:
        monkeypatch.delenv("COALESCE_MODULES_DIR")
        load_catalogue.cache_clear()
    assert load_module(STAKEHOLDER).id not in catalogue()


def test_two_files_with_one_id_are_refused(tmp_path, monkeypatch):
    folder = tmp_path / "modules"
    folder.mkdir()
    (folder / "copy.yaml").write_text(MODULE_12.read_text(encoding="utf-8"))
    monkeypatch.setenv("COALESCE_MODULES_DIR", str(folder))
    load_catalogue.cache_clear()
    try:
        with pytest.raises(ModuleFileError, match="'module-12' is already the id of"):
            catalogue()
    finally:
        monkeypatch.delenv("COALESCE_MODULES_DIR")
        load_catalogue.cache_clear()


def test_the_example_in_the_format_documentation_is_valid(tmp_path):
    doc = Path(__file__).parents[2] / "docs" / "module-format.md"
    blocks = re.findall(r"```yaml\n(.*?)```", doc.read_text(encoding="utf-8"), re.S)
    example = next(block for block in blocks if block.startswith("format: 1"))
    path = tmp_path / "example.yaml"
    path.write_text(example, encoding="utf-8")
    module = load_module(path)
    assert module.total_minutes == 45
