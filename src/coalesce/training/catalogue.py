"""Loading module files and the catalogue of modules this installation offers.

Shipped modules live in ``training/modules/``; more can be added with the
``COALESCE_MODULES_DIR`` environment variable (a folder of ``*.yaml`` files). A file
named ``<name>.<language>.yaml`` (``module-12.fr.yaml``) is a translation of the module
in ``<name>.yaml``: the same module, its texts in that language, its structure the
original's (``structure_problems``).

A file that does not follow the format raises ``ModuleFileError``: one problem per
mistake, each naming the file, the path inside it (``sections[1].items[0].minutes``),
the line, and what is wrong. See docs/module-format.md.
"""

import difflib
import os
import re
import types
import typing
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ValidationError

from coalesce.core.errors import DomainError, NotFound
from coalesce.training.schema import TRANSLATED_FIELDS, Module

SHIPPED = Path(__file__).parent / "modules"


class ModuleFileError(DomainError):
    """A module file that does not follow the format; ``problems`` lists each one.

    Each problem reads ``location: what is wrong (line N)``; ``str(error)`` gives one
    line per problem, each prefixed with the file: ``file.yaml: location: …``.
    """

    def __init__(self, path, problems: list[str]):
        self.path = str(path)
        self.problems = problems
        super().__init__("\n".join(self.messages()))

    def messages(self) -> list[str]:
        return [f"{self.path}: {problem}" for problem in self.problems]


# --- locations ----------------------------------------------------------------------


def _location(loc) -> str:
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path or "(top level)"


def _parse_location(text: str) -> tuple:
    return tuple(
        int(index) if index else name for name, index in re.findall(r"(\w+)|\[(\d+)\]", text)
    )


def _line(node, loc) -> int | None:
    """The line of the YAML node at ``loc`` (or of the nearest enclosing node we find)."""
    if node is None:
        return None
    for part in loc:
        child = None
        if isinstance(node, yaml.MappingNode) and isinstance(part, str):
            for key, value in node.value:
                if key.value == part:
                    child = value
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if 0 <= part < len(node.value):
                child = node.value[part]
        if child is None:
            break
        node = child
    return node.start_mark.line + 1


def _key_line(node, loc) -> int | None:
    """The line of the key ``loc[-1]`` in the mapping at ``loc[:-1]`` (for unknown fields)."""
    parent_line = _line(node, loc[:-1])
    for part in loc[:-1]:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == part), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            node = node.value[part] if 0 <= part < len(node.value) else None
        if node is None:
            return parent_line
    if isinstance(node, yaml.MappingNode):
        for key, _value in node.value:
            if key.value == loc[-1]:
                return key.start_mark.line + 1
    return parent_line


# --- the model behind a location (for "unknown field" hints) -------------------------


def _unwrap(annotation):
    """The model inside list[Model], Model | None, Annotated[Model, …]; else None."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (list, typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _unwrap(arg)
            if found is not None:
                return found
        return None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return None


def _model_at(loc) -> type[BaseModel] | None:
    model = Module
    for part in loc:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        if field is None:
            return None
        model = _unwrap(field.annotation)
        if model is None:
            return None
    return model


# --- messages ------------------------------------------------------------------------


def _shown(value) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _message(error, loc) -> str:
    kind, ctx, got = error["type"], error.get("ctx") or {}, error.get("input")
    field = loc[-1] if loc and isinstance(loc[-1], str) else None
    if kind == "missing":
        return "is required but missing"
    if kind == "extra_forbidden":
        model = _model_at(loc[:-1])
        allowed = list(model.model_fields) if model else []
        hint = difflib.get_close_matches(str(field), allowed, n=1)
        message = f"unknown field {field!r}"
        if hint:
            message += f" (did you mean {hint[0]!r}?)"
        if allowed:
            message += f"; allowed here: {', '.join(allowed)}"
        return message
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        return f"must be a whole number, got {_shown(got)}"
    if kind == "string_type":
        message = f"must be text, got {_shown(got)}"
        if isinstance(got, int | float) and not isinstance(got, bool):
            message += f' (put it in quotes: "{got}")'
        return message
    if kind == "list_type":
        return f"must be a list (lines starting with '- '), got {_shown(got)}"
    if kind in {"model_type", "model_attributes_type", "dict_type"}:
        return f"must be a mapping of fields (name: value), got {_shown(got)}"
    if kind == "greater_than_equal":
        return f"must be at least {ctx.get('ge')}, got {_shown(got)}"
    if kind == "less_than_equal":
        return f"must be at most {ctx.get('le')}, got {_shown(got)}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return f"is {len(got)} characters long; at most {ctx.get('max_length')} are allowed"
    if kind == "too_short":
        return (
            f"needs at least {ctx.get('min_length')} entr"
            f"{'y' if ctx.get('min_length') == 1 else 'ies'}, has {ctx.get('actual_length')}"
        )
    if kind == "too_long":
        return f"may have at most {ctx.get('max_length')} entries, has {ctx.get('actual_length')}"
    if kind == "string_pattern_mismatch":
        return (
            f"must be an id: lowercase letters, digits and hyphens, starting with a letter "
            f"or digit, at most 60 characters; got {_shown(got)}"
        )
    if kind == "literal_error":
        return f"must be one of {ctx.get('expected')}; got {_shown(got)}"
    if kind == "value_error":
        return error["msg"].removeprefix("Value error, ")
    return f"{error['msg']}; got {_shown(got)}"


def _problem(where: str, message: str, line: int | None) -> str:
    return f"{where}: {message}" + (f" (line {line})" if line else "")


# --- loading -------------------------------------------------------------------------


def _read_yaml(path: Path, text: str):
    """The document's data and its node tree; duplicate keys are errors, not overwrites."""
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise ModuleFileError(path, ["the file is empty"])
        duplicates = []
        _find_duplicate_keys(node, (), duplicates)
        if duplicates:
            raise ModuleFileError(path, duplicates)
        return loader.construct_document(node), node
    finally:
        loader.dispose()


def _find_duplicate_keys(node, loc, problems):
    if isinstance(node, yaml.MappingNode):
        seen = {}
        for key, value in node.value:
            name = key.value
            if name in seen:
                problems.append(
                    _problem(
                        _location((*loc, name)),
                        f"appears twice (first on line {seen[name]})",
                        key.start_mark.line + 1,
                    )
                )
            else:
                seen[name] = key.start_mark.line + 1
            _find_duplicate_keys(value, (*loc, name), problems)
    elif isinstance(node, yaml.SequenceNode):
        for index, value in enumerate(node.value):
            _find_duplicate_keys(value, (*loc, index), problems)


def load_module(path) -> Module:
    """Read and validate one module file; raises ModuleFileError naming each problem."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ModuleFileError(path, [f"cannot be read: {error.strerror}"]) from error
    except UnicodeDecodeError as error:
        raise ModuleFileError(
            path, [f"is not UTF-8 text (byte {error.start} cannot be decoded)"]
        ) from error
    try:
        data, root = _read_yaml(path, text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = getattr(error, "problem", None) or str(error)
        context = getattr(error, "context", None)
        started = getattr(error, "context_mark", None)
        if context and started:
            context += f" that starts at line {started.line + 1}, column {started.column + 1}"
        detail = f"{problem} ({context})" if context else problem
        raise ModuleFileError(path, [f"{where}not valid YAML: {detail}"]) from error
    if not isinstance(data, dict):
        raise ModuleFileError(
            path,
            [f"(top level): must be a mapping of fields (id, title, …), got {type(data).__name__}"],
        )
    try:
        module = Module.model_validate(data, context={"defer_reference_checks": True})
    except ValidationError as error:
        problems = []
        for e in error.errors():
            loc = tuple(e["loc"])
            if e["type"] == "extra_forbidden":
                line = _key_line(root, loc)
            elif e["type"] == "missing" and len(loc) == 1:
                line = None  # a top-level field: "line 1" would only mislead
            else:
                line = _line(root, loc)
            problems.append(_problem(_location(loc), _message(e, loc), line))
        raise ModuleFileError(path, problems) from error
    problems = [
        _problem(where, what, _line(root, _parse_location(where)))
        for where, what in module.reference_problems()
    ]
    if problems:
        raise ModuleFileError(path, problems)
    return module


def module_files() -> list[Path]:
    folders = [SHIPPED]
    extra = os.environ.get("COALESCE_MODULES_DIR")
    if extra:
        folders.append(Path(extra))
    return sorted(p for folder in folders if folder.is_dir() for p in folder.glob("*.yaml"))


TRANSLATION_NAME = re.compile(r"^(?P<original>.+)\.(?P<language>[a-z]{2,3})\.yaml$")


def translated_language(path) -> str | None:
    """The language of a translation's file name (``module-12.fr.yaml``: "fr"), or None."""
    found = TRANSLATION_NAME.match(Path(path).name)
    return found["language"] if found else None


def original_path(path) -> Path:
    return Path(path).with_name(TRANSLATION_NAME.match(Path(path).name)["original"] + ".yaml")


def structure_problems(original, translation, where="") -> list[str]:
    """Where a translation's structure differs from its original's: every key, list
    length and value outside ``TRANSLATED_FIELDS`` must be the same."""
    if isinstance(original, dict):
        if not isinstance(translation, dict) or set(original) != set(translation):
            return [f"{where or '(top level)'}: must have the original's fields"]
        return [
            problem
            for key in original
            if key != "language"
            for problem in _field_problems(original[key], translation[key], where, key)
        ]
    if isinstance(original, list):
        if not isinstance(translation, list) or len(original) != len(translation):
            return [f"{where}: must have {len(original)} entries, as the original has"]
        return [
            problem
            for i, (a, b) in enumerate(zip(original, translation, strict=True))
            for problem in structure_problems(a, b, f"{where}[{i}]")
        ]
    if original != translation:
        return [f"{where}: must be {original!r}, as in the original (it is {translation!r})"]
    return []


def _field_problems(original, translation, where, key) -> list[str]:
    here = f"{where}.{key}" if where else key
    if key in TRANSLATED_FIELDS:
        if isinstance(original, list | dict) or isinstance(translation, list | dict):
            return _shape_problems(original, translation, here)
        return []
    return structure_problems(original, translation, here)


def _shape_problems(original, translation, where) -> list[str]:
    """A translated list (or mapping) keeps its length (or keys); its texts may change."""
    if isinstance(original, dict):
        same = isinstance(translation, dict) and set(original) == set(translation)
        return [] if same else [f"{where}: must have the keys {sorted(original)}"]
    if not isinstance(translation, list) or len(original) != len(translation):
        return [f"{where}: must have {len(original)} entries, as the original has"]
    return []


def load_translation(path, original: Module) -> Module:
    """A translation file, checked as a module and against its original's structure."""
    translation = load_module(path)
    problems = []
    if translation.language != translated_language(path):
        problems.append(f"language: must be {translated_language(path)!r}, as the file name says")
    problems += structure_problems(original.model_dump(), translation.model_dump())
    if problems:
        raise ModuleFileError(path, problems)
    return translation


def catalogue() -> dict[str, Module]:
    """The modules in their original language, by id."""
    return load_catalogue()[0]


def translations() -> dict[tuple[str, str], Module]:
    """The translations of the catalogue's modules, by (module id, language)."""
    return load_catalogue()[1]


@lru_cache(maxsize=1)
def load_catalogue():
    """(originals by id, translations by (id, language)), read once: every file is
    checked, and a bad one stops the catalogue (``ModuleFileError``)."""
    originals = [p for p in module_files() if translated_language(p) is None]
    modules, by_path = _originals(originals), {}
    for module, path in modules.values():
        by_path[path] = module
    translated = {}
    for path in module_files():
        if translated_language(path) is None:
            continue
        original = by_path.get(original_path(path))
        if original is None:
            missing = original_path(path).name
            raise ModuleFileError(path, [f"translates {missing}, which is missing"])
        translation = load_translation(path, original)
        translated[(original.id, translation.language)] = translation
    return {key: module for key, (module, _path) in modules.items()}, translated


def _originals(paths) -> dict[str, tuple[Module, Path]]:
    modules, origin = {}, {}
    for path in paths:
        module = load_module(path)
        if module.id in origin:
            raise ModuleFileError(
                path, [f"id: {module.id!r} is already the id of {origin[module.id]}"]
            )
        modules[module.id] = (module, path)
        origin[module.id] = path
    return modules


def get_module(module_id: str, language: str = "") -> Module:
    """The module in ``language`` when it has that translation, else in its own."""
    try:
        original = catalogue()[module_id]
    except KeyError as error:
        raise NotFound() from error
    return translations().get((module_id, language), original)


def module_languages(module_id: str) -> list[str]:
    """The languages the module can be given in: its own first, then its translations."""
    original = get_module(module_id)
    return [original.language] + sorted(
        language for (found, language) in translations() if found == module_id
    )
